// The ontology of data types, entities, technologies and purposes
// (server/knowledge/ontology.yaml) as a queryable tree, and the matcher that
// finds its concepts in a policy's text.

import { loadKnowledge } from '../knowledge/loader';
import { ontologyFile, parentsOf, type OntologyConcept, type OntologyKnowledge } from '../knowledge/files/ontology';
import { isAsciiWord, isJsSpace } from './characters';
import { ANY_CHAR, SPACE_CHAR, firstChars, firstPrefixes } from './regexFirstChars';
import { escapeRegexChar, trieSource } from './regexTrie';
import type { Span, TermMention } from './types';

export type OntologyFamily = 'data' | 'entity' | 'tech' | 'purpose';

// Policies write "third-party advertising networks", "third party analytics
// providers": the qualifier must not hide the more specific entity that follows.
const THIRD_PARTY_QUALIFIER = /^third[\s-]*party$/i;

interface CompiledPattern {
  concept: string;
  /** Sticky: tried at one position. */
  regex: RegExp;
  /** How deep the concept sits (more ancestors = more specific); breaks ties between equally long matches. */
  depth: number;
}

export class Ontology {
  private readonly concepts = new Map<string, OntologyConcept>();
  /** Every concept's ancestors, itself included. */
  private readonly ancestry = new Map<string, Set<string>>();
  private readonly patterns: CompiledPattern[] = [];
  /** Any pattern, to find where some concept starts (one scan of the text). */
  private readonly anyConcept: RegExp;
  /**
   * The same, lower-cased and case-sensitive, run over lower-cased text: about
   * twice as fast as a case-insensitive scan. Null when a pattern uses \p{…}.
   */
  private readonly anyConceptLower: RegExp | null;
  /** Patterns by the lower-case character their match can start with. */
  private readonly byFirstChar = new Map<string, CompiledPattern[]>();
  private readonly startAnywhere: CompiledPattern[] = [];
  /**
   * The lower-cased patterns indexed by the characters they can start with.
   * Trying, at each word boundary, only those that can start there finds the
   * same positions as `anyConceptLower` without trying 190 alternatives at
   * every character. Null when `anyConceptLower` is.
   */
  private readonly startersLower: Starters | null;
  /** Each pattern's possible first characters (patterns that may start anywhere are not listed). */
  private readonly firstCharsOf = new Map<CompiledPattern, Set<string>>();
  constructor(knowledge: OntologyKnowledge) {
    for (const c of knowledge.concepts) this.concepts.set(c.id, c);
    for (const c of knowledge.concepts) this.ancestry.set(c.id, this.collectAncestors(c.id));
    for (const c of knowledge.concepts) {
      for (const p of c.patterns) {
        const source = `(?:${p})(?!\\w)`;
        const compiled: CompiledPattern = { concept: c.id, regex: new RegExp(source, flagsFor(source, 'iy')), depth: this.ancestors(c.id).size };
        this.patterns.push(compiled);
        const first = firstChars(source);
        if (first) this.firstCharsOf.set(compiled, first);
        if (!first) this.startAnywhere.push(compiled);
        else for (const ch of first) this.byFirstChar.set(ch, [...(this.byFirstChar.get(ch) ?? []), compiled]);
      }
    }
    const combined = `\\b(?:${this.patterns.map(p => p.regex.source).join('|') || '(?!)'})`;
    this.anyConcept = new RegExp(combined, flagsFor(combined, 'gi'));
    this.anyConceptLower = /\\[pP]\{/.test(combined) ? null : new RegExp(lowerSource(combined), 'g');
    this.startersLower = this.anyConceptLower ? new Starters(this.patterns.map(p => lowerSource(p.regex.source))) : null;

  }

  /**
   * Where `anyConceptLower` would next match in `lowered` from `from`: a word
   * boundary where a pattern that can start with the characters there matches;
   * with the indices (in `patterns`) of the patterns that can match there.
   */
  private nextStartLower(lowered: string, from: number): Candidates | null {
    const starters = this.startersLower!;
    // Every pattern starts with a word character (else `nonWordStart`): the
    // word starts that begin with an indexed prefix are found by one regex
    // scan rather than by a loop over every character.
    const scan = starters.nonWordStart ? null : starters.startScan;
    if (scan) {
      scan.lastIndex = from;
      for (let m = scan.exec(lowered); m; m = scan.exec(lowered)) {
        const found = this.candidatesAt(starters, lowered, m.index);
        if (found) return found;
        scan.lastIndex = m.index + 1;
      }
      return null;
    }
    let prevWord = from > 0 && isAsciiWord(lowered.charCodeAt(from - 1));
    for (let at = from; at < lowered.length; at++) {
      const word = isAsciiWord(lowered.charCodeAt(at));
      // A boundary before a non-word character counts only if some pattern can start with one.
      if (word !== prevWord && (word || starters.nonWordStart)) {
        const found = this.candidatesAt(starters, lowered, at);
        if (found) return found;
      }
      prevWord = word;
    }
    return null;
  }
  /** The candidates of the prefix at `at`, if one of them matches there (then remembered in `foundAt`). */
  private candidatesAt(starters: Starters, lowered: string, at: number): Candidates | null {
    const found = starters.at(lowered, at);
    if (!found) return null;
    found.regex.lastIndex = at;
    if (!found.regex.test(lowered)) return null;
    this.foundAt = at;
    return found;
  }

  /** Where the last successful `nextStartLower` found its candidates. */
  private foundAt = 0;

  has(id: string): boolean {
    return this.concepts.has(id);
  }

  label(id: string): string {
    return this.concepts.get(id)?.label ?? id;
  }

  family(id: string): OntologyFamily {
    return id.split('/')[0] as OntologyFamily;
  }

  /** All concept ids, in file order. */
  ids(): string[] {
    return [...this.concepts.keys()];
  }

  /** The concept and all its ancestors. */
  ancestors(id: string): ReadonlySet<string> {
    return this.ancestry.get(id) ?? new Set([id]);
  }

  /** True when `general` is `specific` or one of its ancestors: "personal information" subsumes "email address". */
  subsumes(general: string, specific: string): boolean {
    return this.ancestors(specific).has(general);
  }

  /**
   * True when the two concepts can denote the same thing: one subsumes the
   * other, or they share a descendant (location and sensitive information
   * meet in precise geolocation).
   */
  overlaps(a: string, b: string): boolean {
    if (this.subsumes(a, b) || this.subsumes(b, a)) return true;
    for (const [id, anc] of this.ancestry) if (id !== a && id !== b && anc.has(a) && anc.has(b)) return true;
    return false;
  }

  /** Data that identifies a person (false for aggregated, de-identified and unqualified "information"). */
  isPersonal(id: string): boolean {
    for (const a of this.ancestors(id)) if (this.concepts.get(a)?.personal === false) return false;
    return this.subsumes('data/personal-information', id);
  }

  /** A recipient that is a "third party" (service providers and processors are not). */
  isThirdParty(id: string): boolean {
    for (const a of this.ancestors(id)) if (this.concepts.get(a)?.thirdParty === false) return false;
    return this.subsumes('entity/third-party', id);
  }

  /**
   * Every concept mentioned in text[from, to), leftmost-longest and without
   * overlaps, in text order. One scan of the region per pattern.
   */
  findMentions(text: string, from = 0, to = text.length): TermMention[] {
    return this.search(text, from, to, true);
  }

  /**
   * The same mentions as findMentions, found without the prefix index: one
   * regex of every pattern tried at every word start. Slower; the reference
   * the index is tested against.
   */
  findMentionsUnindexed(text: string, from = 0, to = text.length): TermMention[] {
    return this.search(text, from, to, false);
  }

  private search(text: string, from: number, to: number, useIndex: boolean): TermMention[] {
    const region = from === 0 && to === text.length ? text : text.slice(from, to);
    const out: TermMention[] = [];
    const lowered = region.toLowerCase();
    // Lower-casing keeps offsets except for a few characters (İ): then scan case-insensitively.
    const fast = this.anyConceptLower !== null && lowered.length === region.length;
    const finder = fast ? this.anyConceptLower! : this.anyConcept;
    const scanned = fast ? lowered : region;
    const indexed = useIndex && fast && this.startersLower !== null;
    finder.lastIndex = 0;
    for (;;) {
      let at: number;
      let possible: Candidates | undefined;
      if (indexed) {
        const next = this.nextStartLower(scanned, finder.lastIndex);
        if (!next) break;
        at = this.foundAt;
        possible = next;
      } else {
        const m = finder.exec(scanned);
        if (!m) break;
        at = m.index;
      }
      // "non-personal", "sub-processor": a hyphen glues the word to the one before.
      if (at > 0 && region[at - 1] === '-') {
        finder.lastIndex = at + 1;
        continue;
      }
      const best = this.longestAt(region, at, possible);
      if (!best) {
        finder.lastIndex = at + 1;
        continue;
      }
      let end = at + best.length;
      let id = best.concept;
      if (THIRD_PARTY_QUALIFIER.test(region.slice(at, end))) {
        let next = end;
        while (next < region.length && /\s/.test(region[next])) next++;
        // Only white space after "third party" (the end of a piece of a long sentence): nothing qualifies it.
        const qualified = next > end && next < region.length ? this.longestAt(region, next) : null;
        if (qualified && this.family(qualified.concept) === 'entity') {
          id = qualified.concept;
          end = next + qualified.length;
        }
      }
      out.push({ id, span: { start: from + at, end: from + end } });
      finder.lastIndex = Math.max(at + 1, end);
    }
    return out;
  }

  /**
   * The longest concept match starting exactly at `at` (the most specific concept on a tie).
   * `possible`: the indices of the only patterns that can match there, when known.
   */
  private longestAt(text: string, at: number, possible?: Candidates): { concept: string; length: number } | null {
    const first = text[at].toLowerCase();
    // The same patterns in the same order as the first-character list, fewer of them.
    const candidates = possible && !this.startAnywhere.length ? this.startingWith(possible, first) : this.byFirstChar.get(first);
    const best: Best = { concept: '', length: 0, depth: 0 };
    if (candidates) this.tryAll(candidates, text, at, best);
    this.tryAll(this.startAnywhere, text, at, best);
    if (!best.length) this.tryAll(this.patterns, text, at, best);
    return best.length ? { concept: best.concept, length: best.length } : null;
  }

  /** Keeps in `best` the longest match at `at` (the deepest concept on a tie). */
  private tryAll(list: readonly CompiledPattern[], text: string, at: number, best: Best): void {
    for (const p of list) {
      p.regex.lastIndex = at;
      // test() with a sticky regex leaves lastIndex at the match end, without allocating a match.
      if (!p.regex.test(text)) continue;
      let end = p.regex.lastIndex;
      while (end > at && isJsSpace(text.charCodeAt(end - 1))) end--;
      const length = end - at;
      if (length > 0 && (length > best.length || (length === best.length && p.depth > best.depth))) {
        best.concept = p.concept;
        best.length = length;
        best.depth = p.depth;
      }
    }
  }

  /** The candidates that can start with `first`, in pattern order (remembered per candidate set). */
  private startingWith(possible: Candidates, first: string): CompiledPattern[] {
    let byFirst = this.candidatesByFirst.get(possible);
    if (!byFirst) this.candidatesByFirst.set(possible, (byFirst = new Map()));
    let list = byFirst.get(first);
    if (!list) byFirst.set(first, (list = possible.indices.map(i => this.patterns[i]).filter(p => this.firstCharsOf.get(p)!.has(first))));
    return list;
  }
  private readonly candidatesByFirst = new WeakMap<Candidates, Map<string, CompiledPattern[]>>();

  private collectAncestors(id: string): Set<string> {
    const out = new Set<string>();
    const stack = [id];
    while (stack.length) {
      const next = stack.pop()!;
      if (out.has(next)) continue;
      out.add(next);
      stack.push(...parentsOf(this.concepts.get(next)));
    }
    return out;
  }
}

/** How many leading characters of a pattern the index knows. */
const PREFIX_LENGTH = 6;

/**
 * The lower-cased patterns by the characters they can start with: a pattern
 * is listed under each of its possible prefixes, cut before the first
 * character that may be anything. At a position, the patterns to try are
 * those listed under the 1 to PREFIX_LENGTH characters found there; their
 * alternation is compiled once per such string of characters.
 */
class Starters {
  /** Pattern indices by prefix. */
  private readonly byPrefix = new Map<string, number[]>();
  private readonly anywhere: number[] = [];
  private readonly compiled = new Map<string, Candidates | null>();
  private readonly compiledAscii = new Map<number, Candidates | null>();
  /** Some pattern may start with a character that is not a word character. */
  readonly nonWordStart: boolean;

