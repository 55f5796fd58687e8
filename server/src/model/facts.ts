// Facts a policy states: its dates, age thresholds, durations, contact
// addresses, defined terms and internal cross-references. Each finder lives
// in its own file; front matter and code are skipped (front matter
// declarations are read there).
//
// Re-analysis after a keystroke must not read the whole policy again. The
// finders that read the text as a whole (dates, addresses, defined terms,
// cross-references) run per chunk of text, remembered by the chunk's text:
// the text is cut only right after a line break, and only where no match of
// any of them can span the white space there (mayJoin), so each finds in a
// chunk what it finds there in the whole text. Before a match they read no
// further back than its line, or across a line break only where mayJoin
// forbids the cut; after it, only cross-references read on past its line,
// and a chunk that may hold one is remembered with what followed it
// (LOOKAHEAD). Ages and durations are read per sentence, kept with the chunk
// that holds the sentence (a sentence memo for those that span chunks).

import { isJsSpace } from './characters';
import { findCrossReferences } from './crossReferences';
import { findDateCandidates, MONTH_NAMES, placedDateRole, type DateCandidate } from './dates';
import { findDefinedTerms } from './definedTerms';
import { findEmails, findPhones } from './contacts';
import { agesIn, durationsIn, mayStateAge, mayStateDuration, type SentenceAge, type SentenceDuration } from './quantities';
import { SentenceMemo, detached } from './sentenceMemo';
import type { AgeFact, Block, CrossReference, DateFact, DefinedTerm, DurationFact, Facts, Sentence, Span } from './types';

/** Dates, ages, durations, addresses, defined terms and cross-references. */
export function extractFacts(text: string, sentences: Sentence[], blocks: Block[]): Facts {
  const skip: Span[] = blocks.filter(b => b.kind === 'front-matter' || b.kind === 'code').map(b => b.span);
  const chunks = chunksOf(text, skip);
  const found = textFacts(chunks);
  const { ages, durations } = quantities(sentences, chunks);
  return {
    dates: found.dates,
    ages,
    durations,
    emails: found.emails,
    phones: found.phones,
    definedTerms: found.definedTerms,
    crossReferences: found.crossReferences,
  };
}

// ---------------------------------------------------------------------------
// Ages and durations, per sentence.

/** What one sentence text states; spans relative to its start. Null: the finder failed on it. */
interface SentenceQuantities {
  ages: readonly SentenceAge[] | null;
  durations: readonly SentenceDuration[] | null;
}

// For sentences that span chunks (most sentences are kept with their chunk).
// Room for every sentence of a 3 MB policy (about 30 000), like the other
// sentence memos: one smaller than the document would miss on every sentence.
const quantityMemo = new SentenceMemo<SentenceQuantities>(60_000, 8_000_000);
const NONE: readonly never[] = Object.freeze([]);

// Most sentences state neither: they share one value.
const NO_QUANTITIES: SentenceQuantities = Object.freeze({ ages: NONE, durations: NONE });

function quantities(sentences: Sentence[], chunks: Chunk[]): { ages: AgeFact[]; durations: DurationFact[] } {
  const ages: AgeFact[] = [];
  const durations: DurationFact[] = [];
  let agesFailed = false;
  let durationsFailed = false;
  let c = 0;
  for (const sentence of sentences) {
    while (c + 1 < chunks.length && chunks[c + 1].start <= sentence.span.start) c++;
    const chunk = chunks[c];
    const inside = chunk !== undefined && sentence.span.end <= chunk.end;
    // A sentence inside a chunk that holds no number and no unit of time states neither.
    if (inside && !chunk.facts.mayQuantify) continue;
    const q = inside ? heldByChunk(chunk, sentence) : remembered(sentence.text);
    if (q === NO_QUANTITIES) continue;
    const at = sentence.span.start;
    if (q.ages === null) agesFailed = true;
    else for (const a of q.ages) ages.push({ age: a.age, span: moved(a.span, at), aboutChildren: a.aboutChildren });
    if (q.durations === null) durationsFailed = true;
    else for (const d of q.durations) durations.push({ amount: d.amount, unit: d.unit, days: d.days, span: moved(d.span, at), sentence });
  }
  // A finder that fails on one sentence yields nothing at all, as it did when it read all sentences in one call.
  return { ages: agesFailed ? [] : ages, durations: durationsFailed ? [] : durations };
}

/** How many sentence readings a chunk keeps (its text split in other ways by other documents). */
const MAX_HELD = 64;

/**
 * The quantities of a sentence inside a chunk, kept with the chunk's facts
 * under the sentence's place in it: the chunk's text is its key, so the place
 * tells the sentence's text (and the chunk memo pays for the key).
 */
