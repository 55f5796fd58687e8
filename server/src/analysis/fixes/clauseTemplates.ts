import { loadKnowledge } from '../../knowledge/loader';
import { templatesFile, type ClauseTemplate, type TemplatesKnowledge } from '../../knowledge/files/templates';
import type { PolicyDeclarations } from '../../model/types';

export type { ClauseTemplate } from '../../knowledge/files/templates';

/** A piece of a template: literal text, a `{{variable}}` or a `[bracketed]` placeholder. */
export type TemplatePiece = { kind: 'text'; text: string } | { kind: 'variable'; names: string[] } | { kind: 'placeholder'; text: string };

/** Values for the template variables, by name (`controller.email`); absent ones stay placeholders. */
export type TemplateValues = Readonly<Record<string, string | undefined>>;

export function clauseTemplates(): ClauseTemplate[] {
  return loadKnowledge(templatesFile).templates;
}

export function clauseTemplate(id: string): ClauseTemplate | undefined {
  return clauseTemplates().find(t => t.id === id);
}

// A bracket followed by "(" is a Markdown link, not a placeholder.
const PIECE = /\{\{\s*([\w.|]+)\s*\}\}|\[([^\[\]\n]+)\](?!\()/g;

/** Splits template text into literal text, variables and placeholders. */
export function templatePieces(text: string): TemplatePiece[] {
  const out: TemplatePiece[] = [];
  let at = 0;
  for (const m of text.matchAll(PIECE)) {
    if (m.index! > at) out.push({ kind: 'text', text: text.slice(at, m.index) });
    out.push(m[1] !== undefined ? { kind: 'variable', names: m[1].split('|') } : { kind: 'placeholder', text: m[0] });
    at = m.index! + m[0].length;
  }
  if (at < text.length) out.push({ kind: 'text', text: text.slice(at) });
  return out;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-11-22" → "November 22, 2026", the form US policies use. */
export function longDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m || +m[2] < 1 || +m[2] > 12) return iso;
  return `${MONTHS[+m[2] - 1]} ${+m[3]}, ${m[1]}`;
}

/** The variable values a policy's front matter provides, plus "today". */
export function declaredValues(declarations: PolicyDeclarations | undefined, today: string): Record<string, string> {
  const values: Record<string, string> = { today: longDate(today) };
  const d = declarations ?? {};
  const parties = { controller: d.controller, dpo: d.dpo, euRepresentative: d.euRepresentative } as const;
  for (const [party, info] of Object.entries(parties)) {
    for (const [field, value] of Object.entries(info ?? {})) if (typeof value === 'string' && value.trim()) values[`${party}.${field}`] = value.trim();
  }
  if (d.effectiveDate) values.effectiveDate = longDate(d.effectiveDate);
  if (d.lastUpdated) values.lastUpdated = longDate(d.lastUpdated);
  return values;
}

function knowledge(): TemplatesKnowledge {
  return loadKnowledge(templatesFile);
}

function placeholderOf(names: string[]): string {
  const v = knowledge().variables.find(x => x.name === names[0]);
  return v?.placeholder ?? `[${names[0]}]`;
}

function valueOf(names: string[], values: TemplateValues): string | undefined {
  for (const n of names) if (values[n]) return values[n];
  return undefined;
}

/** The heading line: `## Title`, or the bare title for pasted text without Markdown headings (level 0). */
export function headingLine(title: string, level: number): string {
  return level > 0 ? `${'#'.repeat(Math.min(level, 6))} ${title}` : title;
}

/** The body's lines without the trailing newline YAML block scalars keep. */
function bodyText(t: ClauseTemplate): string {
  return t.body.replace(/\s+$/, '');
}

/**
 * The clause as plain text (for quick fixes): heading, blank line, body, with
 * variables filled and `[placeholders]` kept visible; lines joined by `eol`.
 */
export function renderClause(t: ClauseTemplate, level: number, values: TemplateValues, eol = '\n'): string {
  const fill = (s: string) =>
    templatePieces(s)
      .map(p => (p.kind === 'variable' ? valueOf(p.names, values) ?? placeholderOf(p.names) : p.text))
      .join('');
  const lines = [headingLine(fill(t.title), level), '', ...fill(bodyText(t)).split('\n')];
  return lines.join(eol);
}

/** Escapes literal text for the LSP / VS Code snippet syntax. */
export function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, c => `\\${c}`);
}

/**
 * The clause in snippet syntax: each placeholder and each variable without a
 * value becomes a tab stop (the same variable shares one, so it is typed once),
 * and `$0` ends the clause.
 */
export function renderClauseSnippet(t: ClauseTemplate, level: number, values: TemplateValues): string {
  const stops = new Map<string, number>();
  let next = 1;
  const stopFor = (key: string) => {
    if (!stops.has(key)) stops.set(key, next++);
    return stops.get(key)!;
  };
  const fill = (s: string) =>
    templatePieces(s)
      .map(p => {
        if (p.kind === 'text') return escapeSnippet(p.text);
        if (p.kind === 'variable') {
          const v = valueOf(p.names, values);
          if (v !== undefined) return escapeSnippet(v);
          const placeholder = placeholderOf(p.names);
          return `\${${stopFor(`var:${p.names.join('|')}`)}:${escapeSnippet(placeholder)}}`;
        }
        return `\${${next++}:${escapeSnippet(p.text)}}`;
      })
      .join('');
  return `${[headingLine(fill(t.title), level), '', ...fill(bodyText(t)).split('\n')].join('\n')}\n$0`;
}
