import { loadKnowledge } from '../../knowledge/loader';
import { requirementsFile, type Requirement } from '../../knowledge/files/requirements';
import type { CheckContext } from '../check';
import type { RawFinding, SpanFix } from '../types';
import { clauseTemplate, declaredValues, renderClause } from './clauseTemplates';
import { insertionText, lineEnding, placeClause, pointSpan } from './clausePlacement';

let requirementIndex: Map<string, Requirement> | undefined;

function requirement(id: string): Requirement | undefined {
  if (!requirementIndex) requirementIndex = new Map(loadKnowledge(requirementsFile).requirements.map(r => [r.id, r]));
  return requirementIndex.get(id);
}

/**
 * Post-pass over the findings: gives every missing disclosure a fix that
 * inserts its clause template as a new section where the policy discusses
 * the topic (so the CLI's JSON carries the same fix the editor offers).
 */
export function attachClauseFixes(ctx: CheckContext, findings: RawFinding[]): void {
  for (const f of findings) {
    if (f.kind !== 'requirement') continue;
    const outcome = ctx.requirements.get(f.ruleId);
    // A requirement finding means the disclosure is absent: missing, or worth a hint while its
    // condition is unknown (a DPO nobody mentions). Either way the clause is the remedy.
    if (!outcome || outcome.status === 'present') continue;
    let fix: SpanFix | undefined;
    try {
      fix = clauseFix(ctx, f.ruleId);
    } catch {
      // A broken template must not cost the user the finding itself; the knowledge tests catch it.
      continue;
    }
    if (fix) f.fixes = [...(f.fixes ?? []), fix];
  }
}

/** The fix that inserts the clause for a requirement, or undefined when it has no template. */
export function clauseFix(ctx: Pick<CheckContext, 'doc' | 'asOf'>, requirementId: string): SpanFix | undefined {
  const req = requirement(requirementId);
  const template = clauseTemplate(req?.template ?? requirementId);
  if (!template) return undefined;
  const doc = ctx.doc;
  const place = placeClause(doc, req ? [req.topic, ...(req.placement ?? [])] : []);
  const eol = lineEnding(doc.text);
  const clause = renderClause(template, place.level, declaredValues(doc.frontMatter?.declarations, ctx.asOf), eol);
  return {
    title: `Insert a clause “${template.title}” ${place.anchor}`,
    // A clause states facts about the business and leaves [placeholders]: a lawyer must choose to insert it.
    safe: false,
    edits: [{ span: pointSpan(place.offset), newText: insertionText(doc.text, place.offset, clause, eol) }],
  };
}
