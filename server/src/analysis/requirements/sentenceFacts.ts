import { SentenceMemo } from '../../model/sentenceMemo';
import { PatternPrefilter } from './patternPrefilter';
import { normaliseForMatching, patternTable } from './patterns';

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
  /** Ids of the patterns with literals that the sentence holds (all others with literals fail). */
  possible: Uint16Array;
}

// After a keystroke every sentence but one is seen again: their patterns are
// not tested again. Keyed by the sentence as written (normalising it is part
// of what is saved). Bounded like the statement memo; an entry holds about
// 0.5 KB (a byte per pattern and the texts).
const MAX_SENTENCES = 10_000;
const MAX_KEY_CHARS = 2_000_000;
const memo = new SentenceMemo<SentenceFacts>(MAX_SENTENCES, MAX_KEY_CHARS);

let prefilter: PatternPrefilter | undefined;

/** The prefilter of the requirements knowledge (loaded once per process, see patternTable). */
export function currentPrefilter(): PatternPrefilter {
  return (prefilter ??= new PatternPrefilter(patternTable()));
}

/** The facts of a sentence as written, from the memo or computed now. */
export function sentenceFacts(raw: string): SentenceFacts {
  const filter = currentPrefilter();
  // A sentence's text is a slice of the whole document; kept in the memo as
  // it is, it would keep that document's text alive after the document is
  // gone. The memo re-inserts the key it is asked with, so it is only ever
  // asked with a copy.
  const key = detached(raw);
  const known = memo.get(key);
  if (known) return known;
  const normalised = normaliseForMatching(raw);
  const text = normalised === raw ? key : detached(normalised);
  const facts: SentenceFacts = { text, ...filter.prefilter(text) };
  memo.set(key, facts);
  return facts;
}

/** A copy of the string that shares no storage with a larger string. */
function detached(s: string): string {
  return (' ' + s).slice(1);
}

/** Forgets every sentence (the next analysis is a first one); for measurements and tests. */
export function clearSentenceFacts(): void {
  memo.clear();
}

/** How many sentence texts the memo holds now. */
export function sentenceFactsHeld(): number {
  return memo.size;
}
