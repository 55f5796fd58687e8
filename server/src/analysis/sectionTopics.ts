import { loadKnowledge } from '../knowledge/loader';
import { sectionTopicsFile } from '../knowledge/files/sectionTopics';
import type { PolicyDocument, Section } from '../model/types';

const memo = new WeakMap<Section, string[]>();
// Compiled once per cue (non-global, so `test` keeps no state between titles).
const compiled = new Map<string, RegExp>();

function cue(source: string): RegExp {
  let re = compiled.get(source);
  if (!re) compiled.set(source, (re = new RegExp(source, 'iu')));
  return re;
}

/** The topics a section's title announces (a section may have several: "Your Rights and Choices"). */
export function topicsOf(section: Section): string[] {
  let topics = memo.get(section);
  if (!topics) {
    const title = section.title;
    topics = loadKnowledge(sectionTopicsFile).topics.filter(t => t.cues.some(c => cue(c).test(title))).map(t => t.id);
    memo.set(section, topics);
  }
  return topics;
}

/** Sections about a topic, in document order. */
export function sectionsWithTopic(doc: PolicyDocument, topic: string): Section[] {
  return doc.sections.filter(s => topicsOf(s).includes(topic));
}

/** The nearest enclosing section (the section itself or an ancestor) about the topic. */
export function withinTopic(section: Section | null, topic: string): boolean {
  for (let s = section; s; s = s.parent) if (topicsOf(s).includes(topic)) return true;
  return false;
}
