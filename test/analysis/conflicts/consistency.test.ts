import * as assert from 'assert';
import { analyseFixture, rangeOf } from '../../helpers/fixtureFindings';

describe('conflict/child-age', () => {
  const rule = 'conflict/child-age';

  it('flags “adults only” against a threshold of 13, with the other clause related', () => {
    const { text, findings } = analyseFixture('conflicts/child-age.md', rule);
    assert.strictEqual(findings.length, 1);
    assert.deepStrictEqual(findings[0].range.start.line, rangeOf(text, 'intended for use only by adults').start.line);
    assert.deepStrictEqual(findings[0].related.map(r => r.range.start.line), [rangeOf(text, 'under the age of 13').start.line]);
    assert.match(findings[0].message, /at 18, but the policy also sets it at 13/);
  });

  it('does not compare a COPPA threshold with the CCPA’s under-16 opt-in', () => {
    assert.deepStrictEqual(analyseFixture('conflicts/child-age-laws.md', rule).findings, []);
  });
});

describe('conflict/retention-period', () => {
  const rule = 'conflict/retention-period';

  it('flags two periods for the same data after the same event', () => {
    const { text, findings } = analyseFixture('conflicts/retention.md', rule);
    assert.strictEqual(findings.length, 1);
    assert.deepStrictEqual(findings[0].range.start.line, rangeOf(text, '30 days').start.line);
    assert.deepStrictEqual(findings[0].related.map(r => r.range.start.line), [rangeOf(text, '90 days').start.line]);
  });

  it('does not compare periods for different data', () => {
    assert.deepStrictEqual(analyseFixture('conflicts/retention-different-data.md', rule).findings, []);
  });
});

describe('conflict/do-not-track', () => {
  const rule = 'conflict/do-not-track';

  it('sits on “we honor Do Not Track” and names the clause that says the site does not respond', () => {
    const { text, findings } = analyseFixture('conflicts/do-not-track.md', rule);
    assert.strictEqual(findings.length, 1);
    assert.deepStrictEqual(findings[0].range.start, rangeOf(text, 'We honor Do Not Track').start);
    assert.deepStrictEqual(findings[0].related.map(r => r.range.start.line), [rangeOf(text, 'does not respond').start.line]);
    assert.match(findings[0].message, /§22575\(b\)\(5\)/);
  });

  it('does not confuse Global Privacy Control with Do Not Track, nor read a promise for the future as current practice', () => {
    assert.deepStrictEqual(analyseFixture('conflicts/do-not-track-consistent.md', rule).findings, []);
  });
});

describe('conflict/no-cookies-vs-cookies', () => {
  const rule = 'conflict/no-cookies-vs-cookies';

  it('sits on “we do not use cookies” and names the analytics cookies', () => {
    const { text, findings } = analyseFixture('conflicts/no-cookies.md', rule);
    assert.strictEqual(findings.length, 1);
    assert.deepStrictEqual(findings[0].range.start, rangeOf(text, 'We do not use cookies').start);
    assert.deepStrictEqual(findings[0].related.map(r => r.range.start.line), [rangeOf(text, 'We use analytics cookies').start.line]);
  });

  it('does not read a denial of one kind of cookie as a denial of all', () => {
    assert.deepStrictEqual(analyseFixture('conflicts/no-cookies-scoped.md', rule).findings, []);
  });
});
