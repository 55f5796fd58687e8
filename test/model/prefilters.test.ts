import * as assert from 'assert';
import * as fs from 'fs';
import fc from 'fast-check';
import { runs } from '../robustness/fuzzConfig';
import { FIXTURES } from '../helpers/paths';
import { buildStructure } from '../../server/src/model/document';
import { ontology } from '../../server/src/model/ontology';
import { DATE_RE, nextDate } from '../../server/src/model/dates';
import { NAMED_BEFORE_RE, nextNamedBefore } from '../../server/src/model/crossReferences';
import { escapeRegexChar, trieSource } from '../../server/src/model/regexTrie';
import { policyFilesUnder } from '../helpers/policyFiles';

// The model skips work that provably cannot find anything: concepts are tried
// only where an indexed prefix of one begins, dates only at digits and the
// month names before them, named cross-references only after their lead
// words. Each shortcut must find exactly what the full search finds; these
// properties compare the two on sentences of our own fixtures, mutated at
// random, and on text shaped to come close to a match.

function fixtureTexts(): string[] {
  return policyFilesUnder(FIXTURES).map(f => fs.readFileSync(f, 'utf8'));
}

const FIXTURE_SENTENCES = [...new Set(fixtureTexts().flatMap(t => buildStructure(t).sentences.map(s => s.text)))].filter(s => s.length <= 600);

// Words that make or break a reading: subjects, auxiliaries, verbs, passives, entities, data.
const VOCABULARY = [
  'we', 'We', 'you', 'they', 'which', 'our partners', 'third parties', 'Third-party advertisers', 'advertising networks', 'service providers',
  'Acme', 'may', 'will', 'not', 'never', 'do not', 'is', 'are', 'be', 'been', 'also', 'only', 'reserve the right to', 'allow', 'to',
  'collect', 'share', 'shared', 'sold', 'sell', 'disclose', 'disclosed', 'used', 'opt out', 'opt-out', 'delete', 'request', 'provide',
  'Share', 'Collected', 'your email address', 'personal information', 'cookies', 'for marketing purposes', 'except', 'unless', 'right to',
  ',', ';', '(', ')', 'and', 'or', 'nor', '\u00a0', '\t', '\n', '’', '-',
];

type Mutation = { kind: 'delete' | 'insert' | 'swap' | 'case'; at: number; word: string };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete', 'insert', 'insert', 'swap', 'case'),
  at: fc.nat(),
  word: fc.constantFrom(...VOCABULARY),
});

/** Applies word-level edits: what a lawyer's rewording (or a bad paste) does to a sentence. */
function mutate(sentence: string, edits: Mutation[]): string {
  const words = sentence.split(/(\s+)/);
  for (const e of edits) {
    const i = words.length ? e.at % words.length : 0;
    if (e.kind === 'delete' && words.length > 1) words.splice(i, 1);
    else if (e.kind === 'insert') words.splice(i, 0, ` ${e.word} `);
    else if (e.kind === 'swap' && i + 1 < words.length) [words[i], words[i + 1]] = [words[i + 1], words[i]];
    else if (e.kind === 'case' && words[i]) words[i] = words[i] === words[i].toLowerCase() ? words[i].toUpperCase() : words[i].toLowerCase();
  }
  return words.join('');
}

const policyText = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.tuple(fc.constantFrom(...FIXTURE_SENTENCES), fc.array(mutation, { maxLength: 6 })), { minLength: 1, maxLength: 4 }),
  )
  .map(([named, parts]) => (named ? 'Acme, Inc. ("Acme", "we", "us") runs the app.\n\n' : '') + parts.map(([s, edits]) => mutate(s, edits)).join('\n\n'));

/**
 * A result, or the error it throws: both searches share a known failure
 * ("third party" followed by nothing but white space up to the end of the
 * region), which the index must neither add nor hide.
 */
function outcome<T>(f: () => T): T | string {
  try {
    return f();
  } catch (e) {
    return `throws ${(e as Error).name}`;
  }
}

