import * as assert from 'assert';
import { analyseFixture, rangeOf } from '../risks/fixtureFindings';

describe('conflict/sale-vs-advertising', () => {
  const rule = 'conflict/sale-vs-advertising';

  it('sits on the denial of sale and names the third-party advertising as related, citing the CPRA', () => {
    const { text, findings } = analyseFixture('conflicts/sale-vs-advertising.md', rule);
    assert.strictEqual(findings.length, 1);
    const [f] = findings;
    assert.strictEqual(f.range.start.line, rangeOf(text, 'We do not sell or share').start.line);
    assert.deepStrictEqual(f.related.map(r => r.range), [rangeOf(text, 'interest-based ads')]);
    assert.match(f.message, /§1798\.140\(ah\)/);
    assert.match(f.related[0].message, /“sharing” under the CPRA/);
    assert.match(f.citation ?? '', /1798\.140\(ah\)/);
  });

  it('does not fire for a denial with an exception when no advertising is described', () => {
    assert.deepStrictEqual(analyseFixture('conflicts/sale-qualified.md', rule).findings, []);
  });

  it('does not fire when the policy itself discloses sharing for cross-context behavioral advertising', () => {
    assert.deepStrictEqual(analyseFixture('conflicts/sale-acknowledged.md', rule).findings, []);
  });
});

describe('conflict/no-sharing-vs-sharing', () => {
  const rule = 'conflict/no-sharing-vs-sharing';

  it('sits on “we never share” and names the disclosure to advertising networks', () => {
    const { text, findings } = analyseFixture('conflicts/no-sharing.md', rule);
    assert.strictEqual(findings.length, 1);
    assert.strictEqual(findings[0].range.start.line, rangeOf(text, 'We never share').start.line);
    assert.deepStrictEqual(findings[0].related.map(r => r.range.start.line), [rangeOf(text, 'advertising networks').start.line]);
    assert.match(findings[0].related[0].message, /disclosed here/);
  });

  it('respects exceptions and qualified denials: service providers are not third parties; “without your consent” is not absolute', () => {
    assert.deepStrictEqual(analyseFixture('conflicts/no-sharing-except.md', rule).findings, []);
  });
});

describe('conflict/no-collection-vs-collection', () => {
  const rule = 'conflict/no-collection-vs-collection';

  it('sits on “we do not collect any personal information” and names the collection of email and IP address', () => {
    const { text, findings } = analyseFixture('conflicts/no-collection.md', rule);
    assert.strictEqual(findings.length, 1);
    assert.strictEqual(findings[0].range.start.line, rangeOf(text, 'We do not collect').start.line);
    assert.deepStrictEqual(findings[0].related.map(r => r.range.start.line), [rangeOf(text, 'When you contact us').start.line]);
  });

  it('does not treat the COPPA statement about children as a denial of all collection', () => {
    assert.deepStrictEqual(analyseFixture('conflicts/no-collection-children.md', rule).findings, []);
  });
});
