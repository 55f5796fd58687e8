import * as assert from 'assert';
import * as fs from 'fs';
import fc from 'fast-check';
import { foldCode, foldedLiteral, LiteralAutomaton } from '../../../server/src/analysis/phrases/literalAutomaton';
import { documentLiterals, filteredPattern, PatternGroup, textPattern } from '../../../server/src/analysis/phrases/literalFilter';
import { buildDocument } from '../../../server/src/model/document';
import { FIXTURES } from '../../helpers/paths';
import { runs, timeoutFor } from '../../robustness/fuzzConfig';
import { policyFilesUnder } from '../../helpers/policyFiles';
import { filteredKnowledgePatterns } from '../../helpers/knowledgePatterns';

/** The plain pattern, apart from the filter's own object (whose lastIndex is the filter's business). */
const plainOf = (re: RegExp) => new RegExp(re.source, re.flags);

// The literal filter may only skip a sentence (or an offset of the text) where
// a pattern cannot match: a wrong guess would silently hide a finding.

function fixtureTexts(): string[] {
  return policyFilesUnder(FIXTURES).map(f => fs.readFileSync(f, 'utf8'));
}

describe('literal automaton (every occurrence of many literals in one pass)', () => {
  const startsOf = (literals: string[], text: string) => {
    const automaton = new LiteralAutomaton(literals);
    const target = { inText: new Uint8Array(literals.length), recordStarts: new Uint8Array(literals.length).fill(1), starts: [] as number[], startIds: [] as number[] };
    automaton.scanBetween(text, 0, text.length, 0, target);
    return target.starts.map((s, k) => `${literals[target.startIds[k]]}@${s}`).sort();
  };

  it('finds literals overlapping, inside one another and in any case', () => {
    assert.deepStrictEqual(startsOf(['data', 'at', 'a'], 'DATA at'), ['a@1', 'a@3', 'a@5', 'at@1', 'at@5', 'data@0'].sort());
    assert.deepStrictEqual(startsOf(['xxx', 'xxxx'], 'xxxxx'), ['xxx@0', 'xxx@1', 'xxx@2', 'xxxx@0', 'xxxx@1'].sort());
    assert.deepStrictEqual(startsOf(['shield'], 'Privacy Shield'), ['shield@8']);
  });

  it('reads "ſ" as "s" and the Kelvin sign as "k", as a case-insensitive Unicode pattern does', () => {
    assert.ok(/s/iu.test('ſ') && /k/iu.test('\u212a'));
    assert.deepStrictEqual(startsOf(['shield'], 'ſhield'), ['shield@0']);
    assert.deepStrictEqual(startsOf(['kept'], '\u212aept'), ['kept@0']);
  });

  it('finds what a naive search of the folded text finds', () => {
    const alphabet = ['a', 'b', 'A', 'B', ' ', 'ſ', 's', 'S', '’', 'é'];
    const word = fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 4 }).map(a => a.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(word.map(w => foldedLiteral(w)).filter((w): w is string => !!w), { minLength: 1, maxLength: 8 }), fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }), (literals, chars) => {
        const text = chars.join('');
        const folded = Array.from(text, ch => String.fromCharCode(foldCode(ch.charCodeAt(0)))).join('');
        const naive: string[] = [];
        for (const l of literals) for (let i = folded.indexOf(l); i >= 0; i = folded.indexOf(l, i + 1)) naive.push(`${l}@${i}`);
        assert.deepStrictEqual(startsOf(literals, text), naive.sort());
      }),
      runs(300),
    );
  });

  it('folds every character a case-insensitive Unicode pattern matches to an ASCII letter or digit to that letter or digit', function () {
    this.timeout(timeoutFor(20000));
    const anyAscii = /[a-z0-9]/iu;
    for (let code = 0x80; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const ch = String.fromCodePoint(code);
      if (!anyAscii.test(ch)) continue;
      const target = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('').find(a => new RegExp(a, 'iu').test(ch))!;
      assert.strictEqual(String.fromCharCode(foldCode(code)), target, `U+${code.toString(16)}`);
    }
  });

  it('takes caseless punctuation as it is and refuses letters whose case it cannot fold', () => {
    assert.strictEqual(foldedLiteral('Don’t'), 'don’t');
    assert.strictEqual(foldedLiteral('c-311/18'), 'c-311/18');
    assert.strictEqual(foldedLiteral('café'), undefined);
    assert.strictEqual(foldedLiteral('Σ'), undefined);
    assert.strictEqual(foldedLiteral(''), undefined);
  });
});