function heldByChunk(chunk: Chunk, sentence: Sentence): SentenceQuantities {
  const from = sentence.span.start - chunk.start;
  const to = sentence.span.end - chunk.start;
  const held = (chunk.facts.sentences ??= []);
  for (const h of held) if (h.from === from && h.to === to) return h.quantities;
  const quantities = quantitiesOf(sentence.text);
  if (held.length < MAX_HELD) held.push({ from, to, quantities });
  return quantities;
}

/** The quantities of a sentence that spans chunks, from the sentence memo. */
function remembered(s: string): SentenceQuantities {
  // Looked up before any test of the text: after a keystroke almost every sentence is known.
  let q = quantityMemo.get(s);
  if (!q) {
    q = quantitiesOf(s);
    quantityMemo.set(s, q);
  }
  return q;
}

function quantitiesOf(s: string): SentenceQuantities {
  const age = mayStateAge(s);
  const duration = mayStateDuration(s);
  if (!age && !duration) return NO_QUANTITIES;
  return { ages: age ? shared(guarded(() => agesIn(s))) : NONE, durations: duration ? shared(guarded(() => durationsIn(s))) : NONE };
}

// ---------------------------------------------------------------------------
// Dates, addresses, defined terms and cross-references, per chunk of text.

/**
 * How far past the end of its match a cross-reference is read: the statute
 * test of a numbered one reads 80 characters on ("Section 5 of the California
 * Civil Code"), the direction 60, a heading's number 4. The other finders read
 * no further than the end of their match's line, which a chunk holds.
 */
const LOOKAHEAD = 80;
/**
 * A chunk ends at a blank line, or at any line break once it holds this many
 * characters: small enough that an edit re-reads little, large enough that a
 * policy of short lines is not read line by line.
 */
const MIN_CHUNK_CHARS = 256;

/** What the text-wide finders find in one chunk; spans relative to its start. Null: the finder failed on it. */
interface ChunkFacts {
  length: number;
  /** What followed the chunk, as far as its cross-references read (LOOKAHEAD characters, fewer at the end of the text); null when none can. */
  after: string | null;
  dates: readonly DateCandidate[] | null;
  emails: readonly Span[] | null;
  phones: readonly Span[] | null;
  definedTerms: readonly DefinedTerm[] | null;
  crossReferences: readonly CrossReference[] | null;
  /** The chunk holds a digit, "teen", "twenty" or a unit of time: a sentence in it may state an age or a duration. */
  mayQuantify: boolean;
  /** The quantities of the sentences read in it so far, by their place in the chunk (see heldByChunk). */
  sentences?: { from: number; to: number; quantities: SentenceQuantities }[];
}

/** A chunk of the text and what it holds. */
interface Chunk {
  start: number;
  end: number;
  facts: ChunkFacts;
}

// A 3 MB policy has ~13 000 chunks of a paragraph or more; room for several
// versions of it and for other documents.
const chunkMemo = new SentenceMemo<ChunkFacts>(60_000, 16_000_000);

interface TextFacts {
  dates: DateFact[];
  emails: Span[];
  phones: Span[];
  definedTerms: DefinedTerm[];
  crossReferences: CrossReference[];
}

/** The chunks of the text (see chunkStarts), each with its facts. */
function chunksOf(text: string, skip: Span[]): Chunk[] {
  const skipped = [...skip].sort((a, b) => a.start - b.start);
  let firstSkip = 0;
  const starts = chunkStarts(text);
  const chunks: Chunk[] = [];
  for (let c = 0; c < starts.length; c++) {
    const start = starts[c];
    const end = c + 1 < starts.length ? starts[c + 1] : text.length;
    while (firstSkip < skipped.length && skipped[firstSkip].end <= start) firstSkip++;
    let skipHere: Span[] = NO_SPANS;
    for (let k = firstSkip; k < skipped.length && skipped[k].start < end; k++) {
      if (skipped[k].end <= start) continue;
      if (skipHere === NO_SPANS) skipHere = [];
      skipHere.push({ start: Math.max(0, skipped[k].start - start), end: Math.min(end, skipped[k].end) - start });
    }
    chunks.push({ start, end, facts: chunkFacts(text, start, end, skipHere) });
  }
  return chunks;
}

