import { loadKnowledge } from '../../knowledge/loader';
import { requirementsFile, type Requirement } from '../../knowledge/files/requirements';
import type { Check, CheckContext, RuleMeta } from '../check';
import { assess, requirementById, type Assessment } from '../requirements/assess';
import { placeFinding } from '../requirements/placement';
import type { Jurisdiction, RawFinding, Severity } from '../types';

/**
 * Missing disclosures (a conditional rule in Vale's terms): each requirement
 * of requirements.yaml is present when a sentence of the right shape is
 * found, not-applicable when its condition does not hold, else missing — and
 * a missing one is reported on the heading where the clause belongs.
 */
export const requirementsCheck: Check = {
  name: 'requirements',
  rules: () => loadKnowledge(requirementsFile).requirements.map(toMeta),
  run(ctx: CheckContext, ruleId: string) {
    const requirement = requirementById(ruleId);
    if (!requirement) return;
    const a = assess(ctx.doc, requirement);
    ctx.requirements.set(requirement.id, { id: requirement.id, status: a.status, evidence: a.evidence });
    const finding = findingFor(ctx, a);
    if (finding) ctx.report(finding);
  },
};

function findingFor(ctx: CheckContext, a: Assessment): RawFinding | undefined {
  const r = a.requirement;
  const unknownCondition = a.status === 'not-applicable' && r.severityWhenUnknown && a.condition?.source === 'nothing-found';
  if (a.status !== 'missing' && !unknownCondition) return undefined;
  const place = placeFinding(ctx.doc, r);
  const related: RawFinding['related'] = [];
  if (a.nearMiss) {
    const message = a.missingParts.length
      ? `This comes close but does not give ${a.missingParts.join(' or ')}.`
      : a.missingDependencies.length
        ? `This comes close, but the policy also needs: ${a.missingDependencies.map(d => lowerFirst(d.title)).join('; ')}.`
        : r.nearMiss?.message ?? 'This comes close but does not make the disclosure.';
    related.push({ span: a.nearMiss, message });
  }
  if (a.condition?.holds && a.condition.because.length) {
    related.push({ span: a.condition.because[0], message: `The disclosure is required because of this text (${lowerFirst(conditionDescription(r))}).` });
  }
  for (const s of place.related) related.push({ span: s.titleSpan, message: `Related section “${s.title}”.` });
  return {
    ruleId: r.id,
    kind: 'requirement',
    severity: (unknownCondition ? r.severityWhenUnknown : r.severity) as Severity,
    message: unknownCondition ? r.messageWhenUnknown ?? r.message : r.message,
    citation: r.citation,
    url: r.url,
    span: place.span,
    related,
  };
}

// The loader keeps requirements.yaml for the life of the process: index it once.
let descriptions: Map<string, string> | undefined;

function conditionDescription(r: Requirement): string {
  descriptions ??= new Map(loadKnowledge(requirementsFile).conditions.map(c => [c.id, c.description.replace(/\.$/, '')]));
  return (r.condition && descriptions.get(r.condition)) ?? '';
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function toMeta(r: Requirement): RuleMeta {
  const meta: RuleMeta = { id: r.id, kind: 'requirement', title: r.title, explanation: r.explanation, citation: r.citation, url: r.url, severity: r.severity as Severity };
  if (r.jurisdiction) meta.jurisdiction = r.jurisdiction as Jurisdiction;
  return meta;
}
