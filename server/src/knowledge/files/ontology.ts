import type { KnowledgeFile } from '../loader';
import { duplicateIds } from '../loader';
import { arr, obj, oneOf, optBool, optStr, regex, str, type Schema } from '../schema';

/** One concept of the ontology: a data type, an entity, a technology or a purpose. */
export interface OntologyConcept {
  id: string;
  /** One parent, several (a concept in two branches), or none for a root. */
  parent?: string | string[];
  label: string;
  note?: string;
  /** Whole-word, case-insensitive patterns for the words a policy uses. */
  patterns: string[];
  /** false for data that does not identify anyone (aggregated, de-identified). */
  personal?: boolean;
  /** false for recipients that are not "third parties" under CCPA (service providers). */
  thirdParty?: boolean;
}

export interface OntologyKnowledge {
  concepts: OntologyConcept[];
}

export const ONTOLOGY_FAMILIES = ['data', 'entity', 'tech', 'purpose'] as const;

const optParent: Schema = { ...oneOf(str(), arr(str(), 1)), optional: true };

export const ontologyFile: KnowledgeFile<OntologyKnowledge> = {
  file: 'ontology.yaml',
  schema: obj({
    concepts: arr(
      obj({
        id: str(),
        parent: optParent,
        label: str(),
        note: optStr(),
        patterns: arr(regex),
        personal: optBool,
        thirdParty: optBool,
      }),
      1,
    ),
  }),
  check: k => {
    const errors = duplicateIds(k.concepts, ['concepts']);
    const ids = new Set(k.concepts.map(c => c.id));
    const family = (id: string) => id.split('/')[0];
    k.concepts.forEach((c, i) => {
      if (!/^[a-z]+\/[a-z0-9-]+$/.test(c.id) || !(ONTOLOGY_FAMILIES as readonly string[]).includes(family(c.id))) {
        errors.push({ path: ['concepts', i, 'id'], message: `"${c.id}" must be family/kebab-name with family one of ${ONTOLOGY_FAMILIES.join(', ')}` });
      }
      for (const p of parentsOf(c)) {
        if (!ids.has(p)) errors.push({ path: ['concepts', i, 'parent'], message: `"${p}" is not a concept of this file` });
        else if (family(p) !== family(c.id)) errors.push({ path: ['concepts', i, 'parent'], message: `"${p}" is in another family than "${c.id}"` });
      }
    });
    const byId = new Map(k.concepts.map(c => [c.id, c]));
    k.concepts.forEach((c, i) => {
      const seen = new Set<string>();
      const stack = [...parentsOf(c)];
      while (stack.length) {
        const p = stack.pop()!;
        if (p === c.id) {
          errors.push({ path: ['concepts', i, 'parent'], message: `"${c.id}" is its own ancestor` });
          break;
        }
        if (seen.has(p)) continue;
        seen.add(p);
        stack.push(...parentsOf(byId.get(p)));
      }
    });
    return errors;
  },
};

export function parentsOf(c: OntologyConcept | undefined): string[] {
  if (!c || c.parent === undefined) return [];
  return Array.isArray(c.parent) ? c.parent : [c.parent];
}
