import * as assert from 'assert';
import fc from 'fast-check';
import { analyze } from '../../../server/src/analysis';
import { CAUGHT_UP, foldCode, foldedLiteral, LiteralAutomaton, type TextTarget } from '../../../server/src/analysis/phrases/literalAutomaton';
import { DocumentLiterals, documentLiterals, filteredPattern, PatternGroup, textPattern } from '../../../server/src/analysis/phrases/literalFilter';
import { buildDocument } from '../../../server/src/model/document';
import { clearAllSentenceMemos } from '../../../server/src/model/sentenceMemo';
import { runs, timeoutFor } from '../../robustness/fuzzConfig';
import { applyTextEdit, textEdits } from '../../helpers/textEdits';
import { filteredKnowledgePatterns } from '../../helpers/knowledgePatterns';

// Re-analysis after an edit puts the literals of a document together from
// each sentence's own scan, remembered by the sentence's text, and scans only
// what lies between sentences. Whatever the edit, that must be what a scan of
// the whole text finds: a literal the filter misses hides a finding.

describe('literal scan put together from segments (literalAutomaton)', () => {
  // A text cut into segments scanned on their own ("sentences"), with what lies between scanned in place.
  function assembled(automaton: LiteralAutomaton, literals: string[], text: string, cuts: number[]) {
    const words = (literals.length + 31) >> 5;
    const target: TextTarget = { inText: new Uint8Array(literals.length), recordStarts: new Uint8Array(literals.length).fill(1), starts: [], startIds: [] };
    const bits: number[][] = [];
    let state = 0;
    let at = 0;
    for (let k = 0; k + 1 < cuts.length; k += 2) {
      const [start, end] = [cuts[k], cuts[k + 1]];
      state = automaton.scanBetween(text, at, start, state, target);
      const own = automaton.scanAlone(text, start, end, words, words, target.recordStarts);
      const caught = automaton.catchUp(text, start, end, state, target);
      state = caught === CAUGHT_UP ? own.endState : caught;
      bits.push(literals.map((_, id) => (own.row && own.row[id >> 5] & (1 << (id & 31)) ? 1 : 0)));
      for (let j = 0; j < own.starts.length; j += 2) {
        target.starts.push(start + own.starts[j]);
        target.startIds.push(own.starts[j + 1]);
        target.inText[own.starts[j + 1]] = 1;
      }
      at = end;
    }
    automaton.scanBetween(text, at, text.length, state, target);
    return { starts: target.starts.map((s, k) => `${literals[target.startIds[k]]}@${s}`).sort(), bits };
  }

  // The same by one scan of the whole text: a segment holds the occurrences that lie within it.
  function whole(automaton: LiteralAutomaton, literals: string[], text: string, cuts: number[]) {
    const target = { inText: new Uint8Array(literals.length), recordStarts: new Uint8Array(literals.length).fill(1), starts: [] as number[], startIds: [] as number[] };
    automaton.scanBetween(text, 0, text.length, 0, target);
    const bits = Array.from({ length: cuts.length >> 1 }, (_, s) =>
      literals.map((literal, id) => (target.starts.some((start, k) => target.startIds[k] === id && start >= cuts[2 * s] && start + literal.length <= cuts[2 * s + 1]) ? 1 : 0)),
    );
    return { starts: target.starts.map((s, k) => `${literals[target.startIds[k]]}@${s}`).sort(), bits };
  }

  it('finds every occurrence a scan of the whole text finds, those across a segment boundary too', () => {
    // Few letters, so that literals run across boundaries and into one another.
    const alphabet = ['a', 'b', 'A', ' ', '.', 'ſ', 's', 'S', '\u212a', 'k'];
    const word = fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 6 }).map(a => a.join(''));
    fc.assert(
      fc.property(
        fc.uniqueArray(word.map(w => foldedLiteral(w)).filter((w): w is string => !!w), { minLength: 1, maxLength: 40 }),
        fc.array(fc.constantFrom(...alphabet), { maxLength: 80 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (literals, chars, rawCuts) => {
          const text = chars.join('');
          // Segment bounds in order; a pair may be empty or adjacent to the next.
          const cuts = rawCuts.map(c => c % (text.length + 1)).sort((x, y) => x - y);
          if (cuts.length % 2) cuts.pop();
          const automaton = new LiteralAutomaton(literals);
          assert.deepStrictEqual(assembled(automaton, literals, text, cuts), whole(automaton, literals, text, cuts));
        },
      ),
      runs(400),
    );
  });

  it('carries an occurrence that began before a segment into it ("ſ" and the Kelvin sign folded)', () => {
    const literals = ['a.s', 'shield k', 'sb'].map(l => foldedLiteral(l)!);
    const automaton = new LiteralAutomaton(literals);
    const text = 'xa.ſhield \u212aa. ShIeLd Kx';
    const cuts = [2, 9, 15, 23];
    const got = assembled(automaton, literals, text, cuts);
    assert.deepStrictEqual(got, whole(automaton, literals, text, cuts));
    assert.deepStrictEqual(got.starts, ['a.s@1', 'shield k@14', 'shield k@3'].sort());
    // Neither occurrence of "shield k" lies within one segment.
    assert.deepStrictEqual(got.bits.map(b => b[1]), [0, 0]);
    assert.strictEqual(foldCode(0x212a), 'k'.charCodeAt(0));
  });
});

