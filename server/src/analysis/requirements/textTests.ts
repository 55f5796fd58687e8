import type { EvidenceClause } from '../../knowledge/files/requirements';
import { FAILS, MATCHES, UNKNOWN, evidenceClauses, type PatternPrefilter } from './patternPrefilter';
import { patternTable, type CompiledPattern, type PatternTable } from './patterns';
import { currentPrefilter, factMatches, mayMatch, type SentenceFacts } from './sentenceFacts';

// What an evidence clause asks of a sentence's words (its `all`, `any` and
// `not` patterns) follows from the sentence's text alone. Each sentence text
// keeps the clauses whose literals it holds, with a verdict once one is
// judged (lazily: where the section and statements let a clause need it, as
// a first analysis would); a clause found to fail is dropped. A document then
// only gathers, per clause, the sentences still open to it: after a
// keystroke no clause goes again over the sentences that merely share a word
// with it.

/** The words part of an evidence clause, shared by every clause with the same `all`, `any` and `not`. */
export interface TextTest {
  /** Dense, per knowledge load. */
  id: number;
  all?: readonly CompiledPattern[];
  any?: readonly CompiledPattern[];
  not?: readonly CompiledPattern[];
}

/**
 * The text tests of the knowledge's evidence clauses, each with a guard: the
 * patterns, one of which a sentence must hold the literals of for the test
 * to pass (a pattern of `all`, or every pattern of `any`). A sentence is
 * judged only on the tests guarded by a pattern its literals allow; a clause
 * without such a guard (no `all` or `any`, or patterns without literals) has
 * no text test and is judged sentence by sentence.
 */
export class TextTests {
  readonly list: TextTest[] = [];
  private readonly byKey = new Map<string, TextTest>();
  private readonly byClause = new WeakMap<EvidenceClause, TextTest | null>();
  /** By pattern id: the tests it guards, guarded[guardStart[p]] up to guarded[guardStart[p + 1]]. */
  private readonly guardStart: Int32Array;
  private readonly guarded: Uint16Array;
  // Scratch state of one sentence's judging (sentences are judged one at a time).
  private readonly seen: Int32Array;
  private stamp = 0;

  constructor(table: PatternTable, prefilter: PatternPrefilter) {
    const guards: number[][] = [];
    for (const clause of evidenceClauses(table.knowledge)) {
      const key = keyOf(clause);
      if (key === null || this.byKey.has(key)) continue;
      const test: TextTest = { id: this.list.length, all: clause.all?.map(s => table.get(s)), any: clause.any?.map(s => table.get(s)), not: clause.not?.map(s => table.get(s)) };
      const guard = guardOf(test, prefilter);
      if (!guard) continue;
      this.byKey.set(key, test);
      this.list.push(test);
      guards.push(guard);
    }
    if (this.list.length > 0xffff >> VERDICT_BITS) throw new Error('too many evidence clauses for the text test index');
    const counts = new Int32Array(prefilter.covered + 1);
    for (const g of guards) for (const p of g) counts[p + 1]++;
    for (let p = 0; p < prefilter.covered; p++) counts[p + 1] += counts[p];
    this.guardStart = counts.slice();
    this.guarded = new Uint16Array(counts[prefilter.covered]);
    guards.forEach((g, t) => {
      for (const p of g) this.guarded[counts[p]++] = t;
    });
    this.seen = new Int32Array(this.list.length);
  }

  /** The clause's text test, or undefined when the clause is judged sentence by sentence. */
  testOf(clause: EvidenceClause): TextTest | undefined {
    let test = this.byClause.get(clause);
    if (test === undefined) {
      const key = keyOf(clause);
      test = (key !== null && this.byKey.get(key)) || null;
      this.byClause.set(clause, test);
    }
    return test ?? undefined;
  }

