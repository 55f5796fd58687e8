import { loadKnowledge } from '../../server/src/knowledge/loader';
import { conflictsFile } from '../../server/src/knowledge/files/conflicts';
import { hygieneFile } from '../../server/src/knowledge/files/hygiene';
import { risksFile } from '../../server/src/knowledge/files/risks';

/** Every regular expression of the knowledge files whose rules go through the literal filter (risks, conflicts, hygiene). */
export function filteredKnowledgePatterns(): string[] {
  const out = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      if (/\\[bsw]|\(\?:/.test(value)) out.add(value);
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(loadKnowledge(risksFile));
  walk(loadKnowledge(conflictsFile));
  walk(loadKnowledge(hygieneFile));
  return [...out];
}
