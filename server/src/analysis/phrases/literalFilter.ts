// Patterns that know which words their matches must contain. A pattern of a
// phrase, conflict or hygiene rule is run only on the sentences (or from the
// offsets of the text) where those words occur; a sentence without them
// cannot match, so skipping it changes no result. The words are read from
// the pattern's source once (requirements/literals.ts); their occurrences in
// a document are found in one scan for all patterns (literalAutomaton.ts).
// Re-analysis after an edit scans only the sentences whose text changed: each
// sentence's own scan is remembered with its text (sentenceResults.ts), and
// the document's tables are put back together from them.

import { firstPrefixes } from '../../model/regexFirstChars';
import type { PolicyDocument } from '../../model/types';
import { requiredLiteralSets } from '../requirements/literals';
import { CAUGHT_UP, foldedLiteral, LiteralAutomaton, type AloneScan, type TextTarget } from './literalAutomaton';
import { newResultSlot, recordOf, sentenceRecords, type SentenceRecord } from './sentenceResults';

/**
 * Every literal any pattern asked for, by id, and those whose offsets are
 * wanted (the starts of whole-text patterns); a change shows in `version`,
 * and the automaton is rebuilt when a literal is added.
 */
class Vocabulary {
  private readonly ids = new Map<string, number>();
  private readonly list: string[] = [];
  private readonly anchors: number[] = [];
  private built: LiteralAutomaton | undefined;
  version = 0;

  get size(): number {
    return this.list.length;
  }

  idOf(folded: string, anchor = false): number {
    let id = this.ids.get(folded);
    if (id === undefined) {
      id = this.list.length;
      this.ids.set(folded, id);
      this.list.push(folded);
      this.anchors.push(0);
      this.built = undefined;
      this.version++;
    }
    if (anchor && !this.anchors[id]) {
      this.anchors[id] = 1;
      this.version++;
    }
    return id;
  }

  /** 1 for each literal whose offsets a scan records. */
  anchorFlags(): Uint8Array {
    return Uint8Array.from(this.anchors);
  }

  automaton(): LiteralAutomaton {
    return (this.built ??= new LiteralAutomaton(this.list.slice()));
  }
}

const VOCABULARY = new Vocabulary();

// Escapes the literal reader does not parse (\p{…}, \u…, \x…, \c…, \k<…>):
// characters after them could be read as literals the pattern does not need.
const UNREAD_ESCAPE = /\\[pPuxckq]/;
const CHAR_CLASS = /\[(?:\\.|[^\]\\])*\]/g;
// ANY_CHAR is one of these.
const PLACEHOLDER = /[\u0000-\u001f]/;

/**
 * The literal sets of a source, as ids; null when none can be read safely.
 * Without a literal of three characters ("ad\\s|admob"), the literals a match
 * starts with serve as the one set.
 */
function literalSetsOf(source: string): Int32Array[] | null {
  if (UNREAD_ESCAPE.test(source.replace(CHAR_CLASS, '[]'))) return null;
  const sets: Int32Array[] = [];
  for (const set of requiredLiteralSets(source) ?? []) {
    const folded = set.map(foldedLiteral);
    // Every set is needed on its own: one that cannot be folded is simply not used.
    if (folded.some(f => f === undefined)) continue;
    sets.push(Int32Array.from(new Set(folded as string[]), l => VOCABULARY.idOf(l)));
  }
  if (sets.length) return sets;
  const starts = startLiteralsOf(source, false, 3);
  return starts ? [starts] : null;
}

/**
 * Literals one of which every match starts with, none shorter than
 * `minLength`; null when they cannot be read or are too many to be worth it.
 * The offsets of anchors are recorded by every scan.
 */
function startLiteralsOf(source: string, anchor: boolean, minLength: number): Int32Array | null {
  if (UNREAD_ESCAPE.test(source.replace(CHAR_CLASS, '[]'))) return null;
  const prefixes = firstPrefixes(source, 4);
  if (!prefixes || prefixes.size > 48) return null;
  const ids: number[] = [];
  for (const p of prefixes) {
    // A match starting "(" then any character still starts with "(". The
    // prefix reader marks "any character" and "white space" with control
    // characters (ANY_CHAR, SPACE_CHAR …): a literal ends before the first.
    const cut = p.search(PLACEHOLDER);
    const folded = foldedLiteral(cut < 0 ? p : p.slice(0, cut));
    if (folded === undefined || folded.length < minLength) return null;
    ids.push(VOCABULARY.idOf(folded, anchor));
  }
  return Int32Array.from(new Set(ids)).sort();
}

