import { loadKnowledge, pattern } from '../../knowledge/loader';
import { hygieneFile, type PatternRule } from '../../knowledge/files/hygiene';
import type { Check, CheckContext, RuleMeta } from '../check';
import type { Severity } from '../types';

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
    const ignore = (rule.ignore ?? []).map(pattern);
    const text = ctx.doc.text;
    const skipped = ctx.doc.blocks.filter(b => b.kind === 'code');
    for (const source of rule.patterns) {
      for (const m of text.matchAll(pattern(source))) {
        if (m[0].length === 0) continue;
        const start = m.index!;
        const end = start + m[0].length;
        if (skipped.some(b => b.span.start <= start && end <= b.span.end)) continue;
        if (ignore.some(re => { re.lastIndex = 0; return re.test(m[0]); })) continue;
        if (ctx.doc.frontMatter && start < ctx.doc.frontMatter.span.end) continue;
        ctx.report({ ruleId: rule.id, kind: 'hygiene', severity: rule.severity as Severity, message: rule.message.replace('{text}', m[0]), span: { start, end } });
      }
    }
  },
};

function toMeta(r: PatternRule): RuleMeta {
  return { id: r.id, kind: 'hygiene', title: r.title, explanation: r.explanation, severity: r.severity as Severity };
}
