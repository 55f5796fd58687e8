import * as assert from 'assert';
import * as fs from 'fs';
import { buildDocument } from '../../server/src/model/document';
import type { PolicyDocument, Span } from '../../server/src/model/types';
import { fixture } from '../helpers/paths';

const source = fs.readFileSync(fixture('semantics/facts-policy.md'), 'utf8');
// The same policy with Windows line ends and an emoji before the text, so that every offset shifts.
const variants: [string, string][] = [
  ['LF', source],
  ['CRLF + emoji', source.replace(/\n/g, '\r\n').replace('# Privacy Policy', '# 🪶 Privacy Policy')],
];

const said = (doc: PolicyDocument, span: Span) => doc.text.slice(span.start, span.end);

for (const [name, text] of variants) {
  describe(`facts (${name})`, () => {
    const doc = buildDocument(text);
    const f = doc.facts;

    it('reads the effective and last-updated dates, and not the copyright year', () => {
      assert.deepStrictEqual(
        f.dates.map(d => [d.role, d.iso, said(doc, d.span)]),
        [
          ['effective', '2024-01-14', 'January 14, 2024'],
          ['last-updated', '2023-03-01', '2023-03-01'],
        ],
      );
      const effective = f.dates[0];
      const line = text.split(/\r?\n/).findIndex(l => l.includes('January 14, 2024'));
      assert.deepStrictEqual(doc.lines.range(effective.span), { start: { line, character: 10 }, end: { line, character: 26 } });
    });

    it('reads age thresholds, in digits and in words, and ignores "minors" without a number', () => {
      assert.deepStrictEqual(
        f.ages.map(a => [a.age, a.aboutChildren, said(doc, a.span)]),
        [
          [13, true, 'under the age of 13'],
          [16, true, 'under 16'],
          [13, true, 'under thirteen'],
        ],
      );
    });

    it('reads durations with their sentence, and not "for as long as"', () => {
      assert.deepStrictEqual(
        f.durations.map(d => [d.amount, d.unit, d.days, said(doc, d.span)]),
        [
          [45, 'day', 45, 'within 45 days'],
          [7, 'year', 2555, 'up to 7 years'],
          [1, 'month', 30, 'within a month'],
        ],
      );
      assert.ok(f.durations[1].sentence.text.startsWith('We keep invoices'));
    });

    it('finds the e-mail address and the phone numbers (US, toll-free, international)', () => {
      assert.deepStrictEqual(f.emails.map(s => said(doc, s)), ['privacy@quillfeather.example']);
      assert.deepStrictEqual(f.phones.map(s => said(doc, s)), ['+1 (415) 555-0142', '1-800-555-0199', '+44 20 7946 0321']);
    });

    it('reads defined terms in double, curly and single quotes, and "… means"', () => {
      assert.deepStrictEqual(
        f.definedTerms.map(t => t.term),
        ['Quillfeather', 'we', 'us', 'Apps', 'Site', 'Bazaar', 'Account Data'],
      );
      for (const t of f.definedTerms) assert.strictEqual(said(doc, t.span), t.term);
    });

    it('reads cross-references by number and by name, with their direction, and leaves statute sections alone', () => {
      assert.deepStrictEqual(
        f.crossReferences.map(r => [r.by, r.target, r.direction, said(doc, r.span)]),
        [
          ['number', '2', null, 'Section 2'],
          ['number', '3', 'above', 'Section 3 above'],
          ['name', 'Cookies', 'below', 'Cookies section below'],
          ['name', 'Visitors from Europe', 'below', "the 'Visitors from Europe' section below"],
          ['number', '3', null, 'Section 3'],
        ],
      );
    });
  });
}

describe('facts, construct by construct', () => {
  const facts = (text: string) => buildDocument(text).facts;

  it('reads date shapes: "Last Updated July 15, 2019", "effective as of 1 March 2023", "Updated: 03/01/2023"', () => {
    const f = facts('# Notice\n\nLast Updated July 15, 2019. This notice is effective as of 1 March 2023.\n\nUpdated: 03/01/2023\n');
    assert.deepStrictEqual(f.dates.map(d => [d.role, d.iso]), [
      ['last-updated', '2019-07-15'],
      ['effective', '2023-03-01'],
      ['last-updated', '2023-03-01'],
    ]);
  });

  it('keeps an unrelated date as "other" and rejects impossible dates', () => {
    const f = facts('# Notice\n\nSome text here first. The framework was struck down on July 16, 2020 by the court. Nothing happened on February 30, 2021.\n');
    assert.deepStrictEqual(f.dates.map(d => [d.role, d.iso]), [['other', '2020-07-16']]);
  });

  it('does not take days or statute numbers for ages', () => {
    const f = facts('# Notice\n\nWe reply in under 30 days. Children under 13 may not register. Users must be at least 18 years old.\n');
    assert.deepStrictEqual(f.ages.map(a => a.age), [13, 18]);
  });

  it('reads "(30) days" written twice and "for 30 days"', () => {
    const f = facts('# Notice\n\nWe delete logs within thirty (30) days and keep backups for 30 days.\n');
    assert.deepStrictEqual(f.durations.map(d => [d.amount, d.unit]), [[30, 'day'], [30, 'day']]);
  });

  it('reads "collectively, the Service" and "X" means', () => {
    const f = facts('# Terms\n\nOur apps and sites (collectively, the "Service") are run by us. "Personal Data" means data about a person. Search words ("Boston") are examples.\n');
    assert.deepStrictEqual(f.definedTerms.map(t => t.term), ['Service', 'Personal Data']);
  });

  it('reads a paragraph named in quotes and "see the … section"', () => {
    const f = facts('# Notice\n\nSee paragraph "How We Use Personal Data" above. For details see the Your Choices section.\n');
    assert.deepStrictEqual(f.crossReferences.map(r => [r.by, r.target, r.direction]), [
      ['name', 'How We Use Personal Data', 'above'],
      ['name', 'Your Choices', null],
    ]);
  });

  it('never throws on odd input', () => {
    for (const text of ['', '(', '("', 'Section', 'under', '+1', 'a@b', '"x" means', '\uD800 Section 1 above']) assert.doesNotThrow(() => buildDocument(text));
  });
});
