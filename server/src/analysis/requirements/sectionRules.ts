import type { EvidenceClause } from '../../knowledge/files/requirements';
import { SentenceMemo } from '../../model/sentenceMemo';
import type { PolicyDocument, Section } from '../../model/types';
import { topicsOf } from '../sectionTopics';
import type { CompiledPattern } from './patterns';
import { factMatches, sentenceFacts } from './sentenceFacts';

// What an evidence clause asks of a sentence's section (`within`,
// `notWithin`/`unlessWithin`, `titled`) is the same for every sentence of the
// section and for every clause asking the same. A 3 MB policy has some 5 000
// sections and the knowledge about 30 such rules. A verdict follows from the
// titles of the section and its ancestors alone (sectionTopics.ts reads a
// section's topics from its title alone; were that to change, so must the
// key here), so it is kept with that chain of titles, for every document and
// later version holding it: after a keystroke no section is judged again
// unless a heading above it changed. A new chain is judged from its topics as
// bits and its parent's verdict.

/** The same key for clauses that ask the same of a section; null for a clause that asks nothing of it. */
export function sectionKey(clause: EvidenceClause): string | null {
  let key = keys.get(clause);
  if (key === undefined) {
    key = clause.within || clause.notWithin || clause.titled ? JSON.stringify([clause.within ?? null, clause.notWithin ?? null, clause.unlessWithin ?? null, clause.titled ?? null]) : null;
    keys.set(clause, key);
  }
  return key;
}

const keys = new WeakMap<EvidenceClause, string | null>();

/**
 * What the clause asks of the section, by definition: a topic of `within` on
 * the section or an ancestor; no topic of `notWithin` on the nearest section
 * (itself or an ancestor) about one of `notWithin` or `unlessWithin`, unless
 * that section is about one of `unlessWithin`; a `titled` pattern matching
 * the title of the section or an ancestor.
 */
export function sectionAllows(clause: EvidenceClause, titled: readonly CompiledPattern[] | undefined, section: Section | null): boolean {
  if (clause.within && !inTopic(section, clause.within)) return false;
  if (clause.notWithin && excludedByTopic(section, clause.notWithin, clause.unlessWithin ?? [])) return false;
  if (titled && !titledSection(section, titled)) return false;
  return true;
}

function inTopic(section: Section | null, topics: readonly string[]): boolean {
  for (let s = section; s; s = s.parent) {
    const own = topicsOf(s);
    if (topics.some(t => own.includes(t))) return true;
  }
  return false;
}

function excludedByTopic(section: Section | null, topics: readonly string[], unless: readonly string[]): boolean {
  for (let s = section; s; s = s.parent) {
    const own = topicsOf(s);
    if (unless.some(t => own.includes(t))) return false;
    if (topics.some(t => own.includes(t))) return true;
  }
  return false;
}

function titledSection(section: Section | null, patterns: readonly CompiledPattern[]): boolean {
  for (let s = section; s; s = s.parent) if (titleMatches(s, patterns)) return true;
  return false;
}

function titleMatches(section: Section, patterns: readonly CompiledPattern[]): boolean {
  // A title is judged like a sentence, through the same memo: headings rarely change between versions.
  const facts = sentenceFacts(section.title);
  for (const p of patterns) if (factMatches(facts, p)) return true;
  return false;
}

/** Bits of the section topics (section-topics.yaml), given as topics are met; 31 at most, past which rules are judged by definition. */
const topicBits = new Map<string, number>();
const MAX_TOPIC_BITS = 31;

/** The topics as bits, or null when there are too many topics for bits. */
function maskOf(topics: readonly string[]): number | null {
  let mask = 0;
  for (const t of topics) {
    let bit = topicBits.get(t);
    if (bit === undefined) {
      if (topicBits.size >= MAX_TOPIC_BITS) return null;
      topicBits.set(t, (bit = topicBits.size));
    }
    mask |= 1 << bit;
  }
  return mask;
}

/** A section rule with its topics as bits (null when bits cannot hold them). */
interface TopicMasks {
  within: number | null | undefined;
  notWithin: number | null | undefined;
  unless: number | null;
}

/** What is known of a chain of section titles (a section's and its ancestors'). */
interface TitleChain {
  /** Never given twice in the life of the process: a chain's key names its parent chain by it. */
  id: number;
  /** By section rule id: 0 not judged yet, 1 allowed, 2 not. */
  verdicts: Uint8Array;
}

// Bounded like the sentence memos, with room for every section of a 3 MB policy.
const chains = new SentenceMemo<TitleChain>(60_000, 8_000_000);
/** Dense ids of section keys, as met (a few dozen in the knowledge). */
const ruleIds = new Map<string, number>();
let lastChainId = 0;

function ruleIdOf(key: string): number {
  let id = ruleIds.get(key);
  if (id === undefined) ruleIds.set(key, (id = ruleIds.size));
  return id;
}

