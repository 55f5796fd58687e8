import { loadKnowledge } from '../../knowledge/loader';
import { risksFile } from '../../knowledge/files/risks';
import type { Check, CheckContext, RuleMeta } from '../check';
import { compileBeforeFirstScan } from '../phrases/literalFilter';
import { compilePhraseRule, phraseRuleMeta, runPhraseRule } from '../phrases/phraseRules';
import { runStaleDate } from '../risks/staleDate';
import type { Severity } from '../types';

compileBeforeFirstScan(() => loadKnowledge(risksFile).phraseRules.forEach(compilePhraseRule));

/** Outdated and risky statements (risks.yaml): phrase rules and the stale-date rule. */
export const risksCheck: Check = {
  name: 'risks',
  rules(): RuleMeta[] {
    const k = loadKnowledge(risksFile);
    const s = k.staleDate;
    return [
      ...k.phraseRules.map(r => phraseRuleMeta(r, 'risk')),
      { id: s.id, kind: 'risk', title: s.title, explanation: s.explanation.trim(), citation: s.citation, url: s.url, severity: s.severity as Severity },
    ];
  },
  run(ctx: CheckContext, ruleId: string) {
    const k = loadKnowledge(risksFile);
    if (ruleId === k.staleDate.id) return runStaleDate(ctx, k.staleDate);
    const rule = k.phraseRules.find(r => r.id === ruleId);
    if (rule) runPhraseRule(ctx, rule, 'risk');
  },
};
