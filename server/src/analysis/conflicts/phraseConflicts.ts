import { pattern } from '../../knowledge/loader';
import type { PhraseConflict } from '../../knowledge/files/conflicts';
import type { Span } from '../../model/types';
import type { CheckContext } from '../check';
import { documentLiterals, filteredPattern, PatternGroup, type DocumentLiterals, type FilteredPattern } from '../phrases/literalFilter';
import { newResultSlot, resultIn, sentenceRecords } from '../phrases/sentenceResults';
import { clauseBefore, reportConflict, test } from './report';

interface Compiled {
  /** Where the side a sentence takes is remembered (sentenceResults.ts). */
  slot: number;
  trigger?: FilteredPattern;
  a: FilteredPattern[];
  unlessA: FilteredPattern[];
  b: FilteredPattern[];
  /** The patterns of both sides: a sentence none of them can match takes no side. */
  eitherSide: PatternGroup;
  negatedBy?: RegExp;
}

/** The side a sentence takes and the words it rests on, relative to the sentence's start; null for neither. */
type SentenceSide = { side: 'a' | 'b'; start: number; end: number } | null;

const compiledRules = new WeakMap<PhraseConflict, Compiled>();

/** Compiles the rule's patterns once per process (also before the first literal scan: see phrases/literalFilter.ts). */
export function compilePhraseConflict(rule: PhraseConflict): Compiled {
  let c = compiledRules.get(rule);
  if (!c) {
    const filtered = (source: string) => filteredPattern(pattern(source));
    const a = rule.sideA.patterns.map(filtered);
    const b = rule.sideB.patterns.map(filtered);
    c = {
      slot: newResultSlot(),
      trigger: rule.trigger ? filtered(rule.trigger) : undefined,
      a,
      unlessA: (rule.sideA.unless ?? []).map(filtered),
      b,
      eitherSide: new PatternGroup([...b, ...a]),
      negatedBy: rule.negatedBy ? pattern(rule.negatedBy) : undefined,
    };
    compiledRules.set(rule, c);
  }
  return c;
}

/** The earliest first match of the patterns in the text (relative), skipping matches the clause before denies. */
function firstMatch(text: string, res: FilteredPattern[], lits: DocumentLiterals, sentence: number, negatedBy?: RegExp): Span | undefined {
  let best: Span | undefined;
  for (const p of res) {
    if (!p.mayMatchSentence(lits, sentence)) continue;
    for (const m of p.matchAll(text)) {
      if (negatedBy && test(negatedBy, clauseBefore(text, m.index!))) continue;
      const span = { start: m.index!, end: m.index! + m[0].length };
      if (!best || span.start < best.start) best = span;
      break;
    }
  }
  return best;
}

/** The side one sentence's text takes: B (the denial) when it matches both. */
function sideOf(c: Compiled, text: string, lits: DocumentLiterals, sentence: number): SentenceSide {
  if (c.trigger && !c.trigger.testSentence(text, lits, sentence)) return null;
  const b = firstMatch(text, c.b, lits, sentence, c.negatedBy);
  if (b) return { side: 'b', ...b };
  if (c.unlessA.some(p => p.testSentence(text, lits, sentence))) return null;
  const a = firstMatch(text, c.a, lits, sentence);
  return a ? { side: 'a', ...a } : null;
}

/**
 * Two positions described by wording ("we honour Do Not Track" / "we do not
 * respond to Do Not Track"). A sentence that matches both sides is read as
 * side B, the denial, which is the stronger reading.
 */
export function runPhraseConflict(ctx: CheckContext, rule: PhraseConflict): void {
  const c = compilePhraseConflict(rule);
  const doc = ctx.doc;
  const lits = documentLiterals(doc);
  const sideA: Span[] = [];
  const sideB: Span[] = [];
  const records = sentenceRecords(doc);
  // A sentence no pattern of either side can match takes no side.
  for (const index of lits.sentencesFor(c.eitherSide)) {
    const sentence = doc.sentences[index];
    const found = resultIn(records, sentence, c.slot, text => sideOf(c, text, lits, index));
    if (!found) continue;
    const span = { start: sentence.span.start + found.start, end: sentence.span.start + found.end };
    (found.side === 'b' ? sideB : sideA).push(span);
  }
  if (!sideA.length || !sideB.length) return;
  reportConflict(ctx, rule, sideA[0], rule.message, sideB.map(span => ({ span, message: rule.relatedMessage })));
}
