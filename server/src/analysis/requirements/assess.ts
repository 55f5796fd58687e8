import { loadKnowledge } from '../../knowledge/loader';
import { requirementsFile, type Condition, type Requirement } from '../../knowledge/files/requirements';
import type { PolicyDocument, Section, Span } from '../../model/types';
import { sectionsWithTopic } from '../sectionTopics';
import type { RequirementState } from '../types';
import { evaluateCondition, type ConditionOutcome } from './conditions';
import { readDeclaration } from './declarations';
import { matchingSentences, type SentenceView } from './evidence';
import { nearMissClause } from './patternPrefilter';

/** Evidence spans kept per requirement: enough to show where, not every mention. */
const MAX_EVIDENCE = 3;

export interface Assessment {
  requirement: Requirement;
  status: RequirementState;
  evidence: Span[];
  /** Set for conditional requirements. */
  condition?: ConditionOutcome;
  /** Parts of a multi-part disclosure that were not found (e.g. "a safeguard"). */
  missingParts: string[];
  /** Requirements this one depends on that are missing (controller identity needs contact details). */
  missingDependencies: Requirement[];
  /** A sentence that comes close (requirement `nearMiss`), for related information. */
  nearMiss?: Span;
}

const memo = new WeakMap<PolicyDocument, Map<string, Assessment>>();

// The loader keeps requirements.yaml for the life of the process: index it once.
let byId: Map<string, Requirement> | undefined;

export function requirementById(id: string): Requirement | undefined {
  byId ??= new Map(loadKnowledge(requirementsFile).requirements.map(r => [r.id, r]));
  return byId.get(id);
}

/**
 * Decides whether a policy makes a required disclosure: present when a
 * sentence of the right shape is found (every part, for multi-part
 * disclosures, and the requirements it depends on); otherwise
 * not-applicable when its condition does not hold; otherwise missing.
 */
export function assess(doc: PolicyDocument, requirement: Requirement, visiting: Set<string> = new Set()): Assessment {
  let cache = memo.get(doc);
  if (!cache) memo.set(doc, (cache = new Map()));
  const known = cache.get(requirement.id);
  if (known) return known;
  visiting.add(requirement.id);
  const result = decide(doc, requirement, visiting);
  visiting.delete(requirement.id);
  cache.set(requirement.id, result);
  return result;
}

function decide(doc: PolicyDocument, r: Requirement, visiting: Set<string>): Assessment {
  const evidence: Span[] = [];
  const main = matchingSentences(r.evidence, doc);
  evidence.push(...main.slice(0, MAX_EVIDENCE).map(v => v.sentence.span));
  if (r.dates) for (const d of doc.facts.dates) if (r.dates.includes(d.role) && evidence.length < MAX_EVIDENCE) evidence.push(d.span);
  for (const topic of r.sections ?? []) {
    const section = sectionsWithTopic(doc, topic).find(s => hasBody(doc, s));
    if (section && evidence.length < MAX_EVIDENCE) evidence.push(section.titleSpan);
  }
  const fm = doc.frontMatter;
  if (fm && r.declared?.some(d => readDeclaration(doc, d) === true)) evidence.push(fm.span);

  const missingParts: string[] = [];
  if (evidence.length > 0) {
    for (const part of r.and ?? []) {
      const found = matchingSentences(part.evidence, doc);
      if (found.length) evidence.push(found[0].sentence.span);
      else missingParts.push(part.name);
    }
  }
  const missingDependencies = (r.requires ?? [])
    .map(requirementById)
    .filter((other): other is Requirement => !!other && !visiting.has(other.id) && assess(doc, other, visiting).status !== 'present');
  const present = evidence.length > 0 && missingParts.length === 0 && missingDependencies.length === 0;
  const condition = r.condition ? evaluateCondition(doc, conditionById(r.condition)) : undefined;

  let status: RequirementState;
  if (present) status = 'present';
  else if (condition && !condition.holds) status = 'not-applicable';
  else status = 'missing';
  return {
    requirement: r,
    status,
    evidence: status === 'present' ? dedupe(evidence) : [],
    condition,
    missingParts,
    missingDependencies,
    nearMiss: status === 'present' ? undefined : nearMiss(doc, r, main),
  };
}

function hasBody(doc: PolicyDocument, section: Section): boolean {
  return doc.blocks.some(b => b.section === section && b.kind !== 'heading' && doc.text.slice(b.span.start, b.span.end).trim().length > 0);
}

let conditions: Map<string, Condition> | undefined;

function conditionById(id: string): Condition {
  conditions ??= new Map(loadKnowledge(requirementsFile).conditions.map(c => [c.id, c]));
  const c = conditions.get(id);
  if (!c) throw new Error(`requirements.yaml names an unknown condition "${id}"`);
  return c;
}

function nearMiss(doc: PolicyDocument, r: Requirement, partial: SentenceView[]): Span | undefined {
  // A main clause found without its other parts is the closest text there is.
  if (partial.length) return partial[0].sentence.span;
  if (!r.nearMiss) return undefined;
  return matchingSentences([nearMissClause(r)], doc)[0]?.sentence.span;
}

function dedupe(spans: Span[]): Span[] {
  const seen = new Set<string>();
  return spans.filter(s => {
    const k = `${s.start}:${s.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  }).sort((a, b) => a.start - b.start);
}
