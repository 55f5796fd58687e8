// The ontology of data types, entities, technologies and purposes
// (server/knowledge/ontology.yaml) as a queryable tree, and the matcher that
// finds its concepts in a policy's text.

import { loadKnowledge } from '../knowledge/loader';
import { ontologyFile, parentsOf, type OntologyConcept, type OntologyKnowledge } from '../knowledge/files/ontology';
import { firstChars } from './regexFirstChars';
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
   * The lower-cased patterns that can start with a given character, as one
   * sticky alternation run over lower-cased text. Scanning word starts and
   * trying only these finds the same positions as `anyConceptLower` without
   * trying 190 alternatives at every character (a third of the statements'
   * time). Null when `anyConceptLower` is (or a pattern may start anywhere).
   */
  private readonly startersLower: Map<string, RegExp> | null;

  constructor(knowledge: OntologyKnowledge) {
    for (const c of knowledge.concepts) this.concepts.set(c.id, c);
    for (const c of knowledge.concepts) this.ancestry.set(c.id, this.collectAncestors(c.id));
    for (const c of knowledge.concepts) {
      for (const p of c.patterns) {
        const source = `(?:${p})(?!\\w)`;
        const compiled: CompiledPattern = { concept: c.id, regex: new RegExp(source, flagsFor(source, 'iy')), depth: this.ancestors(c.id).size };
        this.patterns.push(compiled);
        const first = firstChars(source);
        if (!first) this.startAnywhere.push(compiled);
        else for (const ch of first) this.byFirstChar.set(ch, [...(this.byFirstChar.get(ch) ?? []), compiled]);
      }
    }
    const combined = `\\b(?:${this.patterns.map(p => p.regex.source).join('|') || '(?!)'})`;
    this.anyConcept = new RegExp(combined, flagsFor(combined, 'gi'));
    this.anyConceptLower = /\\[pP]\{/.test(combined) ? null : new RegExp(lowerSource(combined), 'g');
    this.startersLower = this.anyConceptLower && !this.startAnywhere.length ? this.compileStarters() : null;
  }

  private compileStarters(): Map<string, RegExp> {
    const out = new Map<string, RegExp>();
    for (const [ch, list] of this.byFirstChar) out.set(ch, new RegExp(`(?:${list.map(p => lowerSource(p.regex.source)).join('|')})`, 'y'));
    return out;
  }

  /** Where `anyConceptLower` would next match in `lowered` from `from`: a word boundary where a pattern starting with that character matches. */
  private nextStartLower(lowered: string, from: number): number {
    const starters = this.startersLower!;
    let prevWord = from > 0 && isAsciiWord(lowered.charCodeAt(from - 1));
    for (let at = from; at < lowered.length; at++) {
      const word = isAsciiWord(lowered.charCodeAt(at));
      if (word !== prevWord) {
        const re = starters.get(lowered[at]);
        if (re) {
          re.lastIndex = at;
          if (re.test(lowered)) return at;
        }
      }
      prevWord = word;
    }
    return -1;
  }

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
    const region = from === 0 && to === text.length ? text : text.slice(from, to);
    const out: TermMention[] = [];
    const lowered = region.toLowerCase();
    // Lower-casing keeps offsets except for a few characters (İ): then scan case-insensitively.
    const fast = this.anyConceptLower !== null && lowered.length === region.length;
    const finder = fast ? this.anyConceptLower! : this.anyConcept;
    const scanned = fast ? lowered : region;
    const indexed = fast && this.startersLower !== null;
    finder.lastIndex = 0;
    for (;;) {
      let at: number;
      if (indexed) {
        at = this.nextStartLower(scanned, finder.lastIndex);
        if (at < 0) break;
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
      const best = this.longestAt(region, at);
      if (!best) {
        finder.lastIndex = at + 1;
        continue;
      }
      let end = at + best.length;
      let id = best.concept;
      if (THIRD_PARTY_QUALIFIER.test(region.slice(at, end))) {
        let next = end;
        while (next < region.length && /\s/.test(region[next])) next++;
        const qualified = next > end ? this.longestAt(region, next) : null;
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

  /** The longest concept match starting exactly at `at` (the most specific concept on a tie). */
  private longestAt(text: string, at: number): { concept: string; length: number } | null {
    const candidates = this.byFirstChar.get(text[at].toLowerCase());
    let best: { concept: string; length: number; depth: number } | null = null;
    const tryAll = (list: CompiledPattern[] | undefined) => {
      if (!list) return;
      for (const p of list) {
        p.regex.lastIndex = at;
        // test() with a sticky regex leaves lastIndex at the match end, without allocating a match.
        if (!p.regex.test(text)) continue;
        let end = p.regex.lastIndex;
        while (end > at && /\s/.test(text[end - 1])) end--;
        const length = end - at;
        if (length > 0 && (!best || length > best.length || (length === best.length && p.depth > best.depth))) best = { concept: p.concept, length, depth: p.depth };
      }
    };
    tryAll(candidates);
    tryAll(this.startAnywhere);
    if (!best) tryAll(this.patterns);
    return best;
  }

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

/** The source with its literal upper-case letters lowered (escapes such as \S and \W kept). */
function lowerSource(source: string): string {
  return source.replace(/(\\.)|([A-Z])/g, (_m, escape: string | undefined, upper: string | undefined) => escape ?? upper!.toLowerCase());
}

/** \w without the u flag: [A-Za-z0-9_]. */
function isAsciiWord(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

function flagsFor(source: string, flags: string): string {
  return /\\[pP]\{/.test(source) ? flags + 'u' : flags;
}

function trimmedLength(s: string): number {
  let n = s.length;
  while (n > 0 && /\s/.test(s[n - 1])) n--;
  return n;
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