/** A document's sections, numbered (0: no section), each judged at most once per section rule and chain of titles. */
export class DocumentSections {
  /** By number: 0 for no section, i + 1 for the document's section i, then sections met that it does not list. */
  private readonly list: (Section | null)[];
  private readonly parents: (number | undefined)[];
  /** By number: the topic bits of the section itself, and of it and its ancestors; -1 when topics are too many for bits. */
  private readonly own: (number | undefined)[];
  private readonly chain: (number | undefined)[];
  /** By number: the section's chain of titles. */
  private readonly chains: (TitleChain | undefined)[];
  /** By section key: per number, whether the title of the section or of an ancestor matches. */
  private readonly titles = new Map<string, (boolean | undefined)[]>();
  private readonly masks = new Map<string, TopicMasks>();

  constructor(private readonly doc: PolicyDocument) {
    this.list = [null, ...doc.sections];
    this.parents = this.unknown();
    this.own = this.unknown();
    this.chain = this.unknown();
    this.chains = this.unknown();
    this.own[0] = this.chain[0] = 0;
  }

  /** An array with a slot per section, nothing known yet (filled, so that its elements stay fast). */
  private unknown<T>(): (T | undefined)[] {
    return new Array<T | undefined>(this.list.length).fill(undefined);
  }

  /** The number of a section. */
  numberOf(section: Section | null): number {
    if (!section) return 0;
    if (this.doc.sections[section.index] === section) return section.index + 1;
    let at = this.list.indexOf(section, this.doc.sections.length + 1);
    if (at < 0) at = this.list.push(section) - 1;
    return at;
  }

  /** Whether the clause (with a section key) allows section number `at`. */
  allows(clause: EvidenceClause, key: string, titled: readonly CompiledPattern[] | undefined, at: number): boolean {
    if (at === 0) return this.judge(clause, key, titled, 0);
    const chain = this.titleChainOf(at);
    const rule = ruleIdOf(key);
    if (rule >= chain.verdicts.length) {
      const grown = new Uint8Array(Math.max(rule + 1, chain.verdicts.length * 2));
      grown.set(chain.verdicts);
      chain.verdicts = grown;
    }
    let verdict = chain.verdicts[rule];
    if (verdict === 0) chain.verdicts[rule] = verdict = this.judge(clause, key, titled, at) ? 1 : 2;
    return verdict === 1;
  }

  private titleChainOf(at: number): TitleChain {
    let chain = this.chains[at];
    if (!chain) {
      const parent = this.parentOf(at);
      // The parent chain by its id, then the title: a key names one chain of titles, and stays short.
      const key = `${parent === 0 ? 0 : this.titleChainOf(parent).id}:${this.list[at]!.title}`;
      chain = chains.get(key);
      if (!chain) chains.set(key, (chain = { id: ++lastChainId, verdicts: new Uint8Array(ruleIds.size + 1) }));
      this.chains[at] = chain;
    }
    return chain;
  }

  private judge(clause: EvidenceClause, key: string, titled: readonly CompiledPattern[] | undefined, at: number): boolean {
    let masks = this.masks.get(key);
    if (!masks) {
      masks = { within: clause.within && maskOf(clause.within), notWithin: clause.notWithin && maskOf(clause.notWithin), unless: maskOf(clause.unlessWithin ?? []) };
      this.masks.set(key, masks);
    }
    if (masks.within === null || masks.notWithin === null || masks.unless === null) return sectionAllows(clause, titled, this.list[at]);
    if (masks.within !== undefined) {
      const chain = this.chainOf(at);
      if (chain < 0) return sectionAllows(clause, titled, this.list[at]);
      if ((chain & masks.within) === 0) return false;
    }
    if (masks.notWithin !== undefined) {
      const excluded = this.excluded(at, masks.notWithin, masks.unless);
      if (excluded === null) return sectionAllows(clause, titled, this.list[at]);
      if (excluded) return false;
    }
    return !titled || this.titledAt(key, titled, at);
  }

  private parentOf(at: number): number {
    let parent = this.parents[at];
    if (parent === undefined) this.parents[at] = parent = this.numberOf(this.list[at]!.parent);
    return parent;
  }

  private ownOf(at: number): number {
    let own = this.own[at];
    if (own === undefined) this.own[at] = own = maskOf(topicsOf(this.list[at]!)) ?? -1;
    return own;
  }

  private chainOf(at: number): number {
    let chain = this.chain[at];
    if (chain === undefined) {
      const own = this.ownOf(at);
      const above = at === 0 ? 0 : this.chainOf(this.parentOf(at));
      this.chain[at] = chain = own < 0 || above < 0 ? -1 : own | above;
    }
    return chain;
  }

  /** Whether the nearest section about a topic of either mask is about `notWithin` and not `unless`; null when topics are too many for bits. */
  private excluded(at: number, notWithin: number, unless: number): boolean | null {
    for (let s = at; s !== 0; s = this.parentOf(s)) {
      const own = this.ownOf(s);
      if (own < 0) return null;
      if (own & unless) return false;
      if (own & notWithin) return true;
    }
    return false;
  }

  private titledAt(key: string, titled: readonly CompiledPattern[], at: number): boolean {
    if (at === 0) return false;
    let known = this.titles.get(key);
    if (!known) this.titles.set(key, (known = this.unknown()));
    let verdict = known[at];
    if (verdict === undefined) known[at] = verdict = titleMatches(this.list[at]!, titled) || this.titledAt(key, titled, this.parentOf(at));
    return verdict;
  }
}
