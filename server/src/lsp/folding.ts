import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import type { Span } from '../model/types';
import type { DocumentOutline } from './policyState';
import type { Feature } from './features';

/**
 * Folding ranges: one per section (from its heading to its last non-blank
 * line, as VS Code folds Markdown) and one for the front matter.
 */
export function foldingRanges(doc: DocumentOutline): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const add = (span: Span, kind?: FoldingRangeKind) => {
    const startLine = doc.lines.positionAt(span.start).line;
    const endLine = lastContentLine(doc, span);
    if (endLine > startLine) ranges.push(kind ? { startLine, endLine, kind } : { startLine, endLine });
  };
  if (doc.frontMatter) add(doc.frontMatter.span, FoldingRangeKind.Region);
  for (const section of doc.sections) add(section.span);
  return ranges;
}

/** The line of the last non-whitespace character inside the span. */
function lastContentLine(doc: DocumentOutline, span: Span): number {
  let end = span.end;
  while (end > span.start && /\s/.test(doc.text[end - 1])) end--;
  return doc.lines.positionAt(Math.max(span.start, end - 1)).line;
}

export const foldingFeature: Feature = {
  capabilities(caps) {
    caps.foldingRangeProvider = true;
  },
  register({ connection, documents, analyse }) {
    connection.onFoldingRanges(params => {
      const doc = documents.get(params.textDocument.uri);
      const result = doc ? analyse(doc).result : null;
      return result ? foldingRanges(result.document) : [];
    });
  },
};
