import { pattern } from '../../knowledge/loader';
import type { PhraseCase, PhraseRule, Substitution } from '../../knowledge/files/phraseRules';
import type { Sentence, Span } from '../../model/types';
import type { CheckContext, RuleMeta } from '../check';
import type { RawFinding, RuleKind, Severity, SpanFix } from '../types';

/**
 * Runs a phrase rule (risks.yaml, hygiene.yaml) sentence by sentence: each
 * case's patterns are matched, sentences the rule exempts are skipped, and
 * matches are grouped into findings per match, per sentence or per passage.
 */

interface CompiledRule {
  trigger?: RegExp;
  cases: { spec: PhraseCase; res: RegExp[] }[];
  unless: RegExp[];
  negatedBy: RegExp[];
  substitutions: { spec: Substitution; re: RegExp }[];
}

interface Hit {
  sentence: Sentence;
  span: Span;
  text: string;
  phraseCase: PhraseCase;
}

// Rules come from the knowledge cache and live as long as the process: compile once.
const compiledRules = new WeakMap<PhraseRule, CompiledRule>();

function compile(rule: PhraseRule): CompiledRule {
  let c = compiledRules.get(rule);
  if (!c) {
    c = {
      trigger: rule.trigger ? pattern(rule.trigger) : undefined,
      cases: rule.cases.map(spec => ({ spec, res: spec.patterns.map(pattern) })),
      unless: (rule.unless ?? []).map(pattern),
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
  const compiled = compile(rule);
  const hits: Hit[] = [];
  for (const sentence of ctx.doc.sentences) {
    if (compiled.trigger && !matches(compiled.trigger, sentence.text)) continue;
    if (compiled.unless.some(re => matches(re, sentence.text))) continue;
    for (const { spec, res } of compiled.cases) {
      const found = matchesIn(sentence, res).filter(m => !negated(sentence.text, m.start - sentence.span.start, compiled.negatedBy));
      if (!found.length) continue;
      for (const m of found) hits.push({ sentence, span: m, text: ctx.doc.text.slice(m.start, m.end), phraseCase: spec });
      break;
    }
  }
  for (const group of groupHits(hits, rule)) ctx.report(toFinding(ctx, rule, kind, compiled, group));
}

function matches(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  return re.test(text);
}

/** Non-overlapping matches of any of the patterns, in text order, as document spans. */
function matchesIn(sentence: Sentence, res: RegExp[]): Span[] {
  const all: Span[] = [];
  for (const re of res) {
    for (const m of sentence.text.matchAll(re)) {
      if (m[0].length) all.push({ start: sentence.span.start + m.index!, end: sentence.span.start + m.index! + m[0].length });
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Span[] = [];
  for (const s of all) if (!kept.length || s.start >= kept[kept.length - 1].end) kept.push(s);
  return kept;
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
