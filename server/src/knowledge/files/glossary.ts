import type { KnowledgeFile } from '../loader';
import { duplicateIds } from '../loader';
import { arr, obj, optArr, optBool, str } from '../schema';

export const GLOSSARY_LAWS = ['gdpr', 'ccpa', 'caloppa', 'coppa', 'eprivacy', 'practice'] as const;
export type GlossaryLaw = (typeof GLOSSARY_LAWS)[number];

/** What a term means under one law (a term may mean different things under GDPR and the CCPA). */
export interface GlossarySense {
  law: GlossaryLaw;
  explanation: string;
  citation: string;
  url: string;
}

export interface GlossaryTerm {
  id: string;
  term: string;
  /** Other spellings; the term itself is always matched. */
  variants?: string[];
  /** Add plurals of the last word automatically (default true). */
  plural?: boolean;
  senses: GlossarySense[];
}

export interface GlossaryKnowledge {
  terms: GlossaryTerm[];
}

export const glossaryFile: KnowledgeFile<GlossaryKnowledge> = {
  file: 'glossary.yaml',
  schema: obj({
    terms: arr(
      obj({
        id: str(),
        term: str(),
        variants: optArr(str()),
        plural: optBool,
        senses: arr(obj({ law: str(GLOSSARY_LAWS), explanation: str(), citation: str(), url: str() }), 1),
      }),
      1,
    ),
  }),
  check: k => {
    const errors = duplicateIds(k.terms, ['terms']);
    // One spelling must lead to one entry, or the hover would depend on file order.
    const owner = new Map<string, string>();
    k.terms.forEach((t, i) => {
      for (const form of [t.term, ...(t.variants ?? [])]) {
        const key = form.toLowerCase().replace(/[\s-]+/g, ' ');
        const other = owner.get(key);
        if (other && other !== t.id) errors.push({ path: ['terms', i, 'variants'], message: `"${form}" is already a spelling of "${other}"` });
        owner.set(key, t.id);
      }
      t.senses.forEach((s, j) => {
        if (!/^https:\/\//.test(s.url)) errors.push({ path: ['terms', i, 'senses', j, 'url'], message: 'must be an https link to the official text' });
      });
    });
    return errors;
  },
};