/**
 * A knowledge pattern with the literals its matches need. `re` is the
 * pattern itself; every method gives exactly what running `re` would.
 */
export class FilteredPattern {
  /** One literal of each set occurs in every match; null: any text may match. */
  private readonly sets: Int32Array[] | null;
  /** The sets as masks over a sentence's row (a test of a word or two instead of one per literal). */
  private readonly setMasks: LiteralMask[] | null;
  /** Every match starts with one of these (null: unknown); for searches over the whole text. */
  private readonly starts: Int32Array | null;
  private sticky: RegExp | undefined;

  /** `wholeText`: the pattern is also searched over a whole text (matchAllText, testText), from the offsets where a match can start. */
  constructor(
    readonly re: RegExp,
    wholeText: boolean,
  ) {
    this.sets = literalSetsOf(re.source);
    this.setMasks = this.sets ? this.sets.map(set => literalMask(Array.from(set))) : null;
    this.starts = wholeText && re.global ? startLiteralsOf(re.source, true, 1) : null;
  }

  /** Literals one of which every match holds (null: none known). */
  firstSet(): Int32Array | null {
    return this.sets ? this.sets[0] : null;
  }

  /** firstSet() as a mask (sentencesFor). */
  anyMask(): LiteralMask | null {
    return this.setMasks ? this.setMasks[0] : null;
  }

  /** False only when the sentence cannot hold a match. */
  mayMatchSentence(lits: DocumentLiterals, sentence: number): boolean {
    const masks = this.setMasks;
    if (!masks) return true;
    for (let k = 0; k < masks.length; k++) if (!lits.sentenceHasMask(sentence, masks[k])) return false;
    return true;
  }

  /** False only when the whole text cannot hold a match. */
  mayMatchText(lits: DocumentLiterals): boolean {
    if (!this.sets) return true;
    for (const set of this.sets) if (!lits.textHasAny(set)) return false;
    return true;
  }

  /** `re.test(text)` from the start, for the text of sentence `sentence`. */
  testSentence(text: string, lits: DocumentLiterals, sentence: number): boolean {
    if (!this.mayMatchSentence(lits, sentence)) return false;
    return this.test(text);
  }

  // One pattern serves every rule that has its source, so none may see
  // another's lastIndex: every use starts from 0 and leaves 0 behind.

  /** `re.test(text)` from the start. */
  test(text: string): boolean {
    this.re.lastIndex = 0;
    const found = this.re.test(text);
    this.re.lastIndex = 0;
    return found;
  }

  /** Every match in `text`, from the start. */
  matchAll(text: string): IterableIterator<RegExpExecArray> {
    this.re.lastIndex = 0;
    return text.matchAll(this.re) as IterableIterator<RegExpExecArray>;
  }

  /** `[...doc.text.matchAll(re)]`, tried only where a match can start. */
  matchAllText(lits: DocumentLiterals): RegExpExecArray[] {
    const text = lits.text;
    if (!this.mayMatchText(lits)) return [];
    if (!this.starts || !lits.scannedFor(this.starts)) return [...this.matchAll(text)];
    // A global search finds the leftmost position where the pattern matches;
    // every match starts at one of these offsets, so trying them in order with
    // a sticky copy finds the same matches, one after another.
    const sticky = (this.sticky ??= new RegExp(this.re.source, this.re.flags.replace('g', '') + 'y'));
    const out: RegExpExecArray[] = [];
    let from = 0;
    for (const at of lits.startsOf(this.starts)) {
      if (at < from) continue;
      sticky.lastIndex = at;
      const m = sticky.exec(text);
      if (!m) continue;
      out.push(m);
      // Starts are literals of at least one character: a match is never empty.
      from = at + m[0].length;
    }
    return out;
  }

  /** `re.test(doc.text)` from the start. */
  testText(lits: DocumentLiterals): boolean {
    if (!this.mayMatchText(lits)) return false;
    if (this.starts && lits.scannedFor(this.starts)) return this.matchAllFirst(lits);
    return this.test(lits.text);
  }

  /** Whether a match starts at one of the offsets of the start literals: in any order, so literal by literal, unmerged. */
  private matchAllFirst(lits: DocumentLiterals): boolean {
    const sticky = (this.sticky ??= new RegExp(this.re.source, this.re.flags.replace('g', '') + 'y'));
    for (const id of this.starts!) {
      for (const at of lits.startsOfLiteral(id)) {
        sticky.lastIndex = at;
        if (sticky.test(lits.text)) return true;
      }
    }
    return false;
  }
}

