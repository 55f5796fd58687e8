import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { buildDocument } from '../../../server/src/model/document';
import { FAILS, PatternPrefilter, evidencePatternSources } from '../../../server/src/analysis/requirements/patternPrefilter';
import { LiteralScanner } from '../../../server/src/analysis/requirements/literalScanner';
import { requiredLiteralSets } from '../../../server/src/analysis/requirements/literals';
import { normaliseForMatching, normaliseStepByStep, patternTable } from '../../../server/src/analysis/requirements/patterns';
import { FIXTURES, SHARED } from '../../helpers/paths';
import { runs, timeoutFor } from '../../robustness/fuzzConfig';
import { policyFilesUnder } from '../../helpers/policyFiles';

// The literal pre-test may only rule out sentences that a pattern cannot
// match: a wrong guess here would silently hide a disclosure.

describe('literal sets of a pattern (every match holds one literal of each set)', () => {
  it('reads one set per part of a sequence, joining words with the exact text around them', () => {
    assert.deepStrictEqual(requiredLiteralSets("\\b(?:operated|based)\\b (?:[\\w'-]+ ){0,3}in the (?:united states|usa)\\b"), [
      ['operated ', 'based '],
      ['in the united states', 'in the usa'],
    ]);
    assert.deepStrictEqual(requiredLiteralSets('\\bright to erasure\\b'), [['right to erasure']]);
    assert.deepStrictEqual(requiredLiteralSets('\\b(?:we|us|our),'), [['we,', 'us,', 'our,']]);
  });

  it('takes a digit or an "@" as a literal, where a short lower-case word would rule nothing out', () => {
    assert.deepStrictEqual(requiredLiteralSets('\\w+@\\w+'), [['@']]);
    assert.deepStrictEqual(requiredLiteralSets('abc|\\d+'), [['abc', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']]);
    assert.strictEqual(requiredLiteralSets('\\b(?:we|us)\\b'), null);
  });

  it('keeps the capitals of a case-sensitive pattern', () => {
    assert.deepStrictEqual(requiredLiteralSets('\\b(?:Inc|AG)\\b', { foldCase: false }), [['Inc', 'AG']]);
    assert.strictEqual(requiredLiteralSets('\\b(?:Inc|AG)\\b'), null, 'folded, "ag" is in half the words of a policy');
  });

  it('gives up on what it cannot read rather than guess', () => {
    assert.strictEqual(requiredLiteralSets('abc|\\w+'), null);
    assert.strictEqual(requiredLiteralSets('\\x41bc'), null);
    assert.strictEqual(requiredLiteralSets('(a)\\1bcd'), null);
  });
});

describe('literal scanner (all literals of a text in one pass)', () => {
  const found = (scanner: LiteralScanner, text: string) => {
    const seen = new Set<number>();
    scanner.scan(text, p => seen.add(p));
    return [...seen].sort((a, b) => a - b);
  };
  const folded = new LiteralScanner(
    ['data', 'sold', 'aaa', 'at a', 'a', 'nothing to see'].map((text, i) => ({ text, payload: [i] })),
    true,
  );

  it('finds literals at the start and end, overlapping, repeated and inside one another', () => {
    assert.deepStrictEqual(found(folded, 'data sold here'), [0, 1, 4]);
    assert.deepStrictEqual(found(folded, 'aaaa'), [2, 4]);
    assert.deepStrictEqual(found(folded, 'look at at a glance'), [3, 4]);
    assert.deepStrictEqual(found(folded, 'nothing to see'), [5]);
    assert.deepStrictEqual(found(folded, 'xyz'), []);
  });

  it('folds case as a case-insensitive regular expression does: ASCII letters only', () => {
    assert.deepStrictEqual(found(folded, 'DATA SOLD'), [0, 1, 4]);
    // U+212A KELVIN SIGN lower-cases to "k", but /k/i does not match it.
    const k = new LiteralScanner([{ text: 'kit', payload: [7] }], true);
    assert.deepStrictEqual(found(k, 'KIT'), [7]);
    assert.deepStrictEqual(found(k, '\u212AIT'), []);
    assert.strictEqual(/kit/i.test('\u212AIT'), false);
  });

  it('keeps case when told to', () => {
    const cased = new LiteralScanner([{ text: 'AG', payload: [1] }, { text: 'Inc', payload: [2] }], false);
    assert.deepStrictEqual(found(cased, 'Acme AG and Beta Inc.'), [1, 2]);
    assert.deepStrictEqual(found(cased, 'a page of inc'), []);
  });
});

/** Normalised sentences of our fixtures and, when present, the seeds. */
function corpusSentences(): string[] {
  const seeds = path.join(SHARED, 'seeds');
  const files = [...policyFilesUnder(FIXTURES), ...(fs.existsSync(seeds) ? policyFilesUnder(seeds) : [])];
  const out = new Set<string>();
  for (const f of files) for (const s of buildDocument(fs.readFileSync(f, 'utf8')).sentences) out.add(normaliseForMatching(s.text));
  return [...out];
}

describe('pattern prefilter of requirements.yaml', function () {
  this.timeout(timeoutFor(60_000));
  const table = patternTable();
  const prefilter = new PatternPrefilter(table);
  const patterns = evidencePatternSources(table.knowledge).map(s => table.get(s));
  const sentences = corpusSentences();

  /** The patterns that match the text although the prefilter ruled them out. */
  const hidden = (text: string) => {
    const { results } = prefilter.prefilter(text);
    return patterns.filter(p => results[p.id] === FAILS && p.re.test(text)).map(p => p.re.source.slice(0, 80));
  };

  it('never rules out a pattern on a sentence it matches (every sentence of the fixtures and seeds)', () => {
    let matches = 0;
    for (const text of sentences) {
      assert.deepStrictEqual(hidden(text), [], text);
      for (const p of patterns) if (p.re.test(text)) matches++;
    }
    assert.ok(matches > 1000, `only ${matches} matches checked`);
  });

  it('rules most patterns out of most sentences (the point of it)', () => {
    let ruledOut = 0;
    for (const text of sentences) {
      const { results } = prefilter.prefilter(text);
      for (const p of patterns) if (results[p.id] === FAILS) ruledOut++;
    }
    assert.ok(ruledOut > 0.8 * sentences.length * patterns.length, `${ruledOut} of ${sentences.length * patterns.length}`);
  });

  it('never rules out a match on sentences mutated from the fixtures (case, characters, splices)', () => {
    const alphabet = [...'aAeEkKsSiI0123456789@ .,;:-\'"’()*_\u212A\u017F\u0130\u00e9\u00c9'];
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('upper' as const), at: fc.nat(), length: fc.nat(40) }),
      fc.record({ kind: fc.constant('lower' as const), at: fc.nat(), length: fc.nat(40) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), char: fc.constantFrom(...alphabet) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.nat(3) }),
      fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), other: fc.nat(), from: fc.nat(), length: fc.nat(60) }),
    );
    fc.assert(
      fc.property(fc.nat(), fc.array(edit, { minLength: 1, maxLength: 6 }), (pick, edits) => {
        let text = sentences[pick % sentences.length];
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          if (e.kind === 'upper') text = text.slice(0, at) + text.slice(at, at + e.length).toUpperCase() + text.slice(at + e.length);
          else if (e.kind === 'lower') text = text.slice(0, at) + text.slice(at, at + e.length).toLowerCase() + text.slice(at + e.length);
          else if (e.kind === 'insert') text = text.slice(0, at) + e.char + text.slice(at);
          else if (e.kind === 'delete') text = text.slice(0, at) + text.slice(at + e.length);
          else {
            const other = sentences[e.other % sentences.length];
            const from = e.from % (other.length + 1);
            text = text.slice(0, at) + other.slice(from, from + e.length) + text.slice(at);
          }
        }
        // Both as mutated and as the check would see it.
        assert.deepStrictEqual(hidden(text), [], text);
        const normalised = normaliseForMatching(text);
        assert.deepStrictEqual(hidden(normalised), [], normalised);
      }),
      runs(300),
    );
  });
});

describe('normalising a sentence for matching', () => {
  // The reference: every step applied, whatever the text.
  const slow = normaliseStepByStep;

  it('treats every UTF-16 code unit as the regular expressions of the steps do', () => {
    for (let u = 0; u < 0x10000; u++) {
      const c = String.fromCharCode(u);
      for (const text of [c, `a${c}b`, `a ${c} b`, `${c}a${c}`]) assert.strictEqual(normaliseForMatching(text), slow(text), `U+${u.toString(16)} in ${JSON.stringify(text)}`);
    }
  });

  it('gives what every step would give, when it skips them and when it does not', () => {
    const cases = ['Plain words only.', ' leading', 'trailing ', 'two  spaces', 'tab\there', 'line\nbreak', 'nbsp\u00a0here', '“quoted” (and) **bold** _it_', 'it’s `code`', 'a * b', ''];
    for (const c of cases) assert.strictEqual(normaliseForMatching(c), slow(c), JSON.stringify(c));
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab \t\n\u00a0\u2003*_()"“’`.'.split('')), maxLength: 30 }), s => {
        assert.strictEqual(normaliseForMatching(s), slow(s), JSON.stringify(s));
      }),
      runs(500),
    );
  });
});