// Policies written for this test: headings, lists, front matter, clauses whose
// words the knowledge patterns look for.
const CLAUSES = [
  'We never sell your personal information to anyone.',
  'Your data is completely secure with us, e.g. behind locks.',
  'We may share your email address with advertising partners.',
  'Our service is not directed to children under 13.',
  'Users must be at least 16 years old to sign up.',
  'We keep your records for as long as necessary.',
  'We rely on the Privacy Shield framework for transfers.',
  'Personal Data, as defined below, includes your IP address.',
  'See Section 9 for details about your choices.',
  'We do not use cookies. We use cookies and pixels to measure ads.',
  'You may opt out at any time by writing to privacy@example.com.',
  'We retain account data for 30 days after you close your account.',
  'Â© 2024 Example Inc. All rights reservedâ€™s.',
  'We collect data from children under 13 with parental consent.',
  'Third parties may track you across websites over time.',
  'We honor Do Not Track signals.',
];
const HEADINGS = ['# Privacy Policy', '## Information We Collect', '## How We Share Information', '## Your Rights and Choices', '## Children', '## Data Retention', '## Contact Us', 'Security'];

const policyText = fc
  .tuple(
    fc.boolean(),
    fc.array(
      fc.oneof(
        fc.constantFrom(...HEADINGS),
        fc.array(fc.constantFrom(...CLAUSES), { minLength: 1, maxLength: 4 }).map(s => s.join(' ')),
        fc.array(fc.constantFrom(...CLAUSES), { minLength: 1, maxLength: 3 }).map(s => s.map(c => `- ${c}`).join('\n')),
      ),
      { minLength: 1, maxLength: 10 },
    ),
  )
  .map(([frontMatter, blocks]) => (frontMatter ? '---\ntitle: Privacy Policy\neffective: 2024-01-01\n---\n\n' : '') + blocks.join('\n\n') + '\n');

// Edits as a user makes them, and the characters a case-insensitive Unicode pattern folds.
const edit = textEdits({
  inserts: ['x', 'S', 'ſ', '\u212a', 'K', '.', ' ', '. ', '\n', '\n\n', '\r\n', '😀', 'é', '’', 'e.g. ', 'Privacy Shield', 'sell', 'under 16 '],
  kinds: ['insert', 'delete', 'join', 'split', 'crlf', 'case'],
});

const OPTIONS = { jurisdictions: ['gdpr', 'ccpa', 'caloppa', 'coppa'] as ('gdpr' | 'ccpa' | 'caloppa' | 'coppa')[], asOf: '2026-11-22' };