/**
 * Several patterns asked at once whether any may match a sentence, as a rule
 * asks of its cases. Most sentences hold no literal of any of them: one mask
 * test over the sentence's bits turns those away before each pattern is asked.
 */
export class PatternGroup {
  /** Literals one of which any match of any pattern holds (a set of each pattern), as bit masks; null when a pattern has none. */
  private readonly any: LiteralMask | null;

  constructor(readonly patterns: readonly FilteredPattern[]) {
    const ids: number[] = [];
    let known = true;
    for (const p of patterns) {
      const set = p.firstSet();
      if (set) ids.push(...set);
      else known = false;
    }
    this.any = known ? literalMask(ids) : null;
  }

  /** `patterns.some(p => p.mayMatchSentence(lits, sentence))`. */
  mayMatchSentence(lits: DocumentLiterals, sentence: number): boolean {
    if (this.any && !lits.sentenceHasMask(sentence, this.any)) return false;
    for (const p of this.patterns) if (p.mayMatchSentence(lits, sentence)) return true;
    return false;
  }

  /** Literals one of which every match of every pattern holds, as a mask (sentencesFor). */
  anyMask(): LiteralMask | null {
    return this.any;
  }
}

/** What may match a sentence (one pattern or a group), with literals one of which a match holds. */
export interface SentenceFilter {
  mayMatchSentence(lits: DocumentLiterals, sentence: number): boolean;
  anyMask(): LiteralMask | null;
}

/** Literal ids as the words of a sentence's bits they fall in and the bits within each word. */
export interface LiteralMask {
  words: Int32Array;
  bits: Int32Array;
  maxId: number;
}

function literalMask(ids: number[]): LiteralMask {
  const byWord = new Map<number, number>();
  for (const id of ids) byWord.set(id >> 5, (byWord.get(id >> 5) ?? 0) | (1 << (id & 31)));
  return { words: Int32Array.from(byWord.keys()), bits: Int32Array.from(byWord.values()), maxId: Math.max(-1, ...ids) };
}

/** Compiled once per pattern source, flags and use for the life of the process. */
const patterns = new Map<string, FilteredPattern>();

function compiled(re: RegExp, wholeText: boolean): FilteredPattern {
  const key = `${wholeText ? 'text' : 'sentence'}/${re.flags}/${re.source}`;
  let p = patterns.get(key);
  if (!p) patterns.set(key, (p = new FilteredPattern(re, wholeText)));
  return p;
}

/** A pattern run on sentences. */
export function filteredPattern(re: RegExp): FilteredPattern {
  return compiled(re, false);
}

/** A pattern searched over the whole text of a document (also usable on sentences). */
export function textPattern(re: RegExp): FilteredPattern {
  return compiled(re, true);
}

/** Where the vocabulary's literals occur in one document: by sentence, and as offsets of the text. */
export class DocumentLiterals {
  readonly text: string;
  /** The vocabulary's version when the document was scanned. */
  readonly version: number;
  private readonly size: number;
  private readonly words: number;
  /** Bit `id` of sentence s: bit (id & 31) of word s * words + (id >> 5). */
  private readonly bySentence: Uint32Array;
  private readonly inText: Uint8Array;
  /** The literals whose start offsets were recorded. */
  private readonly recorded: Uint8Array;
  private readonly startList: number[] = [];
  private readonly startIds: number[] = [];
  private readonly startsCache = new Map<Int32Array, Int32Array>();
  private readonly sentenceCount: number;
  private readonly candidates = new Map<SentenceFilter, Int32Array>();
  /**
   * Each sentence's row of its remembered scan (null: no literal), which
   * after the literal bits keeps what filters said of the sentence: a word of
   * the filters asked, a word of those that may match (sentencesFor). Null
   * when sentences overlap.
   */
  private rows: (Uint32Array | null)[] | null = null;
  /** Sentences overlap (never in a model built by document.ts): every sentence is then said to hold every literal. */
  private readonly unknownSentences: boolean;

