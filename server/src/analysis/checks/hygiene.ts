import { loadKnowledge } from '../../knowledge/loader';
import { hygieneFile } from '../../knowledge/files/hygiene';
import type { RuleHeader } from '../../knowledge/files/ruleHeader';
import type { Check, CheckContext, RuleMeta } from '../check';
import { compileDatePointers, runBrokenReference } from '../hygiene/brokenReference';
import { runMojibake } from '../hygiene/mojibake';
import { compileUndefinedTerm, runUndefinedTerm } from '../hygiene/undefinedTerm';
import { compileBeforeFirstScan } from '../phrases/literalFilter';
import type { Severity } from '../types';

compileBeforeFirstScan(() => {
  const k = loadKnowledge(hygieneFile);
  if (k.undefinedTerm) compileUndefinedTerm(k.undefinedTerm);
  if (k.brokenReference) compileDatePointers(k.brokenReference);
});

/**
 * Hygiene rules that need more than a pattern: mis-decoded text, broken
 * cross-references, undefined terms (hygiene.yaml; the pattern rules are in
 * patternHygiene.ts).
 */
export const hygieneCheck: Check = {
  name: 'hygiene',
  rules(): RuleMeta[] {
    const k = loadKnowledge(hygieneFile);
    return [k.mojibake, k.brokenReference, k.undefinedTerm].filter((r): r is NonNullable<typeof r> => !!r).map(toMeta);
  },
  run(ctx: CheckContext, ruleId: string) {
    const k = loadKnowledge(hygieneFile);
    if (k.mojibake?.id === ruleId) runMojibake(ctx, k.mojibake);
    else if (k.brokenReference?.id === ruleId) runBrokenReference(ctx, k.brokenReference);
    else if (k.undefinedTerm?.id === ruleId) runUndefinedTerm(ctx, k.undefinedTerm);
  },
};

function toMeta(r: RuleHeader): RuleMeta {
  return { id: r.id, kind: 'hygiene', title: r.title, explanation: r.explanation.trim(), citation: r.citation, url: r.url, severity: r.severity as Severity };
}