  constructor(private readonly sources: string[]) {
    sources.forEach((source, index) => {
      const prefixes = firstPrefixes(source, PREFIX_LENGTH);
      if (!prefixes) {
        this.anywhere.push(index);
        return;
      }
      for (const p of prefixes) {
        const open = p.indexOf(ANY_CHAR);
        const key = open < 0 ? p : p.slice(0, open);
        if (!key) {
          this.anywhere.push(index);
          return;
        }
        const list = this.byPrefix.get(key) ?? [];
        if (!list.includes(index)) list.push(index);
        this.byPrefix.set(key, list);
      }
    });
    this.nonWordStart = this.anywhere.length > 0 || [...this.byPrefix.keys()].some(key => !isAsciiWord(key.charCodeAt(0)));
    // \b before a word character: the word starts that `at` would look up. The
    // keys are written as a trie (a(?:ll|ny)|…): a regex tries an alternation
    // one branch after another, a trie one character at a time.
    this.startScan = this.byPrefix.size
      ? new RegExp(`\\b${trieSource(this.byPrefix.keys(), { mode: 'prefix', atom: ch => (ch === SPACE_CHAR ? '\\s' : escapeRegexChar(ch)) })}`, 'g')
      : null;
  }

  /** Finds, in lower-cased text, the next word start that begins with an indexed prefix (when `nonWordStart` is false). */
  readonly startScan: RegExp | null;

