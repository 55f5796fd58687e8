import type { Condition } from '../../knowledge/files/requirements';
import type { PolicyDocument, Span } from '../../model/types';
import { readDeclaration } from './declarations';
import { matchingSentences } from './evidence';

export interface ConditionOutcome {
  holds: boolean;
  /** Why: the sentence(s) or the front matter the decision rests on (empty when nothing was found). */
  because: Span[];
  /** 'declared' when the front matter settled it. */
  source: 'declared' | 'text' | 'nothing-found';
}

const memo = new WeakMap<PolicyDocument, Map<string, ConditionOutcome>>();

/**
 * Whether a requirement's condition holds for this policy: a front matter
 * declaration settles it; otherwise a sentence saying it does not hold
 * (`against`), then a sentence saying it does (`evidence`); otherwise the
 * condition's `assume` (by default it does not hold: conditional disclosures
 * are asked for only when the policy shows their trigger).
 */
export function evaluateCondition(doc: PolicyDocument, condition: Condition): ConditionOutcome {
  let cache = memo.get(doc);
  if (!cache) memo.set(doc, (cache = new Map()));
  let out = cache.get(condition.id);
  if (!out) {
    out = decide(doc, condition);
    cache.set(condition.id, out);
  }
  return out;
}

function decide(doc: PolicyDocument, condition: Condition): ConditionOutcome {
  const fm = doc.frontMatter?.span;
  for (const d of condition.declared ?? []) {
    const value = readDeclaration(doc, d);
    if (value === true) return { holds: !d.negates, because: fm ? [fm] : [], source: 'declared' };
  }
  if (condition.against) {
    const against = matchingSentences(condition.against, doc);
    if (against.length) return { holds: false, because: against.slice(0, 3).map(v => v.sentence.span), source: 'text' };
  }
  if (condition.evidence) {
    const found = matchingSentences(condition.evidence, doc);
    if (found.length) return { holds: true, because: found.slice(0, 3).map(v => v.sentence.span), source: 'text' };
  }
  return { holds: condition.assume ?? false, because: [], source: 'nothing-found' };
}
