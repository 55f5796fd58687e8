import * as assert from 'assert';
import fc from 'fast-check';
import { applyTextEdit, textEdits, type TextEdit } from '../helpers/textEdits';
import { buildStructure } from '../../server/src/model/document';
import { chunkStarts, extractFacts } from '../../server/src/model/facts';
import { findCrossReferences } from '../../server/src/model/crossReferences';
import { findDateCandidates, placedDateRole } from '../../server/src/model/dates';
import { findDefinedTerms } from '../../server/src/model/definedTerms';
import { findEmails, findPhones } from '../../server/src/model/contacts';
import { agesIn, durationsIn } from '../../server/src/model/quantities';
import { clearAllSentenceMemos } from '../../server/src/model/sentenceMemo';
import type { Facts, Sentence } from '../../server/src/model/types';
import { runs, timeoutFor } from '../robustness/fuzzConfig';

// The text-wide fact finders run per chunk of text and remember each chunk;
// ages and durations per sentence (with their chunk). After any edit the facts
// must be those of a fresh reading, and those of the finders run over the
// whole text at once. The pieces below put what a finder reads across a line
// break on both sides of one: a date split over lines, "Section" and its
// number, a parenthesis opened before a blank line, a quoted term and its
// "means", a reference and its direction, the word before a parenthesis, a
// heading's number before a capital, a statute named on the next line.
const PIECES = [
  '# Privacy Policy',
  '## 4. Data Retention',
  'Last updated: March 3, 2024',
  'Effective',
  'January 5, 2021',
  'This policy takes effect on 5th of June 2023.',
  'March',
  '2020',
  'Sept.',
  '12, 2019',
  'of',
  'Copyright © 2020 Example Co.',
  'We keep server logs for 90 days after collection.',
  'We retain billing records for up to seven years.',
  'Our app is not directed to children under the age of 13.',
  'Members 16 years old or younger need a parent to sign up.',
  'a 30-day retention window',
  'Write to privacy@example.com or call +1 (555) 123-4567.',
  'Toll-free: 1-800-FLOWERS',
  '555',
  '123-4567',
  'Tidepool Labs, Inc. ("Tidepool", "we", "us") runs the app.',
  '(collectively, the',
  '"Services")',
  '"Personal Data"',
  'means any information about you.',
  '**Controller** means the company that decides.',
  'such',
  'as ("Boston")',
  'e.g.',
  '("Boston")',
  'See Section 5 below.',
  'Section',
  '7',
  'Section 4.',
  'Data we keep',
  'data we keep',
  'under Section 3 of the U.S.',
  'Code of Federal Regulations',
  'as described in Section 12 of the',
  'California Civil Code.',
  'see the',
  'Your Choices section',
  'the "EU Users" section above',
  'set',
  'out the Cookies section below',
  'of this privacy policy below',
  'section titled "Contact Us"',
  'under Clause 3(a) above',
  'Part II below',
  'the Retention paragraph below',
  'in the heading "Your Rights"',
  'Users aged twenty or older may join; teens may not.',
  'We keep them for a 6-month period after you leave.',
  '```',
  'code with Section 9 and 2020-01-01 inside',
  '😀 Emoji 𝐀 line',
  '- a list item dated April 1, 2022',
  '| Logs | 30 days |',
  '\u00a0',
  'Dated:',
];
// Pairs where the text may be cut between the two, and yet the first is read with the start of the second.
const READ_ACROSS = [
  'Section 4.\n\nData we keep',
  '## Section 2.\n\nWhat we collect',
  'under Section 3 of the U.S.\n\nCode of Federal Regulations',
  'Section 6 of the Cal.\n\nCivil Code applies.',
];
const SEPARATORS = [' ', '\n', '\n\n', '\r\n', '\r\n\r\n', '\n   \n', '\n\n\n', '\r', '\n\u00a0\n'];
// Inserted by edits: what ends or starts a piece across a line break.
const INSERTS = ['x', 'X', 'D', 'd', 'Code ', '\n', '\n\n', '\r\n', ' ', '😀', '(', ')', '"', '5', '.', ',', 'May ', 'Section ', 'the ', '\u00a0', '```\n', '---\n', 'below'];