  /**
   * The tests the sentence may pass (those its literals allow), each with its
   * verdict so far (UNKNOWN until judged: a test is judged only where a
   * clause needs it, as a first analysis would). Tests found to fail are
   * dropped here, in fresh arrays: a document holding the earlier arrays
   * keeps them as they were.
   */
  open(facts: SentenceFacts): OpenTests {
    let open = facts.open;
    if (!open) {
      const { guardStart, guarded, seen } = this;
      const stamp = ++this.stamp;
      const entries: number[] = [];
      for (const p of facts.possible) {
        for (let k = guardStart[p], end = guardStart[p + 1]; k < end; k++) {
          const t = guarded[k];
          if (seen[t] === stamp) continue;
          seen[t] = stamp;
          if (literalsAllow(this.list[t], facts)) entries.push((t << VERDICT_BITS) | UNKNOWN);
        }
      }
      open = facts.open = entries.length ? Uint16Array.from(entries) : NO_TESTS;
      // `results` keeps what the literals ruled out; the list of what they allow is not needed again.
      facts.possible = NO_TESTS;
    } else if (facts.failed) {
      let kept = 0;
      for (const e of open) if ((e & VERDICT_MASK) !== FAILS) kept++;
      const entries = new Uint16Array(kept);
      for (let k = 0, j = 0; k < open.length; k++) if ((open[k] & VERDICT_MASK) !== FAILS) entries[j++] = open[k];
      open = facts.open = kept ? entries : NO_TESTS;
    }
    facts.failed = 0;
    return open;
  }

  /** Whether the sentence passes the test at `slot` of its open tests (judged now if not yet). */
  passes(open: OpenTests, slot: number, facts: SentenceFacts): boolean {
    let verdict = open[slot] & VERDICT_MASK;
    if (verdict === UNKNOWN) {
      verdict = passesTest(this.list[open[slot] >> VERDICT_BITS], facts) ? MATCHES : FAILS;
      open[slot] |= verdict;
      if (verdict === FAILS) facts.failed = (facts.failed ?? 0) + 1;
    }
    return verdict === MATCHES;
  }
}

/**
 * The text tests a sentence may pass, one entry per test: its id, shifted
 * left by VERDICT_BITS, with its verdict so far (UNKNOWN, MATCHES or FAILS)
 * in the low bits. One small array per sentence text.
 */
export type OpenTests = Uint16Array;

const VERDICT_BITS = 2;
const VERDICT_MASK = (1 << VERDICT_BITS) - 1;
const NO_TESTS: OpenTests = new Uint16Array(0);

/** The test id of an entry of OpenTests. */
export function testOfEntry(entry: number): number {
  return entry >> VERDICT_BITS;
}

/** The slot of a test among a sentence's open tests, or -1 when it is not among them (the sentence cannot pass it). */
export function slotOf(open: OpenTests, test: number): number {
  for (let k = 0; k < open.length; k++) if (open[k] >> VERDICT_BITS === test) return k;
  return -1;
}

/** Whether the sentence's words pass the test: every `all` pattern, one `any` pattern, no `not` pattern. */
export function passesTest(test: Omit<TextTest, 'id'>, facts: SentenceFacts): boolean {
  // The literals rule most sentences out before any expression runs.
  if (!literalsAllow(test, facts)) return false;
  if (test.all) for (const p of test.all) if (!factMatches(facts, p)) return false;
  if (test.any && !matchesAny(test.any, facts)) return false;
  if (test.not && matchesAny(test.not, facts)) return false;
  return true;
}

/** False when the sentence lacks the literals of an `all` pattern, or of every `any` pattern (the test cannot pass). */
function literalsAllow(test: Omit<TextTest, 'id'>, facts: SentenceFacts): boolean {
  if (test.all) for (const p of test.all) if (!mayMatch(facts, p)) return false;
  if (test.any?.length) {
    for (const p of test.any) if (mayMatch(facts, p)) return true;
    return false;
  }
  return true;
}

function matchesAny(patterns: readonly CompiledPattern[], facts: SentenceFacts): boolean {
  for (const p of patterns) if (mayMatch(facts, p) && factMatches(facts, p)) return true;
  return false;
}

/** The same key for clauses with the same words part; null for a clause without `all` or `any` (its words rule out next to nothing). */
function keyOf(clause: EvidenceClause): string | null {
  if (!clause.all?.length && !clause.any?.length) return null;
  return JSON.stringify([clause.all ?? null, clause.any ?? null, clause.not ?? null]);
}

/** Patterns one of which must match for the test to pass, each with literals; null when there are none such. */
function guardOf(test: TextTest, prefilter: PatternPrefilter): number[] | null {
  const all = test.all?.find(p => prefilter.hasLiterals(p));
  if (all) return [all.id];
  if (test.any?.length && test.any.every(p => prefilter.hasLiterals(p))) return [...new Set(test.any.map(p => p.id))];
  return null;
}

let tests: TextTests | undefined;

/** The text tests of the requirements knowledge (loaded once per process, see patternTable). */
export function currentTextTests(): TextTests {
  return (tests ??= new TextTests(patternTable(), currentPrefilter()));
}
