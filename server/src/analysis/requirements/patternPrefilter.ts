import type { EvidenceClause, Requirement, RequirementsKnowledge } from '../../knowledge/files/requirements';
import { LiteralScanner, type ScannedLiteral } from './literalScanner';
import type { CompiledPattern, PatternTable } from './patterns';

/** A pattern's result on a sentence, as kept per sentence. */
export const UNKNOWN = 0;
export const MATCHES = 1;
export const FAILS = 2;

/**
 * Rules out, for a sentence, every evidence pattern whose literals it does
 * not hold (see literals.ts), with one scan of the sentence for the literals
 * of all of them. Built once per knowledge load.
 */
export class PatternPrefilter {
  /** Patterns with ids below this have been read for literals; later ones (not in the knowledge's clauses) are never ruled out. */
  readonly covered: number;
  /** Per pattern id: FAILS when the pattern has literal sets (ruled out until they are found), else UNKNOWN. */
  private readonly template: Uint8Array;
  /** Per pattern id: how many literal sets must each be found. */
  private readonly setsNeeded: Uint16Array;
  /** The pattern each literal set belongs to, by set number. */
  private readonly setPattern: Int32Array;
  private readonly folded: LiteralScanner;
  private readonly cased: LiteralScanner;
  // Scratch state of one sentence's scan (sentences are scanned one at a time).
  private readonly setSeen: Int32Array;
  private readonly patternSeen: Int32Array;
  private readonly setsFound: Uint16Array;
  private stamp = 0;

  constructor(table: PatternTable) {
    for (const source of evidencePatternSources(table.knowledge)) table.get(source);
    const patterns = table.list.slice();
    this.covered = patterns.length;
    this.template = new Uint8Array(patterns.length);
    this.setsNeeded = new Uint16Array(patterns.length);
    const setPattern: number[] = [];
    const folded = new Map<string, number[]>();
    const cased = new Map<string, number[]>();
    for (const p of patterns) {
      if (!p.literalSets) continue;
      this.template[p.id] = FAILS;
      this.setsNeeded[p.id] = p.literalSets.length;
      const literals = p.caseSensitive ? cased : folded;
      for (const set of p.literalSets) {
        const key = setPattern.length;
        setPattern.push(p.id);
        for (const l of set) {
          const payload = literals.get(l);
          if (payload) payload.push(key);
          else literals.set(l, [key]);
        }
      }
    }
    this.setPattern = Int32Array.from(setPattern);
    const scanned = (m: Map<string, number[]>): ScannedLiteral[] => [...m].map(([text, payload]) => ({ text, payload }));
    this.folded = new LiteralScanner(scanned(folded), true);
    this.cased = new LiteralScanner(scanned(cased), false);
    this.setSeen = new Int32Array(setPattern.length);
    this.patternSeen = new Int32Array(patterns.length);
    this.setsFound = new Uint16Array(patterns.length);
  }

  /**
   * A fresh result array for a (normalised) sentence: FAILS for every
   * pattern whose literals it does not hold, UNKNOWN for the rest; and the
   * ids of the patterns with literals that it does hold.
   */
  prefilter(text: string): { results: Uint8Array; possible: Uint16Array } {
    const results = this.template.slice();
    const possible: number[] = [];
    const stamp = ++this.stamp;
    const { setSeen, setPattern, patternSeen, setsFound, setsNeeded } = this;
    const found = (set: number) => {
      if (setSeen[set] === stamp) return;
      setSeen[set] = stamp;
      const p = setPattern[set];
      if (patternSeen[p] !== stamp) {
        patternSeen[p] = stamp;
        setsFound[p] = 0;
      }
      if (++setsFound[p] === setsNeeded[p]) {
        results[p] = UNKNOWN;
        possible.push(p);
      }
    };
    this.folded.scan(text, found);
    this.cased.scan(text, found);
    return { results, possible: Uint16Array.from(possible) };
  }

  /** True when the pattern can be ruled out by its literals (its possible sentences are listed by `prefilter`). */
  hasLiterals(p: CompiledPattern): boolean {
    return p.id < this.covered && this.template[p.id] === FAILS;
  }
}

/** Every evidence clause of the knowledge that is judged on sentences: of requirements, their further parts, their near misses and conditions. */
export function evidenceClauses(k: RequirementsKnowledge): EvidenceClause[] {
  return [
    ...k.requirements.flatMap(r => [...r.evidence, ...(r.and ?? []).flatMap(p => p.evidence)]),
    ...k.conditions.flatMap(c => [...(c.evidence ?? []), ...(c.against ?? [])]),
    ...k.requirements.flatMap(r => (r.nearMiss ? [nearMissClause(r)] : [])),
  ];
}

const nearMisses = new WeakMap<Requirement, EvidenceClause>();

/** A requirement's near miss as an evidence clause (the same object each time, so that what is known of it is kept). */
export function nearMissClause(r: Requirement): EvidenceClause {
  let clause = nearMisses.get(r);
  if (!clause) nearMisses.set(r, (clause = { any: r.nearMiss?.any ?? [] }));
  return clause;
}

/** Every pattern that is tested on sentences (those of evidence, further parts, near misses and conditions) or on section titles. */
export function evidencePatternSources(k: RequirementsKnowledge): string[] {
  const sources = evidenceClauses(k).flatMap(c => [...(c.all ?? []), ...(c.any ?? []), ...(c.not ?? []), ...(c.titled ?? [])]);
  return [...new Set(sources)];
}