const documentText = fc
  .record({
    padding: fc.constantFrom(0, 0, 0, 70, 78, 82),
    parts: fc.array(
      fc.tuple(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.constantFrom(...READ_ACROSS) }), fc.constantFrom(...SEPARATORS)),
      { minLength: 1, maxLength: 40 },
    ),
    frontMatter: fc.boolean(),
    crlf: fc.boolean(),
  })
  .map(({ padding, parts, frontMatter, crlf }) => {
    // Padding moves the pieces around the 1 500 characters within which a date alone on its line is the policy's date.
    const body = 'We collect names.\n\n'.repeat(padding) + parts.map(([piece, sep]) => piece + sep).join('');
    const text = (frontMatter ? '---\nclausewise:\n  effective: 2024-01-01\n---\n' : '') + body;
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  });

/** Typed right where a chunk starts: what the chunk before it read past its end changes. */
type AtCut = { kind: 'atCut'; at: number; text: string };

const edit: fc.Arbitrary<TextEdit | AtCut> = fc.oneof(
  // At the start of a line: where a chunk starts, and what the chunk before it reads past its end.
  textEdits({ inserts: INSERTS, kinds: ['insert', 'lineStart', 'delete', 'join', 'split'], maxDelete: 4 }),
  fc.record({ kind: fc.constant('atCut' as const), at: fc.nat(), text: fc.constantFrom(...INSERTS) }),
);

function applied(text: string, e: TextEdit | AtCut): string {
  if (e.kind !== 'atCut') return applyTextEdit(text, e);
  const starts = chunkStarts(text);
  const cut = starts[e.at % starts.length];
  return text.slice(0, cut) + e.text + text.slice(cut);
}

/** Facts as plain data, each duration's sentence by its index (checked to be the document's own sentence). */
function plain(facts: Facts, sentences: Sentence[]): unknown {
  for (const d of facts.durations) assert.strictEqual(sentences[d.sentence.index], d.sentence, 'a duration points at a sentence of its own document');
  return JSON.parse(JSON.stringify(facts, (key, value) => (key === 'sentence' ? (value as Sentence).index : value)));
}

function factsOf(text: string): unknown {
  const structure = buildStructure(text);
  return plain(extractFacts(text, structure.sentences, structure.blocks), structure.sentences);
}

/**
 * What the finders find run over the whole text at once, and ages and
 * durations read in every sentence (the reading before chunks, memos and the
 * cheap tests that skip sentences).
 */
function wholeTextFacts(text: string): unknown {
  const structure = buildStructure(text);
  const skip = structure.blocks.filter(b => b.kind === 'front-matter' || b.kind === 'code').map(b => b.span);
  const at = (span: { start: number; end: number }, by: number) => ({ start: span.start + by, end: span.end + by });
  const facts: Facts = {
    dates: findDateCandidates(text, 0, text.length, skip).map(c => ({ role: placedDateRole(c, c.span.start), iso: c.iso, span: c.span })),
    ages: structure.sentences.flatMap(s => agesIn(s.text).map(a => ({ age: a.age, span: at(a.span, s.span.start), aboutChildren: a.aboutChildren }))),
    durations: structure.sentences.flatMap(s => durationsIn(s.text).map(d => ({ amount: d.amount, unit: d.unit, days: d.days, span: at(d.span, s.span.start), sentence: s }))),
    emails: findEmails(text, 0, text.length, skip),
    phones: findPhones(text, 0, text.length, skip),
    definedTerms: findDefinedTerms(text, 0, text.length, skip),
    crossReferences: findCrossReferences(text, 0, text.length, skip),
  };
  return plain(facts, structure.sentences);
}