function textFacts(chunks: Chunk[]): TextFacts {
  const out: TextFacts = { dates: [], emails: [], phones: [], definedTerms: [], crossReferences: [] };
  const failed = { dates: false, emails: false, phones: false, definedTerms: false, crossReferences: false };
  for (const { start, facts: found } of chunks) {
    if (found.dates === null) failed.dates = true;
    else for (const d of found.dates) out.dates.push({ role: placedDateRole(d, start + d.span.start), iso: d.iso, span: moved(d.span, start) });
    if (found.emails === null) failed.emails = true;
    else for (const e of found.emails) out.emails.push(moved(e, start));
    if (found.phones === null) failed.phones = true;
    else for (const p of found.phones) out.phones.push(moved(p, start));
    if (found.definedTerms === null) failed.definedTerms = true;
    else for (const t of found.definedTerms) out.definedTerms.push({ term: t.term, span: moved(t.span, start) });
    if (found.crossReferences === null) failed.crossReferences = true;
    else for (const r of found.crossReferences) out.crossReferences.push({ target: r.target, by: r.by, direction: r.direction, span: moved(r.span, start) });
  }
  // A finder that fails on one chunk yields nothing at all, as it did when it read the text in one call.
  for (const k of Object.keys(failed) as (keyof TextFacts)[]) if (failed[k]) out[k] = [];
  return out;
}

/** The facts of the chunk [start, end) of `text`, from the memo or found now; `skip` relative to `start`. */
function chunkFacts(text: string, start: number, end: number, skip: Span[]): ChunkFacts {
  const length = end - start;
  const chunk = text.slice(start, end);
  const key = skip.length === 0 ? chunk : `${chunk}\u0000${skip.map(s => `${s.start}-${s.end}`).join(',')}`;
  const known = chunkMemo.get(key);
  // The length tells a chunk from another whose text ends like a list of skipped spans.
  if (known && known.length === length && (known.after === null || followedBy(text, end, known.after))) return known;
  // Only a cross-reference reads on past the chunk (see LOOKAHEAD): a chunk
  // that may hold one is read with what follows it, and remembered with it.
  const references = startsBefore(REFERENCE_WORD_RE, chunk, length);
  const window = references ? text.slice(start, Math.min(text.length, end + LOOKAHEAD)) : chunk;
  // Every date and every telephone number holds a digit.
  const digits = startsBefore(DIGIT_RE, chunk, length);
  const found: ChunkFacts = {
    length,
    after: references ? detached(window.slice(length)) : null,
    dates: digits ? shared(guarded(() => findDateCandidates(window, 0, length, skip))) : NONE,
    emails: shared(guarded(() => findEmails(window, 0, length, skip))),
    phones: digits ? shared(guarded(() => findPhones(window, 0, length, skip))) : NONE,
    definedTerms: shared(guarded(() => findDefinedTerms(window, 0, length, skip))),
    crossReferences: references ? shared(guarded(() => findCrossReferences(window, 0, length, skip))) : NONE,
    mayQuantify: digits || startsBefore(QUANTITY_WORD_RE, chunk, length),
  };
  chunkMemo.set(key, found);
  return found;
}

/** Whether `after` follows offset `end` of the text: LOOKAHEAD characters of it, or all of it up to the end of the text. */
function followedBy(text: string, end: number, after: string): boolean {
  return (after.length === LOOKAHEAD || text.length - end === after.length) && text.startsWith(after, end);
}

const NO_SPANS: Span[] = [];

// What a chunk must hold for a finder to find anything in it. Each is a
// superset of what the finder's expressions need, tested on the chunk alone
// (a match that starts in a chunk ends in it).
const DIGIT_RE = /[0-9]/g;
// mayStateAge and mayStateDuration (quantities.ts) without their word boundaries: no sentence of a chunk without it has either.
const QUANTITY_WORD_RE = /t(?:een|wenty)|day|week|month|year/gi;
// NUMBERED_RE, NAMED_AFTER_RE (case-insensitive) and NAMED_BEFORE_RE (crossReferences.ts) each hold one of these words.
const REFERENCE_WORD_RE = /section|paragraph|heading|part|clause/gi;

/** Whether a match of the global `re` starts in window[0, length). */
function startsBefore(re: RegExp, window: string, length: number): boolean {
  re.lastIndex = 0;
  const m = re.exec(window);
  return m !== null && m.index < length;
}

/**
 * Where chunks start: 0, then after the last line break of a run of white
 * space that holds a blank line (or ends a chunk of MIN_CHUNK_CHARS or more),
 * where mayJoin allows. Such a cut lies right after a "\n", so a finder that
 * reads back to the start of a line ("\n") stops at it; and nothing is cut
 * from a white-space run, so the run's neighbours decide (mayJoin).
 */