describe('model prefilters', function () {
  this.timeout(120000);

  it('has fixture sentences to build cases from', () => {
    assert.ok(FIXTURE_SENTENCES.length > 50, `only ${FIXTURE_SENTENCES.length} sentences in test/fixtures`);
  });

  it('the prefix index finds exactly the mentions of a search of every pattern', () => {
    const onto = ontology();
    let found = 0;
    const spacing = fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0', '\u2003', '\u0001', '-', '');
    const words = fc.constantFrom(...VOCABULARY, 'information', 'data', 'to', 'the', 'any', 'all', 'third', 'party', 'Google', 'IP', 'e-mail', 'İ', 'K');
    const noisy = fc.array(fc.tuple(words, spacing), { maxLength: 30 }).map(parts => parts.map(([w, s]) => w + s).join(''));
    // Our sentences with their spaces replaced: multi-word concepts across tabs, line breaks and no-break spaces.
    const respaced = fc
      .tuple(fc.constantFrom(...FIXTURE_SENTENCES), fc.array(spacing, { minLength: 1, maxLength: 40 }))
      .map(([sentence, spaces]) => {
        let k = 0;
        return sentence.replace(/ /g, () => spaces[k++ % spaces.length] || ' ');
      });
    fc.assert(
      fc.property(fc.oneof(policyText, noisy, respaced), fc.nat(), fc.nat(), (text, a, b) => {
        const from = text.length ? a % text.length : 0;
        const to = from + (text.length - from ? b % (text.length - from + 1) : 0);
        const indexed = outcome(() => onto.findMentions(text, from, to));
        assert.deepStrictEqual(indexed, outcome(() => onto.findMentionsUnindexed(text, from, to)));
        const whole = outcome(() => onto.findMentions(text));
        assert.deepStrictEqual(whole, outcome(() => onto.findMentionsUnindexed(text)));
        if (Array.isArray(whole)) found += whole.length;
      }),
      runs(400),
    );
    assert.ok(found > 200, `only ${found} mentions found in all cases`);
  });

  it('dates are found where a scan of every position finds them', () => {
    const piece = fc.constantFrom('May', 'may', 'Sept.', 'September', 'Dec', 'december', 'March', 'xJan', 'Mayo', '1', '12', '31st', '2020', '1999', '2021-03-04', '4/5/2022', '1.2.2023', ',', '.', ' ', '  ', '\n', '\u00a0', ' of ', '-', '/', 'a', '9');
    let found = 0;
    // Shaped like a date, with each part possibly wrong: a month-like word, "." or ",", white space, a day, a year.
    const opt = (a: fc.Arbitrary<string>) => fc.oneof(a, fc.constant(''));
    const dateLike = fc
      .tuple(
        opt(fc.constantFrom('May', 'Sept', 'sep', 'October', 'Junk', 'mar', '5')),
        opt(fc.constantFrom('.', ',', '.,', ',.')),
        opt(fc.constantFrom(' ', '\n\t', '\u00a0', ' of ')),
        opt(fc.constantFrom('1', '07', '31st', '3rd', '32')),
        opt(fc.constantFrom(',', '.', '/', '-', ' ')),
        opt(fc.constantFrom(' ', '  ')),
        opt(fc.constantFrom('2020', '1999', '2100', '20', '05/2021')),
      )
      .map(parts => parts.join(''));
    const textOf = fc.array(fc.oneof(piece, dateLike), { maxLength: 12 }).map(parts => parts.join(''));
    fc.assert(
      fc.property(textOf, fc.nat(), (text, f) => {
        const from = text.length ? f % (text.length + 1) : 0;
        const reference = new RegExp(DATE_RE.source, 'gi');
        reference.lastIndex = from;
        const expected = reference.exec(text);
        const actual = nextDate(text, from);
        assert.deepStrictEqual(actual && [actual.index, ...actual], expected && [expected.index, ...expected]);
        if (expected) found++;
      }),
      runs(1000),
    );
    assert.ok(found > 100, `only ${found} cases with a date`);
  });

  it('named cross-references are tried only after "the", "our" or "this", and found as a scan of every position finds them', () => {
    const piece = fc.constantFrom('the', 'The', 'our', 'this', 'other', 'Cookies', 'Your Choices', 'of', 'and', 'How We Use', '“EU Users”', "'Data'", 'section', 'Section', 'paragraph', 'below', 'Ünïcode', ' ', '  ', '\n', '\u00a0', '\t', '_', '.');
    // Shaped like a reference, each part possibly wrong: lead word, title words, noun.
    const title = fc.array(fc.constantFrom('Cookies', 'Your', 'Choices', 'of', 'and', 'How', 'We', 'use', 'Ünïcode', '“EU Users”', "'Data'"), { maxLength: 4 });
    const space = fc.constantFrom(' ', '  ', '\n', '\u00a0', '\t', '');
    const reference = fc
      .tuple(fc.constantFrom('the', 'The', 'our', 'this', 'xthe', ''), space, title, space, fc.constantFrom('section', 'paragraph', 'heading', 'part', 'sections', 'Section'))
      .map(([lead, s1, words, s2, noun]) => lead + s1 + words.join(' ') + s2 + noun);
    let found = 0;
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, reference, reference), { maxLength: 10 }), fc.nat(), (parts, f) => {
        const text = parts.join(' ');
        const from = f % (text.length + 1);
        const reference = new RegExp(NAMED_BEFORE_RE.source, 'gu');
        reference.lastIndex = from;
        const expected = reference.exec(text);
        const actual = nextNamedBefore(text, from);
        assert.deepStrictEqual(actual && [actual.index, ...actual], expected && [expected.index, ...expected]);
        if (expected) found++;
      }),
      runs(1000),
    );
    assert.ok(found > 50, `only ${found} cases with a reference`);
  });

  it('a vocabulary written as a trie matches what the plain alternation matches, words and prefixes', () => {
    // Short words over a small alphabet, so that words are often prefixes of one another and of the text's words.
    const word = fc.stringMatching(/^[abc'-][abc]{0,4}$/);
    const text = fc.array(fc.oneof(word, fc.constantFrom(' ', '-', 'A', 'Bc', '\n', '_', '1')), { maxLength: 30 }).map(parts => parts.join(''));
    const matches = (re: RegExp, s: string) => [...s.matchAll(re)].map(m => `${m.index}:${m[0]}`);
    let found = 0;
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 12 }), text, (words, s) => {
        const escaped = words.map(w => [...w].map(escapeRegexChar).join(''));
        const longestFirst = [...escaped].sort((a, b) => b.length - a.length);
        const wholeWords = new RegExp(`\\b(?:${longestFirst.join('|')})\\b`, 'gi');
        const trieWords = new RegExp(`\\b${trieSource(words, { mode: 'word', atom: escapeRegexChar })}\\b`, 'gi');
        assert.deepStrictEqual(matches(trieWords, s), matches(wholeWords, s));
        // Prefix mode: the same places where some word begins (what is matched there may be shorter).
        const starts = (re: RegExp) => [...s.matchAll(re)].map(m => m.index);
        const anyStart = new RegExp(`(?=${longestFirst.join('|')})`, 'g');
        const triePrefix = new RegExp(`(?=${trieSource(words, { mode: 'prefix', atom: escapeRegexChar })})`, 'g');
        assert.deepStrictEqual(starts(triePrefix), starts(anyStart));
        found += matches(wholeWords, s).length;
      }),
      runs(1000),
    );
    assert.ok(found > 100, `only ${found} words found in all cases`);
  });
});
