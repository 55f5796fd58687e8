import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { Section, Span } from '../model/types';
import type { LineIndex } from '../model/positions';
import type { Feature } from './features';

/**
 * The outline: one symbol per section of the model, nested as the sections
 * are, so pasted text with implicit headings gets an outline too.
 * `range` covers the whole section, `selectionRange` its title.
 */
export function documentSymbols(outline: readonly Section[], lines: LineIndex): DocumentSymbol[] {
  return outline.map(section => toSymbol(section, lines));
}

function toSymbol(section: Section, lines: LineIndex): DocumentSymbol {
  const title = contained(section.titleSpan, section.span);
  return {
    // The model keeps the number apart from the title; the outline shows both, as written.
    name: [numberLabel(section.number), section.title.trim()].filter(Boolean).join(' ') || '(untitled section)',
    detail: section.implicit ? 'heading in pasted text' : undefined,
    kind: SymbolKind.String,
    range: lines.range(section.span),
    selectionRange: lines.range(title),
    children: section.children.map(child => toSymbol(child, lines)),
  };
}

/** "4" → "4.", "2.1" stays "2.1": how policies print their section numbers. */
function numberLabel(number: string | undefined): string | undefined {
  return number && !number.includes('.') ? `${number}.` : number;
}

/** VS Code rejects a symbol whose selectionRange is outside its range. */
function contained(inner: Span, outer: Span): Span {
  const start = Math.min(Math.max(inner.start, outer.start), outer.end);
  return { start, end: Math.max(start, Math.min(inner.end, outer.end)) };
}

/**
 * A client that outlines Markdown headings itself (VS Code) asks, with the
 * initialization option `outline: "pasted-text-only"`, for symbols only where
 * it has none to show: policies pasted as plain text, with implicit headings.
 */
let pastedTextOnly = false;

export const documentSymbolFeature: Feature = {
  capabilities(caps, params) {
    pastedTextOnly = (params.initializationOptions as { outline?: unknown } | undefined)?.outline === 'pasted-text-only';
    caps.documentSymbolProvider = { label: 'Clausewise' };
  },
  register({ connection, documents, analyse }) {
    connection.onDocumentSymbol(params => {
      const doc = documents.get(params.textDocument.uri);
      const model = doc ? analyse(doc).result?.document : undefined;
      // Only policies get an outline from Clausewise.
      if (!model) return [];
      if (pastedTextOnly && !model.sections.some(s => s.implicit)) return [];
      return documentSymbols(model.outline, model.lines);
    });
  },
};
