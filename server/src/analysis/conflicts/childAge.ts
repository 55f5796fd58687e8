import { pattern } from '../../knowledge/loader';
import type { ChildAgeRule } from '../../knowledge/files/conflicts';
import type { Sentence, Span } from '../../model/types';
import type { CheckContext } from '../check';
import { sentenceAt } from '../phrases/sentenceAt';
import { reportConflict, test } from './report';

interface Threshold {
  age: number;
  span: Span;
}

interface Compiled {
  audience: RegExp;
  lawScoped: RegExp[];
  implied: { re: RegExp; age: number }[];
  ages: RegExp[];
}

const compiledRules = new WeakMap<ChildAgeRule, Compiled>();

function compile(rule: ChildAgeRule): Compiled {
  let c = compiledRules.get(rule);
  if (!c) {
    c = {
      audience: pattern(rule.audience),
      lawScoped: rule.lawScoped.map(pattern),
      implied: rule.impliedAges.map(i => ({ re: pattern(i.pattern), age: i.age })),
      ages: rule.agePatterns.map(pattern),
    };
    compiledRules.set(rule, c);
  }
  return c;
}

// Ages that are thresholds for children or for the audience; others (retirement, "over 65") are not.
const PLAUSIBLE = (age: number) => age >= 8 && age <= 21;

/**
 * conflict/child-age: two different general age thresholds. A threshold
 * stated for one law's purpose ("under 16 … we do not sell" for the CCPA,
 * "16 in the EEA" for GDPR Art. 8) belongs to that law, so it is left out:
 * "not directed to children under 13" and "we do not sell the data of
 * consumers under 16" are both right.
 */
export function runChildAge(ctx: CheckContext, rule: ChildAgeRule): void {
  const c = compile(rule);
  const doc = ctx.doc;
  const thresholds: Threshold[] = [];
  const factsBySentence = new Map<Sentence, Threshold[]>();
  for (const fact of doc.facts.ages) {
    const sentence = sentenceAt(doc, fact.span.start);
    if (!sentence || !fact.aboutChildren || !PLAUSIBLE(fact.age)) continue;
    (factsBySentence.get(sentence) ?? factsBySentence.set(sentence, []).get(sentence)!).push({ age: fact.age, span: fact.span });
  }
  for (const sentence of doc.sentences) {
    if (!test(c.audience, sentence.text)) continue;
    if (c.lawScoped.some(re => test(re, sentence.text))) continue;
    const found: Threshold[] = [...(factsBySentence.get(sentence) ?? [])];
    for (const re of c.ages) {
      for (const m of sentence.text.matchAll(re)) {
        const age = Number(m[1]);
        const start = sentence.span.start + m.index!;
        if (!PLAUSIBLE(age) || found.some(f => f.span.start < start + m[0].length && start < f.span.end)) continue;
        found.push({ age, span: { start, end: start + m[0].length } });
      }
    }
    for (const { re, age } of c.implied) {
      for (const m of sentence.text.matchAll(re)) found.push({ age, span: { start: sentence.span.start + m.index!, end: sentence.span.start + m.index! + m[0].length } });
    }
    // "between 13 and 16", "under 13, or 16 where …": several ages in one sentence are a deliberate scale.
    if (new Set(found.map(f => f.age)).size > 1) continue;
    thresholds.push(...found);
  }
  thresholds.sort((a, b) => a.span.start - b.span.start);
  const distinct = [...new Set(thresholds.map(t => t.age))];
  if (distinct.length < 2) return;
  // Anchor on the first threshold; name the first clause of each other age.
  const anchor = thresholds[0];
  const others = distinct.filter(a => a !== anchor.age).map(a => thresholds.find(t => t.age === a)!);
  const fill = (s: string, other: number) => s.replace('{age}', String(anchor.age)).replace(/\{other\}/g, String(other));
  reportConflict(ctx, rule, anchor.span, fill(rule.message, others[0].age), others.map(o => ({ span: o.span, message: fill(rule.relatedMessage, o.age) })));
}
