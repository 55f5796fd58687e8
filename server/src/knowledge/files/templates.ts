import type { KnowledgeFile } from '../loader';
import { duplicateIds } from '../loader';
import { arr, obj, optStr, str } from '../schema';

/**
 * A value a clause template takes from the front matter's `clausewise:` block
 * (`controller.email`), or the visible `[placeholder]` left when it is absent.
 */
export interface TemplateVariable {
  name: string;
  placeholder: string;
  note?: string;
}

/** A clause that makes one disclosure: a heading and its body, drafted to satisfy the requirement of the same id. */
export interface ClauseTemplate {
  id: string;
  title: string;
  body: string;
}

export interface TemplatesKnowledge {
  variables: TemplateVariable[];
  templates: ClauseTemplate[];
}

const VARIABLE_USE = /\{\{\s*([\w.|]+)\s*\}\}/g;

export const templatesFile: KnowledgeFile<TemplatesKnowledge> = {
  file: 'templates.yaml',
  schema: obj({
    variables: arr(obj({ name: str(), placeholder: str(), note: optStr() }), 1),
    templates: arr(obj({ id: str(), title: str(), body: str() }), 1),
  }),
  check: k => {
    const errors = [...duplicateIds(k.templates, ['templates']), ...duplicateIds(k.variables.map(v => ({ id: v.name })), ['variables'])];
    const known = new Set(k.variables.map(v => v.name));
    k.variables.forEach((v, i) => {
      if (!/^\[[^\[\]]+\]$/.test(v.placeholder)) errors.push({ path: ['variables', i, 'placeholder'], message: 'must be a single [bracketed] placeholder' });
    });
    k.templates.forEach((t, i) => {
      for (const m of `${t.title}\n${t.body}`.matchAll(VARIABLE_USE)) {
        for (const name of m[1].split('|')) if (!known.has(name)) errors.push({ path: ['templates', i, 'body'], message: `uses {{${name}}}, which is not among the variables` });
      }
      const rest = `${t.title}\n${t.body}`.replace(VARIABLE_USE, '');
      if (/[$\\]|\{\{|\}\}/.test(rest)) errors.push({ path: ['templates', i, 'body'], message: 'must not contain $, \\ or an unclosed {{ }} (they would break the snippets)' });
    });
    return errors;
  },
};
