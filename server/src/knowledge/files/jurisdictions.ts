import type { KnowledgeFile } from '../loader';
import { arr, obj, regex, str } from '../schema';

export interface JurisdictionEntry {
  id: string;
  name: string;
  /** Patterns whose presence in a policy suggests the law applies. */
  detect: string[];
}

export interface JurisdictionsKnowledge {
  jurisdictions: JurisdictionEntry[];
  /** Applied when nothing is declared and nothing is detected. */
  default: string[];
}

export const jurisdictionsFile: KnowledgeFile<JurisdictionsKnowledge> = {
  file: 'jurisdictions.yaml',
  schema: obj({
    jurisdictions: arr(obj({ id: str(['gdpr', 'ccpa', 'caloppa', 'coppa']), name: str(), detect: arr(regex, 1) }), 1),
    default: arr(str(['gdpr', 'ccpa', 'caloppa', 'coppa'])),
  }),
};
