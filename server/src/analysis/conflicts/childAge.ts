import { pattern } from '../../knowledge/loader';
import type { ChildAgeRule } from '../../knowledge/files/conflicts';
import type { Sentence, Span } from '../../model/types';
import type { CheckContext } from '../check';
import { documentLiterals, filteredPattern, type DocumentLiterals, type FilteredPattern } from '../phrases/literalFilter';
import { sentenceAt } from '../phrases/sentenceAt';
import { newResultSlot, resultIn, sentenceRecords } from '../phrases/sentenceResults';
import { reportConflict } from './report';

interface Threshold {
  age: number;
  span: Span;
}

interface Compiled {
  /** Where the thresholds a sentence states are remembered (sentenceResults.ts). */
  slot: number;
  audience: FilteredPattern;
  lawScoped: FilteredPattern[];
  implied: { re: FilteredPattern; age: number }[];
  ages: FilteredPattern[];
}

/** What the patterns read in one sentence, relative to its start; null for a sentence not about the audience or scoped to a law. */
type SentenceAges = { stated: Threshold[]; implied: Threshold[] } | null;

const compiledRules = new WeakMap<ChildAgeRule, Compiled>();

/** Compiles the rule's patterns once per process (also before the first literal scan: see phrases/literalFilter.ts). */
export function compileChildAge(rule: ChildAgeRule): Compiled {
  let c = compiledRules.get(rule);
  if (!c) {
    const filtered = (source: string) => filteredPattern(pattern(source));
    c = {
      slot: newResultSlot(),
      audience: filtered(rule.audience),
      lawScoped: rule.lawScoped.map(filtered),
      implied: rule.impliedAges.map(i => ({ re: filtered(i.pattern), age: i.age })),
      ages: rule.agePatterns.map(filtered),
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
  const c = compileChildAge(rule);
  const doc = ctx.doc;
  const thresholds: Threshold[] = [];
  const factsBySentence = new Map<Sentence, Threshold[]>();
  for (const fact of doc.facts.ages) {
    const sentence = sentenceAt(doc, fact.span.start);
    if (!sentence || !fact.aboutChildren || !PLAUSIBLE(fact.age)) continue;
    (factsBySentence.get(sentence) ?? factsBySentence.set(sentence, []).get(sentence)!).push({ age: fact.age, span: fact.span });
  }
  const lits = documentLiterals(doc);
  const records = sentenceRecords(doc);
  for (const index of lits.sentencesFor(c.audience)) {
    const sentence = doc.sentences[index];
    const read = resultIn(records, sentence, c.slot, text => agesIn(c, text, lits, index));
    if (!read) continue;
    const at = (t: Threshold): Threshold => ({ age: t.age, span: { start: sentence.span.start + t.span.start, end: sentence.span.start + t.span.end } });
    const found: Threshold[] = [...(factsBySentence.get(sentence) ?? [])];
    for (const t of read.stated) {
      const { age, span } = at(t);
      if (found.some(f => f.span.start < span.end && span.start < f.span.end)) continue;
      found.push({ age, span });
    }
    for (const t of read.implied) found.push(at(t));
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

/** The plausible ages the patterns state in a sentence about the audience, and the ages its wording implies. */
function agesIn(c: Compiled, text: string, lits: DocumentLiterals, sentence: number): SentenceAges {
  if (!c.audience.testSentence(text, lits, sentence)) return null;
  if (c.lawScoped.some(p => p.testSentence(text, lits, sentence))) return null;
  const stated: Threshold[] = [];
  for (const p of c.ages) {
    if (!p.mayMatchSentence(lits, sentence)) continue;
    for (const m of p.matchAll(text)) {
      const age = Number(m[1]);
      if (PLAUSIBLE(age)) stated.push({ age, span: { start: m.index!, end: m.index! + m[0].length } });
    }
  }
  const implied: Threshold[] = [];
  for (const { re, age } of c.implied) {
    if (!re.mayMatchSentence(lits, sentence)) continue;
    for (const m of re.matchAll(text)) implied.push({ age, span: { start: m.index!, end: m.index! + m[0].length } });
  }
  return { stated, implied };
}
