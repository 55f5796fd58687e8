import * as assert from 'assert';
import { analyseFixture, analyseText, applyFix, rangeOf } from '../../helpers/fixtureFindings';

describe('hygiene/obfuscated-email', () => {
  const rule = 'hygiene/obfuscated-email';

  it('flags the scraper artifact and not real addresses or links', () => {
    const { text, findings } = analyseFixture('hygiene/obfuscated-email.md', rule);
    assert.deepStrictEqual(findings.map(f => f.range), [rangeOf(text, '[email protected]')]);
    assert.match(findings[0].message, /Write the address out/);
  });

  it('is not also reported as a placeholder', () => {
    assert.deepStrictEqual(analyseFixture('hygiene/obfuscated-email.md', 'hygiene/placeholder').findings, []);
  });
});

describe('hygiene/mojibake', () => {
  const rule = 'hygiene/mojibake';

  it('flags each damaged line once and repairs intact mis-decodings with a safe fix', () => {
    const { text, findings, raw } = analyseFixture('hygiene/mojibake.md', rule);
    assert.deepStrictEqual(findings.map(f => f.range.start.line), [2, 4]);
    assert.deepStrictEqual(findings[0].range, rangeOf(text, 'â€™'));
    const safe = raw[0].fixes!.find(f => f.safe)!;
    assert.strictEqual(applyFix(text, safe), text.replace('â€™', '’').replace('Ã©', 'é').replace('Â©', '©'));
  });

  it('offers quotes for the dropped-byte form only as an unsafe fix', () => {
    const { text, raw } = analyseFixture('hygiene/mojibake.md', rule);
    const guess = raw[1].fixes!;
    assert.strictEqual(guess.length, 1);
    assert.strictEqual(guess[0].safe, false);
    assert.strictEqual(applyFix(text, guess[0]), text.replace('âSiteâ', '“Site”').replace('âServiceâ', '“Service”'));
  });

  it('leaves real accented words alone', () => {
    assert.deepStrictEqual(analyseText('# Privacy Policy\n\nWe serve crème brûlée at the château; âge and naïve are words too.\n', rule).findings, []);
  });
});

describe('hygiene/broken-reference', () => {
  const rule = 'hygiene/broken-reference';

  it('flags a missing section number, a missing named section and a wrong direction; a right reference stays clean', () => {
    const { text, findings } = analyseFixture('hygiene/broken-reference.md', rule);
    assert.deepStrictEqual(findings.map(f => f.range.start.line), [
      rangeOf(text, 'see Section 9').start.line,
      rangeOf(text, 'Sharing section below').start.line,
      rangeOf(text, 'Cookies section below').start.line,
    ]);
    assert.match(findings[0].message, /no section 9/);
    assert.match(findings[1].message, /no such section/);
    assert.match(findings[2].message, /comes above/);
    assert.deepStrictEqual(findings[2].related.map(r => r.range.start.line), [rangeOf(text, '## 3. Cookies').start.line]);
  });

  it('flags a section number whose heading is about something else, and accepts one on topic', () => {
    const text = '# Privacy Policy\n\n## 1. Cookies and tracking\n\nWe use one session cookie.\n\n## 2. Retention\n\nWe keep receipts for six years.\n\n## 3. Your rights\n\n- Cookies: to block cookies, see Section 2.\n- Retention: for how long we keep receipts, see Section 2.\n';
    const { findings } = analyseText(text, rule);
    assert.deepStrictEqual(findings.map(f => f.range), [rangeOf(text, 'Section 2')]);
    assert.match(findings[0].message, /“Retention”, which is not about cookies/);
    assert.deepStrictEqual(findings[0].related.map(r => r.range), [rangeOf(text, 'Retention')]);
  });

  it('flags “the date stated at the top” when no date is there', () => {
    const text = '# Privacy Policy\n\nThis policy is effective as of the date stated at the top of this policy.\n';
    assert.strictEqual(analyseText(text, rule).findings.length, 1);
    const dated = '# Privacy Policy\n\nLast updated: March 3, 2026\n\nThis policy is effective as of the date stated at the top of this policy.\n';
    assert.deepStrictEqual(analyseText(dated, rule).findings, []);
  });
});

describe('hygiene/undefined-term', () => {
  const rule = 'hygiene/undefined-term';

  it('flags a term promised as “defined below” that is never defined, not one that is', () => {
    const { text, findings } = analyseFixture('hygiene/undefined-term.md', rule);
    assert.deepStrictEqual(findings[0].range, rangeOf(text, 'Account Data'));
    assert.ok(findings.every(f => !f.message.includes('“Personal Data”')));
  });

  it('flags a term defined twice in different words, with the first definition related', () => {
    const { text, findings } = analyseFixture('hygiene/undefined-term.md', rule);
    assert.strictEqual(findings.length, 2);
    assert.deepStrictEqual(findings[1].range, rangeOf(text, 'Site', 1));
    assert.deepStrictEqual(findings[1].related.map(r => r.range), [rangeOf(text, 'Site', 0)]);
    assert.match(findings[1].message, /defined twice/);
  });

  it('accepts the same definition repeated in the same words', () => {
    const text = '# Privacy Policy\n\nWe run the website at orchard.example (the "Site").\n\n## Cookies\n\nOur website at orchard.example (the "Site") uses one cookie.\n';
    assert.deepStrictEqual(analyseText(text, rule).findings, []);
  });

  it('leaves policies that hand undefined terms to their Terms of Service alone', () => {
    const text = '# Privacy Policy\n\nCapitalised terms not defined here have the meaning given in our Terms of Service. We protect Account Data (as defined below).\n';
    assert.deepStrictEqual(analyseText(text, rule).findings, []);
  });
});

describe('hygiene/placeholder near misses', () => {
  it('does not flag bracketed Markdown link text, reference links or lower-case anti-spam brackets', () => {
    const text = '# Privacy Policy\n\nSee [Your Privacy Choices](choices.md) and [YOUR RIGHTS][rights]. Write to privacy[at]example[dot]com.\n\n[rights]: rights.md\n';
    assert.deepStrictEqual(analyseText(text, 'hygiene/placeholder').findings, []);
  });
});
