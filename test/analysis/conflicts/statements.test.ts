import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { fixture, ROOT } from '../../helpers/paths';
import { analyseFixture, analyseText, rangeOf } from '../../helpers/fixtureFindings';

const fixtureText = (name: string) => fs.readFileSync(fixture(name), 'utf8');

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

  describe('stated disclosures of personal information for advertising', () => {
    /** The one finding of `text`: on the denial, related to the disclosure. */
    const sole = (text: string) => {
      const { findings } = analyseText(text, rule);
      assert.strictEqual(findings.length, 1, `expected one ${rule} finding, got ${findings.length}`);
      return findings[0];
    };

    it('sits on the denial and names “we disclose your purchase history to advertising partners” (usage data is personal information)', () => {
      const text = fixtureText('conflicts/sale-vs-ad-network.md');
      const f = sole(text);
      assert.strictEqual(f.ruleId, rule);
      assert.deepStrictEqual(f.range, rangeOf(text, 'sell or share your personal information.'));
      assert.deepStrictEqual(f.related.map(r => r.range), [rangeOf(text, 'disclose your purchase history to advertising partners')]);
      assert.match(f.related[0].message, /“sharing” under the CPRA/);
    });

    it('reads an agentless passive disclosure to other companies for ads on other apps as sharing', () => {
      const text = fixtureText('conflicts/sale-vs-ads-elsewhere.md');
      const f = sole(text);
      assert.deepStrictEqual(f.range, rangeOf(text, 'sell or share the personal information of our players.'));
      assert.deepStrictEqual(f.related.map(r => r.range), [rangeOf(text, 'Device identifiers may be disclosed to other companies to show you ads for our games on other apps')]);
    });

    it('finds the contradiction in the bundled sample policy (section “3. Sharing”)', () => {
      const text = fs.readFileSync(path.join(ROOT, 'samples', 'privacy-policy.md'), 'utf8');
      const f = sole(text);
      assert.deepStrictEqual(f.range, rangeOf(text, 'sell or share your personal information.'));
      assert.deepStrictEqual(f.related.map(r => r.range), [rangeOf(text, 'share usage data with\nadvertising networks')]);
    });

    it('stays silent on personalized ads for our own shows inside our own app, kept from third parties, and fires once they follow the user across other apps', () => {
      const text = fixtureText('conflicts/sale-first-party-ads.md');
      assert.deepStrictEqual(analyseText(text, rule).findings, []);
      const elsewhere = text.replace('within the app', 'across other apps');
      assert.deepStrictEqual(sole(elsewhere).related.map(r => r.range), [rangeOf(elsewhere, 'personalized advertising')]);
    });

    it('honours a denial’s exception for advertising partners, for stated sharing and described cookies alike, and fires without it', () => {
      const text = fixtureText('conflicts/sale-except-ad-partners.md');
      assert.deepStrictEqual(analyseText(text, rule).findings, []);
      const unqualified = text.replace(', except with our advertising partners as described in this section', '');
      const f = sole(unqualified);
      assert.deepStrictEqual(f.range, rangeOf(unqualified, 'sell or share your personal information.'));
      assert.deepStrictEqual(f.related.map(r => r.range), [rangeOf(unqualified, 'share device identifiers and browsing history with advertising partners'), rangeOf(unqualified, 'interest-based ads')]);
    });

    it('accepts a denial of sale alone when the policy calls the disclosure to ad networks “sharing”, and fires without that acknowledgement', () => {
      const text = fixtureText('conflicts/sale-acknowledged-statement.md');
      assert.deepStrictEqual(analyseText(text, rule).findings, []);
      const unacknowledged = text.replace(/ The disclosure to ad networks[^\n]*/, '');
      const f = sole(unacknowledged);
      assert.deepStrictEqual(f.range, rangeOf(unacknowledged, 'sell your personal information.'));
      assert.deepStrictEqual(f.related.map(r => r.range), [rangeOf(unacknowledged, 'share usage data with ad networks')]);
    });

    it('does not count aggregate or de-identified data given to advertisers, but does count device identifiers', () => {
      const text = fixtureText('conflicts/sale-aggregate.md');
      assert.deepStrictEqual(analyseText(text, rule).findings, []);
      const identified = text.replace('de-identified campaign reports', 'device identifiers');
      assert.deepStrictEqual(sole(identified).related.map(r => r.range), [rangeOf(identified, 'provide device identifiers to advertising partners')]);
    });
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
