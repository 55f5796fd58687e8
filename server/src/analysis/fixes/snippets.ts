import { clauseTemplates, renderClauseSnippet } from './clauseTemplates';
import { loadKnowledge } from '../../knowledge/loader';
import { requirementsFile } from '../../knowledge/files/requirements';

export interface VsCodeSnippet {
  prefix: string[];
  body: string[];
  description: string;
}

/** The level of a clause in a static snippet: a section under the policy's title. */
const SNIPPET_LEVEL = 2;

/**
 * The static VS Code snippets (snippets/clausewise.code-snippets), generated
 * from templates.yaml: every variable and placeholder is a tab stop, since a
 * static snippet cannot read the front matter.
 */
export function vsCodeSnippets(): Record<string, VsCodeSnippet> {
  const requirements = new Map(requirementCatalog().map(r => [r.template, r]));
  const out: Record<string, VsCodeSnippet> = {};
  for (const t of clauseTemplates()) {
    const req = requirements.get(t.id);
    out[`${t.id}: ${t.title}`] = {
      prefix: [`clause-${t.id.replace('/', '-')}`, t.title],
      body: renderClauseSnippet(t, SNIPPET_LEVEL, {}).split('\n'),
      description: req ? `${req.title} (${req.citation}) — Clausewise clause for ${t.id}` : `Clausewise clause for ${t.id}`,
    };
  }
  return out;
}

function requirementCatalog() {
  try {
    return loadKnowledge(requirementsFile).requirements;
  } catch {
    // Snippets still build without the requirement catalog; they only lose their citations.
    return [];
  }
}

export function vsCodeSnippetsJson(): string {
  return `${JSON.stringify(vsCodeSnippets(), null, 2)}\n`;
}
