import { pattern } from '../../knowledge/loader';
import type { PhraseCase, PhraseRule, Substitution } from '../../knowledge/files/phraseRules';
import type { Sentence, Span } from '../../model/types';
import type { CheckContext, RuleMeta } from '../check';
import type { RawFinding, RuleKind, Severity, SpanFix } from '../types';
import { documentLiterals, filteredPattern, PatternGroup, type DocumentLiterals, type FilteredPattern } from './literalFilter';
import { newResultSlot, resultIn, sentenceRecords } from './sentenceResults';

/**
 * Runs a phrase rule (risks.yaml, hygiene.yaml) sentence by sentence: each
 * case's patterns are matched, sentences the rule exempts are skipped, and
 * matches are grouped into findings per match, per sentence or per passage.
 */

interface CompiledRule {
  /** Where this rule's per-sentence hits are remembered (sentenceResults.ts). */
  slot: number;
  trigger?: FilteredPattern;
  cases: { spec: PhraseCase; res: FilteredPattern[] }[];
  /** The patterns of every case: a sentence none of them can match gives no hit. */
  anyCase: PatternGroup;
  unless: FilteredPattern[];
  negatedBy: RegExp[];
  substitutions: { spec: Substitution; re: RegExp }[];
}

interface Hit {
  sentence: Sentence;
  span: Span;
  text: string;
  phraseCase: PhraseCase;
}

/** A hit within a sentence, relative to its start: what is remembered per sentence text. */
interface SentenceHit {
  start: number;
  end: number;
  caseIndex: number;
}

const NO_HITS: readonly SentenceHit[] = Object.freeze([]);

// Rules come from the knowledge cache and live as long as the process: compile once.
const compiledRules = new WeakMap<PhraseRule, CompiledRule>();

/** Compiles the rule's patterns once per process (also before the first literal scan: see phrases/literalFilter.ts). */
export function compilePhraseRule(rule: PhraseRule): CompiledRule {
  let c = compiledRules.get(rule);
  if (!c) {
    const filtered = (source: string) => filteredPattern(pattern(source));
    const cases = rule.cases.map(spec => ({ spec, res: spec.patterns.map(filtered) }));
    c = {
      slot: newResultSlot(),
      trigger: rule.trigger ? filtered(rule.trigger) : undefined,
      cases,
      anyCase: new PatternGroup(cases.flatMap(k => k.res)),
      unless: (rule.unless ?? []).map(filtered),
      negatedBy: (rule.negatedBy ?? []).map(pattern),
      substitutions: (rule.substitutions ?? []).map(spec => ({ spec, re: pattern(spec.pattern) })),
    };
    compiledRules.set(rule, c);
  }
  return c;
}

export function phraseRuleMeta(rule: PhraseRule, kind: RuleKind): RuleMeta {
  return { id: rule.id, kind, title: rule.title, explanation: rule.explanation.trim(), citation: rule.citation, url: rule.url, severity: rule.severity as Severity };
}

export function runPhraseRule(ctx: CheckContext, rule: PhraseRule, kind: RuleKind): void {
  const compiled = compilePhraseRule(rule);
  const doc = ctx.doc;
  const lits = documentLiterals(doc);
  const hits: Hit[] = [];
  const records = sentenceRecords(doc);
  // A sentence none of whose case patterns can match gives no hit, whatever its trigger and exemptions say.
  for (const index of lits.sentencesFor(compiled.anyCase)) {
    const sentence = doc.sentences[index];
    const found = resultIn(records, sentence, compiled.slot, text => sentenceHits(compiled, text, lits, index));
    for (const h of found) {
      const span = { start: sentence.span.start + h.start, end: sentence.span.start + h.end };
      hits.push({ sentence, span, text: doc.text.slice(span.start, span.end), phraseCase: compiled.cases[h.caseIndex].spec });
    }
  }
  for (const group of groupHits(hits, rule)) ctx.report(toFinding(ctx, rule, kind, compiled, group));
}

/** The hits of the first case that matches the sentence's text, unless the rule skips the sentence. */
function sentenceHits(compiled: CompiledRule, text: string, lits: DocumentLiterals, sentence: number): readonly SentenceHit[] {
  if (compiled.trigger && !compiled.trigger.testSentence(text, lits, sentence)) return NO_HITS;
  if (compiled.unless.some(p => p.testSentence(text, lits, sentence))) return NO_HITS;
  for (let caseIndex = 0; caseIndex < compiled.cases.length; caseIndex++) {
    const res = compiled.cases[caseIndex].res.filter(p => p.mayMatchSentence(lits, sentence));
    const found = matchesIn(text, res).filter(m => !negated(text, m.start, compiled.negatedBy));
    if (found.length) return found.map(m => ({ start: m.start, end: m.end, caseIndex }));
  }
  return NO_HITS;
}