describe('literal filter of the knowledge patterns (never hides a match)', function () {
  this.timeout(timeoutFor(60000));
  const sources = filteredKnowledgePatterns();
  const texts = fixtureTexts();
  // Both flag sets the checks compile with: case-insensitive, and exact case (hygiene placeholders).
  const compiled = sources.flatMap(s => [new RegExp(s, 'giu'), new RegExp(s, 'gu')]);
  const sentencePatterns = compiled.map(filteredPattern);
  const wholeTextPatterns = compiled.map(textPattern);

  it('leaves no state behind that another rule with the same pattern could trip on', () => {
    const p = filteredPattern(new RegExp('\\bshare\\b', 'giu'));
    const doc = buildDocument('We share data. We share it again.');
    const lits = documentLiterals(doc);
    assert.ok(p.testSentence(doc.sentences[1].text, lits, 1));
    assert.deepStrictEqual([...p.matchAll('We share, we share.')].map(m => m.index), [3, 13]);
  });

  it('reads the knowledge: most patterns get words to look for', () => {
    assert.ok(sources.length > 80, `${sources.length} patterns`);
    const doc = buildDocument('Nothing here.');
    const lits = documentLiterals(doc);
    const ruledOut = sentencePatterns.filter(p => !p.mayMatchSentence(lits, 0)).length;
    assert.ok(ruledOut > sentencePatterns.length * 0.8, `${ruledOut} of ${sentencePatterns.length} ruled out on a sentence without their words`);
  });

  // Fixture text, cut, joined and disturbed where a filter could go wrong: case, "ſ", the Kelvin sign, curly quotes, line breaks.
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('upper' as const) }),
    fc.record({ kind: fc.constant('lower' as const) }),
    fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), to: fc.constantFrom('ſ', '\u212a', 'S', 'K', '’', '"', '\n', ' ', '-', '1', 'İ', 'é') }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), what: fc.constantFrom('ſ', '\u212a', '\n\n', ' ', '“', '(', '[', '{{', 'X', '😀', 'defined below', 'Personal Data') }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  );
  const policy = fc
    .tuple(
      fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 20, max: 600 })), { minLength: 1, maxLength: 4 }),
      fc.array(mutation, { maxLength: 12 }),
    )
    .map(([cuts, mutations]) => {
      let text = cuts
        .map(([t, from, length]) => {
          const source = texts[t % texts.length];
          const start = from % Math.max(1, source.length);
          return source.slice(start, start + length);
        })
        .join('\n\n');
      for (const m of mutations) {
        const at = text.length ? ('at' in m ? m.at % text.length : 0) : 0;
        if (m.kind === 'upper') text = text.toUpperCase();
        else if (m.kind === 'lower') text = text.toLowerCase();
        else if (m.kind === 'replace') text = text.slice(0, at) + m.to + text.slice(at + 1);
        else if (m.kind === 'insert') text = text.slice(0, at) + m.what + text.slice(at);
        else text = text.slice(0, at) + text.slice(at + m.length);
      }
      return text;
    });

  // Groups as rules form them (a rule's cases), here runs of neighbouring patterns.
  const groups = Array.from({ length: Math.ceil(sentencePatterns.length / 6) }, (_, k) => new PatternGroup(sentencePatterns.slice(k * 6, k * 6 + 6)));

  it('rules out a sentence only when the plain pattern finds nothing in it', () => {
    fc.assert(
      fc.property(policy, text => {
        const doc = buildDocument(text);
        const lits = documentLiterals(doc);
        for (const sentence of doc.sentences) {
          for (const g of groups) assert.strictEqual(g.mayMatchSentence(lits, sentence.index), g.patterns.some(p => p.mayMatchSentence(lits, sentence.index)));
          for (const p of sentencePatterns) {
            if (p.mayMatchSentence(lits, sentence.index)) continue;
            assert.ok(!plainOf(p.re).test(sentence.text), `/${p.re.source}/${p.re.flags} matches ${JSON.stringify(sentence.text)} though ruled out`);
          }
        }
      }),
      runs(60),
    );
  });

  it('finds over a whole text the same matches as the plain pattern, tried only where a match can start', () => {
    fc.assert(
      fc.property(policy, text => {
        const doc = buildDocument(text);
        const lits = documentLiterals(doc);
        for (const p of wholeTextPatterns) {
          const plain = [...text.matchAll(plainOf(p.re))].map(m => [m.index, ...m]);
          assert.deepStrictEqual(
            p.matchAllText(lits).map(m => [m.index, ...m]),
            plain,
            `/${p.re.source}/${p.re.flags}`,
          );
          assert.strictEqual(p.testText(lits), plain.length > 0, `/${p.re.source}/${p.re.flags}`);
        }
      }),
      runs(40),
    );
  });

  it('finds the matches of every fixture, unchanged', () => {
    for (const text of texts) {
      const doc = buildDocument(text);
      const lits = documentLiterals(doc);
      for (const p of wholeTextPatterns) assert.deepStrictEqual(p.matchAllText(lits).map(m => [m.index, ...m]), [...text.matchAll(plainOf(p.re))].map(m => [m.index, ...m]));
      for (const sentence of doc.sentences) {
        for (const p of sentencePatterns) {
          if (plainOf(p.re).test(sentence.text)) assert.ok(p.mayMatchSentence(lits, sentence.index), `/${p.re.source}/ ruled out ${JSON.stringify(sentence.text)}`);
        }
      }
    }
  });
});