describe('literals of a document after edits, put together from remembered sentences (literalFilter)', function () {
  this.timeout(timeoutFor(120000));
  after(() => clearAllSentenceMemos());
  const compiled = filteredKnowledgePatterns().flatMap(s => [new RegExp(s, 'giu'), new RegExp(s, 'gu')]);
  const sentencePatterns = compiled.map(filteredPattern);
  const wholeTextPatterns = compiled.map(textPattern);
  // Groups as rules form them (a rule's cases), here runs of neighbouring patterns.
  const groups = Array.from({ length: Math.ceil(sentencePatterns.length / 5) }, (_, k) => new PatternGroup(sentencePatterns.slice(k * 5, k * 5 + 5)));
  const plainOf = (re: RegExp) => new RegExp(re.source, re.flags);

  /** What a scan found (the literals of each sentence, of the text, the offsets recorded), apart from what queries since have remembered. */
  function found(lits: DocumentLiterals) {
    const { bySentence, inText, startList, startIds, unknownSentences, version } = lits as unknown as Record<string, unknown>;
    return { bySentence, inText, startList, startIds, unknownSentences, version };
  }

  /** A scan of the document with every sentence read afresh. */
  function coldLiterals(text: string): DocumentLiterals {
    clearAllSentenceMemos();
    return new DocumentLiterals(buildDocument(text));
  }

  it('are those of a first scan after every edit, and hide no match of a knowledge pattern', () => {
    fc.assert(
      fc.property(policyText, fc.array(edit, { minLength: 1, maxLength: 6 }), (start, edits) => {
        let text = start;
        clearAllSentenceMemos();
        documentLiterals(buildDocument(text));
        for (const e of edits) {
          text = applyTextEdit(text, e);
          // Warm: the memo holds the sentences of the versions before.
          const doc = buildDocument(text);
          const warm = documentLiterals(doc);
          for (const sentence of doc.sentences) {
            for (const p of sentencePatterns) {
              if (!p.mayMatchSentence(warm, sentence.index)) assert.ok(!plainOf(p.re).test(sentence.text), `/${p.re.source}/${p.re.flags} matches ${JSON.stringify(sentence.text)} though ruled out`);
            }
          }
          // The sentences a rule visits: those its filter does not rule out, none that a pattern of it matches left out.
          for (const g of groups) {
            const listed = new Set(warm.sentencesFor(g));
            for (const sentence of doc.sentences) {
              assert.strictEqual(listed.has(sentence.index), g.mayMatchSentence(warm, sentence.index));
              if (!listed.has(sentence.index)) for (const p of g.patterns) assert.ok(!plainOf(p.re).test(sentence.text), `/${p.re.source}/ matches ${JSON.stringify(sentence.text)}, a sentence left out`);
            }
          }
          for (const p of wholeTextPatterns) {
            assert.deepStrictEqual(p.matchAllText(warm).map(m => [m.index, ...m]), [...text.matchAll(plainOf(p.re))].map(m => [m.index, ...m]), `/${p.re.source}/${p.re.flags}`);
          }
          assert.deepStrictEqual(found(new DocumentLiterals(doc)), found(coldLiterals(text)));
          // The memo emptied: the next edit is warm again only for what this one leaves behind.
          documentLiterals(buildDocument(text));
        }
      }),
      runs(60),
    );
  });

  it('gives the findings of a first analysis after every edit', () => {
    fc.assert(
      fc.property(policyText, fc.array(edit, { minLength: 1, maxLength: 4 }), (start, edits) => {
        let text = start;
        clearAllSentenceMemos();
        analyze(text, OPTIONS);
        for (const e of edits) {
          text = applyTextEdit(text, e);
          const warm = JSON.stringify(analyze(text, OPTIONS).findings);
          clearAllSentenceMemos();
          const cold = JSON.stringify(analyze(text, OPTIONS).findings);
          assert.strictEqual(warm, cold);
          analyze(text, OPTIONS);
        }
      }),
      runs(40),
    );
  });
});
