import * as assert from 'assert';
import { analyseFixture, analyseText, applyFix, lineOf, rangeOf } from '../../helpers/fixtureFindings';

describe('outdated/privacy-shield', () => {
  const rule = 'outdated/privacy-shield';

  it('reports one finding per passage, naming the passage’s other paragraphs as related', () => {
    const { text, findings } = analyseFixture('risks/privacy-shield.md', rule);
    assert.strictEqual(findings.length, 1);
    const [f] = findings;
    assert.deepStrictEqual(f.range, rangeOf(text, 'EU-U.S. Privacy Shield'));
    assert.strictEqual(f.severity, 'warning');
    assert.match(f.message, /invalidated in 2020 \(Schrems II\)/);
    assert.match(f.citation ?? '', /C-311\/18/);
    // One note per further paragraph of the passage.
    assert.deepStrictEqual(f.related.map(r => r.range), [rangeOf(text, 'Privacy Shield', 3)]);
    assert.strictEqual(lineOf(text, 'If you have a complaint'), f.related[0].range.start.line);
  });

  it('offers the Data Privacy Framework with a placeholder for the lawyer’s choice, changing only those words', () => {
    const { text, raw } = analyseFixture('risks/privacy-shield.md', rule);
    const fix = raw[0].fixes![0];
    assert.strictEqual(fix.safe, false);
    const fixed = applyFix(text, fix);
    assert.strictEqual(
      fixed,
      text.replace('the EU-U.S. Privacy Shield', 'the EU-U.S. Data Privacy Framework [and/or Standard Contractual Clauses approved by the European Commission]'),
    );
  });

  it('stays silent when the Privacy Shield is mentioned as invalidated history', () => {
    assert.deepStrictEqual(analyseFixture('risks/privacy-shield-history.md', rule).findings, []);
  });
});

describe('outdated/flash-cookies', () => {
  const rule = 'outdated/flash-cookies';

  it('flags Flash cookies once for the passage', () => {
    const { text, findings } = analyseFixture('risks/flash-cookies.md', rule);
    assert.strictEqual(findings.length, 1);
    assert.deepStrictEqual(findings[0].range, rangeOf(text, 'Flash cookies'));
    assert.match(findings[0].message, /31 December 2020/);
  });

  it('does not flag a policy that says it does not use them', () => {
    assert.deepStrictEqual(analyseText('# Cookie Notice\n\nWe do not use Flash cookies or other local shared objects.\n', rule).findings, []);
  });
});

describe('outdated/stale-date', () => {
  const rule = 'outdated/stale-date';
  const policy = (date: string) => `# Privacy Policy\n\nLast updated: ${date}\n\nWe collect your email address to send receipts.\n`;

  it('flags a last-updated date more than 12 months before “today”, with a date fix in the same style', () => {
    const text = policy('March 3, 2024');
    const { findings, raw } = analyseText(text, rule, '2025-06-30');
    assert.strictEqual(findings.length, 1);
    assert.deepStrictEqual(findings[0].range, rangeOf(text, 'March 3, 2024'));
    assert.match(findings[0].message, /§1798\.130\(a\)\(5\)/);
    const fix = raw[0].fixes![0];
    assert.strictEqual(fix.safe, false);
    assert.strictEqual(applyFix(text, fix), policy('June 30, 2025'));
  });

  it('accepts a date within 12 months, and judges by the most recent date', () => {
    assert.deepStrictEqual(analyseText(policy('September 1, 2024'), rule, '2025-06-30').findings, []);
    const both = '# Privacy Policy\n\nEffective date: January 1, 2019\n\nLast updated: May 2, 2025\n\nWe collect your email address.\n';
    assert.deepStrictEqual(analyseText(both, rule, '2025-06-30').findings, []);
  });
});