  constructor(doc: PolicyDocument) {
    this.text = doc.text;
    this.version = VOCABULARY.version;
    this.size = VOCABULARY.size;
    this.words = (this.size + 31) >> 5;
    this.inText = new Uint8Array(this.size);
    this.recorded = VOCABULARY.anchorFlags();
    const sentences = doc.sentences;
    this.sentenceCount = sentences.length;
    this.bySentence = new Uint32Array(sentences.length * this.words);
    const automaton = VOCABULARY.automaton();
    const target: TextTarget = { inText: this.inText, recordStarts: this.recorded, starts: this.startList, startIds: this.startIds };
    this.unknownSentences = !this.scanBySentence(doc, automaton, target);
    if (this.unknownSentences) {
      this.rows = null;
      this.inText.fill(0);
      this.startList.length = this.startIds.length = 0;
      automaton.scanBetween(doc.text, 0, doc.text.length, 0, target);
    }
  }

  /**
   * The scan of the whole text, put together from each sentence's own scan
   * (remembered by its text) and a scan of what lies between sentences. An
   * occurrence that begins before a sentence and ends in it is found by
   * carrying the state into the sentence until it reads what the sentence's
   * own scan read (catchUp); such an occurrence is in no sentence. False
   * when the sentences do not follow one another in the text.
   */
  private scanBySentence(doc: PolicyDocument, automaton: LiteralAutomaton, target: TextTarget): boolean {
    const { text, sentences } = doc;
    const { words, bySentence, startList, startIds, recorded, version } = this;
    const records = sentenceRecords(doc);
    const rows: (Uint32Array | null)[] = (this.rows = new Array(sentences.length));
    // The literals of all sentences, merged into inText at the end.
    const inSentences = new Uint32Array(words);
    let state = 0;
    let at = 0;
    for (let s = 0; s < sentences.length; s++) {
      const sentence = sentences[s];
      const { start, end } = sentence.span;
      if (start < at || end - start !== sentence.text.length || end > text.length) return false;
      if (start > at) state = automaton.scanBetween(text, at, start, state, target);
      const record = recordOf(records, sentence);
      const own = sentenceLiterals(record, text, start, end, automaton, words, recorded, version);
      if (state !== 0) {
        const caught = automaton.catchUp(text, start, end, state, target);
        state = caught === CAUGHT_UP ? own.endState : caught;
      } else state = own.endState;
      const row = own.row;
      rows[s] = row;
      if (row) {
        const base = s * words;
        for (let w = 0; w < words; w++) {
          bySentence[base + w] = row[w];
          inSentences[w] |= row[w];
        }
      }
      const starts = own.starts;
      for (let k = 0; k < starts.length; k += 2) {
        startList.push(start + starts[k]);
        startIds.push(starts[k + 1]);
      }
      at = end;
    }
    automaton.scanBetween(text, at, text.length, state, target);
    for (let id = 0; id < this.size; id++) if (inSentences[id >> 5] & (1 << (id & 31))) this.inText[id] = 1;
    return true;
  }

  /**
   * The sentences, by index in text order, of which `filter.mayMatchSentence`
   * holds. What a filter said of a sentence is kept in the row of its
   * remembered scan (it depends on the sentence's literals alone): after an
   * edit only the sentences that changed are asked again.
   */
  sentencesFor(filter: SentenceFilter): Int32Array {
    let out = this.candidates.get(filter);
    if (out) return out;
    const found: number[] = [];
    const n = this.sentenceCount;
    const rows = this.rows;
    const slot = verdictSlotOf(filter);
    if (!rows || slot >= MAX_VERDICTS) {
      for (let s = 0; s < n; s++) if (filter.mayMatchSentence(this, s)) found.push(s);
    } else {
      const asked = this.words;
      const said = asked + 1;
      const bit = 1 << slot;
      // What the filter says of a sentence without literals, asked once.
      let ofNone: boolean | undefined;
      for (let s = 0; s < n; s++) {
        const row = rows[s];
        let may: boolean;
        if (row === null) may = ofNone ??= filter.mayMatchSentence(this, s);
        else if (row[asked] & bit) may = (row[said] & bit) !== 0;
        else {
          may = filter.mayMatchSentence(this, s);
          row[asked] |= bit;
          if (may) row[said] |= bit;
        }
        if (may) found.push(s);
      }
    }
    out = Int32Array.from(found);
    this.candidates.set(filter, out);
    return out;
  }

  /** Whether the sentence holds one of the literals of the mask. */
  sentenceHasMask(sentence: number, mask: LiteralMask): boolean {
    if (this.unknownSentences || mask.maxId >= this.size) return true;
    const base = sentence * this.words;
    const { words, bits } = mask;
    for (let k = 0; k < words.length; k++) if (this.bySentence[base + words[k]] & bits[k]) return true;
    return false;
  }

