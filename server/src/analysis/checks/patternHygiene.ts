import { loadKnowledge, pattern } from '../../knowledge/loader';
import { hygieneFile, type PatternRule } from '../../knowledge/files/hygiene';
import type { Check, CheckContext, RuleMeta } from '../check';
import { compileBeforeFirstScan, documentLiterals, textPattern, type FilteredPattern } from '../phrases/literalFilter';
import type { Severity } from '../types';

interface CompiledPatternRule {
  /** Tried only where the words a match needs occur (phrases/literalFilter.ts). */
  patterns: FilteredPattern[];
  ignore: RegExp[];
}

// Knowledge is loaded once per process: compile each rule's patterns once too.
const compiledRules = new WeakMap<PatternRule, CompiledPatternRule>();

/** Compiles the rule's patterns once per process (also before the first literal scan: see phrases/literalFilter.ts). */
export function compilePatternRule(rule: PatternRule): CompiledPatternRule {
  let c = compiledRules.get(rule);
  if (!c) {
    c = {
      patterns: [...rule.patterns.map(pattern), ...(rule.exactCasePatterns ?? []).map(p => new RegExp(p, 'gu'))].map(textPattern),
      ignore: (rule.ignore ?? []).map(pattern),
    };
    compiledRules.set(rule, c);
  }
  return c;
}

compileBeforeFirstScan(() => loadKnowledge(hygieneFile).patternRules.forEach(compilePatternRule));

/**
 * Hygiene rules that are pure existence checks over the text — template
 * placeholders, scraper artifacts — defined entirely in hygiene.yaml.
 * Code blocks are skipped: a policy may quote markup on purpose.
 */
export const patternHygieneCheck: Check = {
  name: 'hygiene patterns',
  rules: () => loadKnowledge(hygieneFile).patternRules.map(toMeta),
  run(ctx: CheckContext, ruleId: string) {
    const rule = loadKnowledge(hygieneFile).patternRules.find(r => r.id === ruleId)!;
    const { patterns, ignore } = compilePatternRule(rule);
    const text = ctx.doc.text;
    const skipped = ctx.doc.blocks.filter(b => b.kind === 'code');
    const lits = documentLiterals(ctx.doc);
    const found: { start: number; end: number }[] = [];
    for (const p of patterns) {
      for (const m of p.matchAllText(lits)) {
        if (m[0].length === 0) continue;
        const start = m.index!;
        const end = start + m[0].length;
        if (skipped.some(b => b.span.start <= start && end <= b.span.end)) continue;
        if (ignore.some(i => { i.lastIndex = 0; return i.test(m[0]); })) continue;
        if (ctx.doc.frontMatter && start < ctx.doc.frontMatter.span.end) continue;
        // Two patterns may find the same placeholder ("[COMPANY NAME]" is capitalised and names a company).
        if (found.some(f => f.start < end && start < f.end)) continue;
        found.push({ start, end });
      }
    }
    found.sort((a, b) => a.start - b.start);
    for (const span of found) {
      ctx.report({ ruleId: rule.id, kind: 'hygiene', severity: rule.severity as Severity, message: rule.message.replace('{text}', text.slice(span.start, span.end)), span });
    }
  },
};

function toMeta(r: PatternRule): RuleMeta {
  return { id: r.id, kind: 'hygiene', title: r.title, explanation: r.explanation.trim(), severity: r.severity as Severity };
}
