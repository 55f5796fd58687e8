import type { KnowledgeFile } from '../loader';
import { duplicateIds } from '../loader';
import { arr, obj, regex, str } from '../schema';

export interface SectionTopic {
  id: string;
  title: string;
  cues: string[];
}

export const sectionTopicsFile: KnowledgeFile<{ topics: SectionTopic[] }> = {
  file: 'section-topics.yaml',
  schema: obj({ topics: arr(obj({ id: str(), title: str(), cues: arr(regex, 1) }), 1) }),
  check: k => duplicateIds(k.topics, ['topics']),
};
