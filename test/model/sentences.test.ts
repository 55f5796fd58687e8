import * as assert from 'assert';
import { splitSentences } from '../../server/src/model/sentences';
import { buildDocument } from '../../server/src/model/document';

const split = (text: string) => splitSentences(text, 0).map(s => text.slice(s.start, s.end));

describe('sentence splitting', () => {
  it('does not stop at e.g., i.e., Inc. or initials', () => {
    assert.deepStrictEqual(split('We use tools (e.g. Slack) and vendors, i.e. Acme Inc. and J. Smith Ltd, to run the service. You may object.'), [
      'We use tools (e.g. Slack) and vendors, i.e. Acme Inc. and J. Smith Ltd, to run the service.',
      'You may object.',
    ]);
  });

  it('keeps "U.S." inside a sentence but ends the sentence at "U.S.."', () => {
    assert.deepStrictEqual(split('Backups are kept in the U.S.. If you object, the U.S. Department of Commerce rules still apply.'), [
      'Backups are kept in the U.S..',
      'If you object, the U.S. Department of Commerce rules still apply.',
    ]);
    assert.deepStrictEqual(split('We transfer data under the EU-U.S. Data Privacy Framework. We store it in the U.S. We also use the U.K. Addendum.'), [
      'We transfer data under the EU-U.S. Data Privacy Framework.',
      'We store it in the U.S.',
      'We also use the U.K. Addendum.',
    ]);
  });

  it('keeps statute citations whole: "Cal. Civ. Code §1798.140(ad)" and "Art. 13(1)(a)"', () => {
    assert.deepStrictEqual(split('"Sale" has the meaning in Cal. Civ. Code §1798.140(ad). We give the notice of Art. 13(1)(a) GDPR. No. 5 applies.'), [
      '"Sale" has the meaning in Cal. Civ. Code §1798.140(ad).',
      'We give the notice of Art. 13(1)(a) GDPR.',
      'No. 5 applies.',
    ]);
  });

  it('treats list markers, decimals, URLs and e-mail addresses as part of the sentence', () => {
    assert.deepStrictEqual(split('1. We keep logs for 1.5 years. See https://example.com/privacy.html for details. Write to privacy@example.co.uk. (a) You may object.'), [
      '1. We keep logs for 1.5 years.',
      'See https://example.com/privacy.html for details.',
      'Write to privacy@example.co.uk.',
      '(a) You may object.',
    ]);
  });

  it('ends a sentence at a number that closes it, and at ?, ! and closing quotes', () => {
    assert.deepStrictEqual(split('We do not serve children under 13. Do you agree? Yes! We call this the “Service.” It is free.'), [
      'We do not serve children under 13.',
      'Do you agree?',
      'Yes!',
      'We call this the “Service.”',
      'It is free.',
    ]);
  });

  it('reads an ellipsis before lower case as a pause and before a capital as an end', () => {
    assert.deepStrictEqual(split('We collect names... and e-mail addresses… We share nothing.'), ['We collect names... and e-mail addresses…', 'We share nothing.']);
  });

  it('does not end a sentence before a lower-case word', () => {
    assert.deepStrictEqual(split('We keep data for approx. two years, etc. as the law requires.'), ['We keep data for approx. two years, etc. as the law requires.']);
  });

  it('returns offsets from the given base and drops surrounding white space', () => {
    const spans = splitSentences('  One.  Two.  ', 100);
    assert.deepStrictEqual(spans, [{ start: 102, end: 106 }, { start: 108, end: 112 }]);
  });
});

describe('sentences in the document model', () => {
  it('leave list bullets and numbers out, and keep headings, code and HTML out', () => {
    const doc = buildDocument('# Policy\n\n- We collect names.\n1. We share nothing.\n\n• We sell nothing.\n\n```\nWe log everything.\n```\n\n<!-- We hide this. -->\n');
    assert.deepStrictEqual(doc.sentences.map(s => s.text), ['We collect names.', 'We share nothing.', 'We sell nothing.']);
  });

  it('know the section whose body holds them', () => {
    const doc = buildDocument('# Policy\n\nIntro text.\n\n## Retention\n\nWe keep data. We delete it later.\n\n### Backups\n\nBackups last a week.\n\n## Contact\n\nWrite to us.\n');
    const where = Object.fromEntries(doc.sentences.map(s => [s.text, s.section?.title ?? null]));
    assert.deepStrictEqual(where, {
      'Intro text.': 'Policy',
      'We keep data.': 'Retention',
      'We delete it later.': 'Retention',
      'Backups last a week.': 'Backups',
      'Write to us.': 'Contact',
    });
    assert.ok(doc.sentences.every(s => s.block.section === s.section));
  });

  it('keep a hard-wrapped Markdown paragraph as one block', () => {
    const doc = buildDocument('# Policy\n\nWe collect the name and the\ne-mail address of members. We keep\nthem for a year.\n');
    assert.strictEqual(doc.blocks.filter(b => b.kind === 'paragraph').length, 1);
    assert.deepStrictEqual(doc.sentences.map(s => s.text), ['We collect the name and the\ne-mail address of members.', 'We keep\nthem for a year.']);
  });
});