  /** The patterns that may match where `lowered` has these characters at `at`, or null. */
  at(lowered: string, at: number): Candidates | null {
    // Keyed by the characters' codes when they are ASCII: no string to build and hash at each word.
    let code = 0;
    if (at + PREFIX_LENGTH <= lowered.length) {
      for (let i = 0; i < PREFIX_LENGTH; i++) {
        const read = lowered.charCodeAt(at + i);
        const c = isJsSpace(read) ? SPACE_CODE : read;
        if (c >= 128) {
          code = -1;
          break;
        }
        code = code * 128 + c;
      }
    } else code = -1;
    // A long-running server sees many texts: the caches are bounded rather than left to grow.
    if (code >= 0) {
      const known = this.compiledAscii.get(code);
      if (known !== undefined) return known;
      const found = this.compile(indexKey(lowered, at));
      if (this.compiledAscii.size >= 20000) this.compiledAscii.clear();
      this.compiledAscii.set(code, found);
      return found;
    }
    const head = indexKey(lowered, at);
    const known = this.compiled.get(head);
    if (known !== undefined) return known;
    const found = this.compile(head);
    if (this.compiled.size >= 20000) this.compiled.clear();
    this.compiled.set(head, found);
    return found;
  }

  private compile(head: string): Candidates | null {
    const indices = new Set(this.anywhere);
    for (let n = 1; n <= head.length; n++) for (const index of this.byPrefix.get(head.slice(0, n)) ?? []) indices.add(index);
    if (!indices.size) return null;
    const sorted = [...indices].sort((x, y) => x - y);
    return { regex: new RegExp(`(?:${sorted.map(i => this.sources[i]).join('|')})`, 'y'), indices: sorted };
  }
}

const SPACE_CODE = SPACE_CHAR.charCodeAt(0);

/** The PREFIX_LENGTH characters at `at`, white space as the prefix index writes it. */
function indexKey(lowered: string, at: number): string {
  return lowered.slice(at, at + PREFIX_LENGTH).replace(/\s/g, SPACE_CHAR);
}

interface Candidates {
  /** Sticky: any of the patterns, lower-cased, at one position of lower-cased text. */
  regex: RegExp;
  /** Their indices in the ontology's pattern list. */
  indices: readonly number[];
}

/** The source with its literal upper-case letters lowered (escapes such as \S and \W kept). */
function lowerSource(source: string): string {
  return source.replace(/(\\.)|([A-Z])/g, (_m, escape: string | undefined, upper: string | undefined) => escape ?? upper!.toLowerCase());
}

interface Best {
  concept: string;
  length: number;
  depth: number;
}

function flagsFor(source: string, flags: string): string {
  return /\\[pP]\{/.test(source) ? flags + 'u' : flags;
}

let shared: Ontology | undefined;

/** The ontology of server/knowledge/ontology.yaml, loaded once. */
export function ontology(): Ontology {
  return (shared ??= new Ontology(loadKnowledge(ontologyFile)));
}

/** Convenience over the shared ontology. */
export function subsumes(general: string, specific: string): boolean {
  return ontology().subsumes(general, specific);
}

export function overlaps(a: string, b: string): boolean {
  return ontology().overlaps(a, b);
}

export function mentionsIn(mentions: TermMention[], span: Span): TermMention[] {
  return mentions.filter(m => m.span.start >= span.start && m.span.end <= span.end);
}
