import type { Requirement } from '../../knowledge/files/requirements';
import type { PolicyDocument, Section, Span } from '../../model/types';
import { sectionsWithTopic } from '../sectionTopics';

export interface Placement {
  /** Where the finding sits: the heading of the section the clause belongs in, else the document title. */
  span: Span;
  section: Section | null;
  /** Other sections about the clause's topics, nearest first, for related information. */
  related: Section[];
}

/**
 * A missing clause is reported on the heading of the section where it
 * belongs (the requirement's `topic`, then its `placement` topics in order),
 * so that the lawyer sees it where they would write it.
 */
export function placeFinding(doc: PolicyDocument, r: Requirement): Placement {
  const topics = [r.topic, ...(r.placement ?? [])];
  const candidates: Section[] = [];
  for (const t of topics) for (const s of sectionsWithTopic(doc, t)) if (!candidates.includes(s)) candidates.push(s);
  const section = candidates[0] ?? null;
  const span = section ? section.titleSpan : doc.title;
  return { span, section, related: candidates.slice(1, 3) };
}