  textHasAny(ids: Int32Array): boolean {
    for (let k = 0; k < ids.length; k++) if (ids[k] >= this.size || this.inText[ids[k]]) return true;
    return false;
  }

  /** Whether the offsets of all these literals were recorded. */
  scannedFor(ids: Int32Array): boolean {
    for (let k = 0; k < ids.length; k++) if (ids[k] >= this.size || !this.recorded[ids[k]]) return false;
    return true;
  }

  /** Start offsets of the recorded literals, ascending, without repeats. */
  startsOf(ids: Int32Array): Int32Array {
    let out = this.startsCache.get(ids);
    if (out) return out;
    const byId = (this.startsById ??= this.groupStarts());
    if (ids.length === 1) out = Int32Array.from(byId.get(ids[0]) ?? []);
    else {
      const merged = Int32Array.from(Array.from(ids).flatMap(id => byId.get(id) ?? [])).sort();
      // Two literals may start at one offset ("xxx" and "xxxx").
      let kept = 0;
      for (let k = 0; k < merged.length; k++) if (k === 0 || merged[k] !== merged[k - 1]) merged[kept++] = merged[k];
      out = merged.subarray(0, kept);
    }
    this.startsCache.set(ids, out);
    return out;
  }

  private startsById: Map<number, number[]> | undefined;

  /** Start offsets of one recorded literal, ascending. */
  startsOfLiteral(id: number): readonly number[] {
    return (this.startsById ??= this.groupStarts()).get(id) ?? NO_OFFSETS;
  }

  /** Recorded offsets by literal; those of one literal come in text order. */
  private groupStarts(): Map<number, number[]> {
    const byId = new Map<number, number[]>();
    for (let k = 0; k < this.startIds.length; k++) {
      const id = this.startIds[k];
      (byId.get(id) ?? byId.set(id, []).get(id)!).push(this.startList[k]);
    }
    return byId;
  }
}

// A sentence's own scan, kept in its record (sentenceResults.ts) with the
// vocabulary version it was made with: a literal added since makes it stale.
const SCAN_SLOT = newResultSlot();
const SCAN_VERSION_SLOT = newResultSlot();
// Filters asked of many sentences are few (a rule's cases, a conflict's sides):
// what each said fits in a word of the row; more are asked afresh.
const MAX_VERDICTS = 32;

const verdictSlots = new Map<SentenceFilter, number>();

function verdictSlotOf(filter: SentenceFilter): number {
  let slot = verdictSlots.get(filter);
  if (slot === undefined) verdictSlots.set(filter, (slot = verdictSlots.size));
  return slot;
}

/** The scan of the sentence at [start, end) of `text`, kept in its record. */
function sentenceLiterals(record: SentenceRecord, text: string, start: number, end: number, automaton: LiteralAutomaton, words: number, recordStarts: Uint8Array, version: number): AloneScan {
  if (record[SCAN_VERSION_SLOT] === version) return record[SCAN_SLOT] as AloneScan;
  const scan = automaton.scanAlone(text, start, end, words, words + 2, recordStarts);
  record[SCAN_SLOT] = scan;
  record[SCAN_VERSION_SLOT] = version;
  return scan;
}

const NO_OFFSETS: readonly number[] = Object.freeze([]);

const perDocument = new WeakMap<PolicyDocument, DocumentLiterals>();

const compilers: (() => void)[] = [];
let compilersRun = 0;

/**
 * Registers how a check compiles all its patterns. They are compiled before
 * the first document is scanned, so that the automaton is built once with
 * every literal rather than again each time a rule first runs.
 */
export function compileBeforeFirstScan(compile: () => void): void {
  compilers.push(compile);
}

/**
 * The literals of a document, found once for every pattern. A pattern
 * compiled after the document was scanned (a rule no compiler registered)
 * adds literals: the document is then scanned again.
 */
export function documentLiterals(doc: PolicyDocument): DocumentLiterals {
  while (compilersRun < compilers.length) {
    try {
      compilers[compilersRun++]();
    } catch {
      // Knowledge that does not compile fails in its own rule, which the engine isolates.
    }
  }
  let lits = perDocument.get(doc);
  if (!lits || lits.version !== VOCABULARY.version) perDocument.set(doc, (lits = new DocumentLiterals(doc)));
  return lits;
}
