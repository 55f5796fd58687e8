import { SentenceMemo, detached } from '../../model/sentenceMemo';
import { FAILS, MATCHES, PatternPrefilter, UNKNOWN } from './patternPrefilter';
import { normaliseForMatching, patternTable, type CompiledPattern } from './patterns';
import type { OpenTests } from './textTests';

/**
 * What the requirements check knows of one sentence text: its normalised
 * form and, per pattern id, whether the pattern matches it (filled in as
 * patterns are tested). All of it follows from the text alone, so it is
 * shared by every document, and every version of a document, holding the
 * sentence.
 */
export interface SentenceFacts {
  /** The sentence normalised for matching (normaliseForMatching). */
  text: string;
  /** Per pattern id: UNKNOWN, MATCHES or FAILS (see patternPrefilter.ts). Grows when a pattern is added. */
  results: Uint8Array;
  /** Ids of the patterns with literals that the sentence holds (all others with literals fail); released (emptied) once `open` is made from it. */
  possible: Uint16Array;
  /** The text tests (textTests.ts) the sentence may pass, with their verdicts so far; set when first asked for. */
  open?: OpenTests;
  /** How many of them were found to fail since `open` was made (dropped from it when a document is next prepared). */
  failed?: number;
}

// After a keystroke every sentence but one is seen again: their patterns are
// not tested again. Keyed by the sentence as written (normalising it is part
// of what is saved). Bounded like the statement memo, with room for every
// sentence of a 3 MB policy (a smaller least-recently-used memo would miss on
// all of them); an entry holds about 0.5 KB (a byte per pattern and the texts).
/** How many sentence texts the memo holds at most. */
export const MAX_SENTENCES = 60_000;
const MAX_KEY_CHARS = 8_000_000;
const memo = new SentenceMemo<SentenceFacts>(MAX_SENTENCES, MAX_KEY_CHARS);

let prefilter: PatternPrefilter | undefined;

/** The prefilter of the requirements knowledge (loaded once per process, see patternTable). */
export function currentPrefilter(): PatternPrefilter {
  return (prefilter ??= new PatternPrefilter(patternTable()));
}

/** The facts of a sentence as written, from the memo or computed now. */
export function sentenceFacts(raw: string): SentenceFacts {
  const filter = currentPrefilter();
  const known = memo.get(raw);
  if (known) return known;
  // The memo copies its keys out of the document; the normalised text is kept too, so it must not be a slice of it either.
  const normalised = normaliseForMatching(raw);
  const text = detached(normalised);
  const facts: SentenceFacts = { text, ...filter.prefilter(text), open: undefined, failed: 0 };
  memo.set(raw, facts);
  return facts;
}

/** How many sentence texts the memo holds now. */
export function sentenceFactsHeld(): number {
  return memo.size;
}

/** False when the literals already rule the pattern out for the sentence. */
export function mayMatch(facts: SentenceFacts, pattern: CompiledPattern): boolean {
  const results = facts.results;
  return pattern.id >= results.length || results[pattern.id] !== FAILS;
}

/** Whether the pattern matches the text, tested at most once per text (the result is kept with its facts). */
export function factMatches(facts: SentenceFacts, pattern: CompiledPattern): boolean {
  if (pattern.id >= facts.results.length) grow(facts, pattern.id + 1);
  const known = facts.results[pattern.id];
  if (known !== UNKNOWN) return known === MATCHES;
  const found = pattern.re.test(facts.text);
  facts.results[pattern.id] = found ? MATCHES : FAILS;
  return found;
}

function grow(facts: SentenceFacts, size: number) {
  const results = new Uint8Array(size);
  results.set(facts.results);
  facts.results = results;
}
