import { loadKnowledge } from '../knowledge/loader';
import { sectionTopicsFile, type SectionTopic } from '../knowledge/files/sectionTopics';
import type { PolicyDocument, Section } from '../model/types';

// Compiled once per cue (non-global, so `test` keeps no state between titles).
const compiled = new Map<string, RegExp>();

function cue(source: string): RegExp {
  let re = compiled.get(source);
  if (!re) compiled.set(source, (re = new RegExp(source, 'iu')));
  return re;
}

// Topics by title text: a document is analysed again on every edit and its
// headings rarely change, so a title is read against every cue once. Bounded,
// and tied to the knowledge it was read with (the loader reads a file once: a
// title found here was read with the knowledge it would load again).
const MAX_TITLES = 5000;
let byTitle = new Map<string, string[]>();
let titlesReadWith: { topics: SectionTopic[] } | undefined;

function topicsOfTitle(title: string): string[] {
  let topics = byTitle.get(title);
  if (topics) return topics;
  const knowledge = loadKnowledge(sectionTopicsFile);
  if (knowledge !== titlesReadWith || byTitle.size >= MAX_TITLES) {
    byTitle = new Map();
    titlesReadWith = knowledge;
  }
  topics = knowledge.topics.filter(t => t.cues.some(c => cue(c).test(title))).map(t => t.id);
  byTitle.set(title, topics);
  return topics;
}

// A section's topics are kept on the section itself, hidden (not enumerable:
// invisible to JSON and to deep comparisons). Every edit brings new section
// objects, and the questions asked of them are many (a requirement's clauses
// ask each section and its ancestors): a WeakMap entry per section, and a
// lookup per question, cost more than a property read.
const TOPICS = Symbol('topics of the section title');
type WithTopics = Section & { readonly [TOPICS]?: string[] };
const frozenSections = new WeakMap<Section, string[]>();

/** The topics a section's title announces (a section may have several: "Your Rights and Choices"); shared, never to be modified. */
export function topicsOf(section: Section): string[] {
  const known = (section as WithTopics)[TOPICS];
  if (known) return known;
  let topics = frozenSections.get(section);
  if (topics) return topics;
  topics = topicsOfTitle(section.title);
  if (Object.isExtensible(section)) Object.defineProperty(section, TOPICS, { value: topics });
  else frozenSections.set(section, topics);
  return topics;
}

const byTopic = new WeakMap<PolicyDocument, Map<string, Section[]>>();

/** Sections about a topic, in document order (memoised per document: never to be modified). */
export function sectionsWithTopic(doc: PolicyDocument, topic: string): Section[] {
  let known = byTopic.get(doc);
  if (!known) byTopic.set(doc, (known = new Map()));
  let sections = known.get(topic);
  if (!sections) known.set(topic, (sections = doc.sections.filter(s => topicsOf(s).includes(topic))));
  return sections;
}

/** The nearest enclosing section (the section itself or an ancestor) about the topic. */
export function withinTopic(section: Section | null, topic: string): boolean {
  for (let s = section; s; s = s.parent) if (topicsOf(s).includes(topic)) return true;
  return false;
}
