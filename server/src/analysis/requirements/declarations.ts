import type { Declaration } from '../../knowledge/files/requirements';
import type { PolicyDocument } from '../../model/types';
import { requirementPattern } from './patterns';

/**
 * Reads a declaration of the front matter's `clausewise:` block. Returns
 * undefined when the key is absent, else whether the declaration holds
 * (its value is non-empty, or matches the declared pattern).
 */
export function readDeclaration(doc: PolicyDocument, d: Declaration): boolean | undefined {
  let value: unknown = doc.frontMatter?.declarations;
  for (const key of d.key.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  if (value === undefined || value === null || value === '') return undefined;
  if (d.matches === undefined) return value !== false;
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return requirementPattern(d.matches).test(text);
}