/** Non-overlapping matches of any of the patterns, in text order, relative to the text. */
function matchesIn(text: string, res: FilteredPattern[]): Span[] {
  const all: Span[] = [];
  for (const p of res) {
    for (const m of p.matchAll(text)) {
      if (m[0].length) all.push({ start: m.index!, end: m.index! + m[0].length });
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Span[] = [];
  for (const s of all) if (!kept.length || s.start >= kept[kept.length - 1].end) kept.push(s);
  return kept;
}

function matches(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  return re.test(text);
}

/** True when the clause leading up to a match denies it ("no system is 100% secure"). */
function negated(text: string, at: number, negators: RegExp[]): boolean {
  if (!negators.length) return false;
  const before = text.slice(Math.max(0, at - 90), at);
  const clauseStart = Math.max(before.lastIndexOf(';'), before.lastIndexOf(':'), before.search(/\b(?:but|however)\b(?!.*\b(?:but|however)\b)/i));
  const clause = clauseStart >= 0 ? before.slice(clauseStart) : before;
  return negators.some(re => matches(re, clause));
}

function groupHits(hits: Hit[], rule: PhraseRule): Hit[][] {
  if (rule.grouping === 'match') return hits.map(h => [h]);
  const groups: Hit[][] = [];
  for (const h of hits) {
    const last = groups[groups.length - 1];
    const prev = last?.[last.length - 1];
    const sameSentence = prev && prev.sentence === h.sentence;
    const samePassage =
      prev && rule.grouping === 'passage' &&
      (h.sentence.index - prev.sentence.index - 1 <= (rule.passageGap ?? 2) || (h.sentence.section !== null && h.sentence.section === prev.sentence.section));
    if (last && (sameSentence || samePassage)) last.push(h);
    else groups.push([h]);
  }
  return groups;
}

function toFinding(ctx: CheckContext, rule: PhraseRule, kind: RuleKind, compiled: CompiledRule, group: Hit[]): RawFinding {
  const anchor = group[0];
  const quoted = anchor.text.replace(/\s+/g, ' ').trim();
  const finding: RawFinding = {
    ruleId: rule.id,
    kind,
    severity: (anchor.phraseCase.severity ?? rule.severity) as Severity,
    message: anchor.phraseCase.message.trim().replace(/\s+/g, ' ').replace('{text}', quoted),
    citation: rule.citation,
    url: rule.url,
    span: anchor.span,
  };
  // Other paragraphs of the same passage: shown beside the finding (one note per paragraph), not as findings of their own.
  const others: Hit[] = [];
  for (const h of group.slice(1)) if (h.sentence.block !== anchor.sentence.block && !others.some(o => o.sentence.block === h.sentence.block)) others.push(h);
  if (others.length) finding.related = others.slice(0, 20).map(h => ({ span: h.span, message: `The same passage: “${h.text.replace(/\s+/g, ' ').trim()}”.` }));
  const fixes = substitutionFixes(ctx, compiled, group, rule.grouping === 'match');
  if (fixes.length) finding.fixes = fixes;
  return finding;
}

/** Quick fixes that replace the flagged wording, found in the finding's own sentences. */
function substitutionFixes(ctx: CheckContext, compiled: CompiledRule, group: Hit[], onlyAtMatch: boolean): SpanFix[] {
  const fixes: SpanFix[] = [];
  const sentences = [...new Set(group.map(h => h.sentence))];
  for (const { spec, re } of compiled.substitutions) {
    for (const sentence of sentences) {
      let edit: SpanFix | undefined;
      for (const m of sentence.text.matchAll(re)) {
        const span = { start: sentence.span.start + m.index!, end: sentence.span.start + m.index! + m[0].length };
        if (onlyAtMatch && !group.some(h => h.span.start < span.end && span.start < h.span.end)) continue;
        const atStart = /^[\s"'“‘(\[*_•-]*$/.test(sentence.text.slice(0, m.index));
        const newText = matchCase(atStart, m[0], spec.replacement.replace(/\$(\d)/g, (_, n: string) => m[Number(n)] ?? ''));
        if (newText === m[0]) continue;
        edit = { title: spec.title, safe: spec.safe, edits: [{ span, newText }] };
        break;
      }
      if (edit) {
        fixes.push(edit);
        break;
      }
    }
  }
  return fixes;
}

/** At the start of a sentence a replacement starts with a capital, as the words it replaces did. */
function matchCase(atSentenceStart: boolean, original: string, replacement: string): string {
  const first = original.trimStart()[0];
  if (atSentenceStart && first && first !== first.toLowerCase() && replacement[0] === replacement[0].toLowerCase()) return replacement[0].toUpperCase() + replacement.slice(1);
  return replacement;
}
