import { pattern } from '../../knowledge/loader';
import type { PhraseConflict } from '../../knowledge/files/conflicts';
import type { Sentence, Span } from '../../model/types';
import type { CheckContext } from '../check';
import { clauseBefore, reportConflict, test } from './report';

interface Compiled {
  trigger?: RegExp;
  a: RegExp[];
  unlessA: RegExp[];
  b: RegExp[];
  negatedBy?: RegExp;
}

const compiledRules = new WeakMap<PhraseConflict, Compiled>();

function compile(rule: PhraseConflict): Compiled {
  let c = compiledRules.get(rule);
  if (!c) {
    c = { trigger: rule.trigger ? pattern(rule.trigger) : undefined, a: rule.sideA.patterns.map(pattern), unlessA: (rule.sideA.unless ?? []).map(pattern), b: rule.sideB.patterns.map(pattern), negatedBy: rule.negatedBy ? pattern(rule.negatedBy) : undefined };
    compiledRules.set(rule, c);
  }
  return c;
}

function firstMatch(sentence: Sentence, res: RegExp[], negatedBy?: RegExp): Span | undefined {
  let best: Span | undefined;
  for (const re of res) {
    re.lastIndex = 0;
    for (const m of sentence.text.matchAll(re)) {
      if (negatedBy && test(negatedBy, clauseBefore(sentence.text, m.index!))) continue;
      const span = { start: sentence.span.start + m.index!, end: sentence.span.start + m.index! + m[0].length };
      if (!best || span.start < best.start) best = span;
      break;
    }
  }
  return best;
}

/**
 * Two positions described by wording ("we honour Do Not Track" / "we do not
 * respond to Do Not Track"). A sentence that matches both sides is read as
 * side B, the denial, which is the stronger reading.
 */
export function runPhraseConflict(ctx: CheckContext, rule: PhraseConflict): void {
  const c = compile(rule);
  const sideA: Span[] = [];
  const sideB: Span[] = [];
  for (const sentence of ctx.doc.sentences) {
    if (c.trigger && !test(c.trigger, sentence.text)) continue;
    const b = firstMatch(sentence, c.b, c.negatedBy);
    if (b) {
      sideB.push(b);
      continue;
    }
    if (c.unlessA.some(re => test(re, sentence.text))) continue;
    const a = firstMatch(sentence, c.a);
    if (a) sideA.push(a);
  }
  if (!sideA.length || !sideB.length) return;
  reportConflict(ctx, rule, sideA[0], rule.message, sideB.map(span => ({ span, message: rule.relatedMessage })));
}