function fresh(text: string): unknown {
  clearAllSentenceMemos();
  return factsOf(text);
}

describe('model: facts read in chunks and remembered', () => {
  beforeEach(() => clearAllSentenceMemos());

  it('equal the facts of the finders run over the whole text', function () {
    this.timeout(timeoutFor(60_000));
    fc.assert(
      fc.property(documentText, text => {
        assert.deepStrictEqual(fresh(text), wholeTextFacts(text));
      }),
      runs(300),
    );
  });

  it('after random edits, equal a fresh reading of the edited text (the memos holding each version before)', function () {
    this.timeout(timeoutFor(120_000));
    fc.assert(
      fc.property(documentText, fc.array(edit, { minLength: 1, maxLength: 6 }), (text, edits) => {
        clearAllSentenceMemos();
        factsOf(text);
        let current = text;
        for (const e of edits) {
          current = applied(current, e);
          const warm = factsOf(current);
          assert.deepStrictEqual(warm, fresh(current), `after ${JSON.stringify(e)}`);
          assert.deepStrictEqual(warm, wholeTextFacts(current), `whole text, after ${JSON.stringify(e)}`);
          // Warm again from this version for the next edit.
          factsOf(current);
        }
      }),
      runs(300),
    );
  });

  it('keeps a date, a numbered reference and a defined term whole across a blank line', () => {
    const text = 'Our records go back to March\n\n2020 at least.\n\nSee Section\n\n7 for details.\n\nTidepool (\n\n"Tidepool") runs it.\n\nWe collect names.\n';
    const structure = buildStructure(text);
    const facts = extractFacts(text, structure.sentences, structure.blocks);
    const said = (span: { start: number; end: number }) => text.slice(span.start, span.end);
    assert.deepStrictEqual(facts.dates.map(d => said(d.span)), ['March\n\n2020']);
    assert.deepStrictEqual(facts.crossReferences.map(r => said(r.span)), ['Section\n\n7']);
    assert.deepStrictEqual(facts.definedTerms.map(t => said(t.span)), ['Tidepool']);
    // Cut only after a full stop, never inside the date, the reference or the parenthesis.
    const starts = chunkStarts(text);
    assert.deepStrictEqual(starts.map(s => text.slice(s, s + 4)), ['Our ', 'See ', 'Tide', 'We c']);
  });

  it('reads what follows a chunk: a heading\'s number before a capital on the next paragraph', () => {
    // "Section 4." alone on its line, then a capital: the heading of a numbered section, not a reference.
    const heading = 'Section 4.\n\nData we keep is listed here.\n';
    const reference = 'Section 4.\n\ndata we keep is listed here.\n';
    assert.ok(chunkStarts(heading).length === 2, 'the text is cut after "Section 4."');
    const refs = (text: string) => {
      const structure = buildStructure(text);
      return extractFacts(text, structure.sentences, structure.blocks).crossReferences.length;
    };
    assert.strictEqual(refs(heading), 0);
    assert.strictEqual(refs(reference), 1);
    // Warm from the heading, the edited next paragraph changes the reading of the chunk before it.
    assert.strictEqual(refs(heading), 0);
    assert.strictEqual(refs(reference), 1);
  });

  it('gives every analysis its own fact objects', () => {
    const text = 'Last updated: March 3, 2024\n\nWe keep logs for 90 days after collection.\n\nSee Section 5 below.\n';
    const structure = buildStructure(text);
    const first = extractFacts(text, structure.sentences, structure.blocks);
    const expected = plain(first, structure.sentences);
    first.dates[0].span.start = -1;
    first.durations[0].span.end = -1;
    first.crossReferences[0].target = 'changed';
    const second = extractFacts(text, structure.sentences, structure.blocks);
    assert.deepStrictEqual(plain(second, structure.sentences), expected);
  });
});
