import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleMeta } from '../analysis';
import { clauseTemplates, declaredValues, renderClause, renderClauseSnippet, type ClauseTemplate } from '../analysis/fixes/clauseTemplates';
import { siblingLevel } from '../analysis/fixes/clausePlacement';
import type { Feature } from './features';
import type { KeptAnalysis } from './policyState';

/** What may stand before the cursor for clause completions: the start of a line, maybe heading marks and a word or two. */
const LINE_START = /^([ \t]{0,3})(#{1,6}[ \t]*)?([\p{L}\p{N}'’ -]*)$/u;

export interface CompletionOptions {
  snippets: boolean;
  /** "Today" for date variables (YYYY-MM-DD). */
  today: string;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** 0: still missing, 1: another clause of a law applied to this policy, 2: a clause of another law. */
function rank(t: ClauseTemplate, result: KeptAnalysis): number {
  const status = result.requirements.find(r => r.id === t.id)?.status;
  if (status === 'missing') return 0;
  const family = t.id.split('/')[0];
  return family === 'general' || result.jurisdictions.some(j => j === family) ? 1 : 2;
}

/**
 * Clause templates offered at the start of a line of a policy: those still
 * missing first, each filled from the front matter, as a snippet with tab
 * stops on the placeholders when the client supports snippets.
 */
export function clauseCompletions(doc: TextDocument, position: Position, result: KeptAnalysis, options: CompletionOptions): CompletionItem[] {
  const lineStart = { line: position.line, character: 0 };
  const before = doc.getText({ start: lineStart, end: position });
  const after = doc.getText({ start: position, end: { line: position.line + 1, character: 0 } });
  const typed = LINE_START.exec(before);
  if (!typed || after.trim() !== '') return [];
  const model = result.document;
  const offset = doc.offsetAt(position);
  if (model.frontMatter && offset < model.frontMatter.span.end) return [];
  if (model.blocks.some(b => (b.kind === 'code' || b.kind === 'html') && b.span.start < offset && offset < b.span.end)) return [];

  const level = typed[2] ? typed[2].trim().length : model.sections.length === 0 ? 2 : model.sections.some(s => !s.implicit) ? siblingLevel(model) : 0;
  const values = declaredValues(model.frontMatter?.declarations, options.today);
  // A clause is its own block: open a blank line when the line above has text.
  const previous = position.line > 0 ? doc.getText({ start: { line: position.line - 1, character: 0 }, end: lineStart }) : '';
  const eol = /\r\n$/.test(previous) ? '\r\n' : '\n';
  const lead = previous.trim() !== '' ? eol : '';

  return clauseTemplates().map((t, i) => {
    const meta = ruleMeta(t.id);
    const r = rank(t, result);
    const satisfies = `Satisfies \`${t.id}\`${meta ? ` — ${meta.title}` : ''}${meta?.citation ? ` (${meta.citation})` : ''}${r === 0 ? '. **Missing from this policy.**' : '.'}`;
    const plain = renderClause(t, level, values, eol);
    const item: CompletionItem = {
      label: t.title,
      kind: CompletionItemKind.Snippet,
      detail: `${r === 0 ? 'Missing · ' : ''}${t.id}`,
      documentation: { kind: MarkupKind.Markdown, value: `${satisfies}\n\n---\n\n${plain.replace(/\r\n/g, '\n')}` },
      sortText: `${r}-${String(i).padStart(3, '0')}`,
      filterText: `${typed[1]}${typed[2] ?? ''}${t.title}`,
      insertTextFormat: options.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      textEdit: {
        range: { start: lineStart, end: position },
        newText: lead + (options.snippets ? renderClauseSnippet(t, level, values) : `${plain}${eol}`),
      },
    };
    return item;
  });
}

export const completionFeature: Feature = {
  capabilities(caps, params) {
    snippetSupport = !!params.capabilities.textDocument?.completion?.completionItem?.snippetSupport;
    caps.completionProvider = { resolveProvider: false };
  },
  register({ connection, documents, analyse }) {
    connection.onCompletion(params => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const analysis = analyse(doc);
      if (!analysis.isPolicy || !analysis.result) return [];
      return clauseCompletions(doc, params.position, analysis.result, { snippets: snippetSupport, today: today() });
    });
  },
};

let snippetSupport = false;