export function chunkStarts(text: string): number[] {
  const starts = [0];
  let chunkStart = 0;
  const n = text.length;
  for (let i = text.indexOf('\n'); i >= 0; ) {
    let runStart = i;
    while (runStart > 0 && isJsSpace(text.charCodeAt(runStart - 1))) runStart--;
    let runEnd = i + 1;
    let lastBreak = i;
    let breaks = 1;
    for (let code = text.charCodeAt(runEnd); runEnd < n && isJsSpace(code); code = text.charCodeAt(++runEnd)) {
      if (code === 10) {
        lastBreak = runEnd;
        breaks++;
      }
    }
    const cut = lastBreak + 1;
    if (runEnd < n && (breaks >= 2 || cut - chunkStart >= MIN_CHUNK_CHARS) && !mayJoin(text, runStart, runEnd)) {
      starts.push(cut);
      chunkStart = cut;
    }
    i = runEnd < n ? text.indexOf('\n', runEnd) : -1;
  }
  return starts;
}

// Which characters can stand right before / right after white space inside a
// match of a text-wide finder (or inside what a finder reads before a match).
// Only white space that holds a line break matters: the contents of quotes
// and parentheses ([^…\n]) never hold one. By pattern, the white space in
//   DATE_RE       follows a month name, "." after it, a day (digit, st/nd/rd/th), "," or "of";
//                 precedes a day or year (digit), "of" or a month name;
//   PHONE_RE      (one character at most) follows a digit or ")", precedes a digit, "(" or a letter;
//   PAREN_RE      follows "(", a lead word or ","; precedes a lead word, "," or an opening quote;
//   MEANS_RE      follows a closing quote, "**", ")" or ","; precedes "(", "," or "means"…;
//   NUMBERED_RE   follows "Section"…; precedes a digit or I/V/X;
//   NAMED_AFTER_RE follows "section"… or "titled"…; precedes "titled"… or an opening quote;
//   NAMED_BEFORE_RE follows the|our|this, a closing quote, a title word ([\p{L}'’&-]) or "&";
//                 precedes an opening quote, a capital, a connector word, "&" or "section"…;
//   DIRECTION_RE  (which lengthens a cross-reference) follows the reference's end (digit, I/V/X,
//                 ")", a closing quote, a letter), "," or a word (\w); precedes ",", a word (\w);
// and what a finder reads before a match across lines: the word before a
// defined term's parenthesis ("e.g.", "such as") and before a named
// cross-reference ("see", "set out") ends with a letter or "." and is
// followed by "(", "as", "out", the, our or this. Dates, statute citations
// and headings are read on their own line. E-mail addresses hold no white space.
const MAY_END_BEFORE_SPACE = /[\p{L}\p{N}_,()"”'’*&\-\uD800-\uDFFF]/u;
const MAY_START_AFTER_SPACE = /[\p{L}\p{N}_,("“'‘&\uD800-\uDFFF]/u;
// "." stands before such white space only after a month name ("Sept.") or in "e.g." and "i.e.".
const DOT_BEFORE_SPACE = new RegExp(`(?:${MONTH_NAMES}|e\\.g|i\\.e)\\.$`, 'i');
const DOT = 46;

/** The two classes above for the ASCII characters, looked up rather than matched (there is a test per line break). */
const ASCII_ENDS = asciiTable(MAY_END_BEFORE_SPACE);
const ASCII_STARTS = asciiTable(MAY_START_AFTER_SPACE);

function asciiTable(re: RegExp): Uint8Array {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) table[c] = re.test(String.fromCharCode(c)) ? 1 : 0;
  return table;
}

function inClass(code: number, ascii: Uint8Array, re: RegExp): boolean {
  return code < 128 ? ascii[code] === 1 : re.test(String.fromCharCode(code));
}

/** True when a match of some text-wide finder may hold the white space text[runStart, runEnd), so the text must not be cut there. */
function mayJoin(text: string, runStart: number, runEnd: number): boolean {
  if (runStart === 0) return false;
  if (!inClass(text.charCodeAt(runEnd), ASCII_STARTS, MAY_START_AFTER_SPACE)) return false;
  const before = text.charCodeAt(runStart - 1);
  if (before === DOT) return DOT_BEFORE_SPACE.test(text.slice(Math.max(0, runStart - 12), runStart));
  return inClass(before, ASCII_ENDS, MAY_END_BEFORE_SPACE);
}

// ---------------------------------------------------------------------------

function guarded<T>(find: () => T[]): T[] | null {
  try {
    return find();
  } catch {
    return null;
  }
}

/** A finder's result as kept in a memo: the one shared empty list when it found nothing. */
function shared<T>(found: readonly T[] | null): readonly T[] | null {
  return found !== null && found.length === 0 ? NONE : found;
}

function moved(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}
