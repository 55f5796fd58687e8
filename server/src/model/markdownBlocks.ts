import MarkdownIt from 'markdown-it';
import type { LineIndex } from './positions';
import type { BlockKind, Span } from './types';

/** A block as markdown-it sees it, located by line in the original text. */
export interface RawBlock {
  kind: BlockKind;
  span: Span;
  /** For headings: Markdown level 1–6 and whether it was setext (underlined). */
  headingLevel?: number;
  /** For headings: the inline content (title) as written. */
  headingText?: string;
  /** Nesting depth of lists / block quotes around the block. */
  depth: number;
}

const md = new MarkdownIt('commonmark', { html: true }).enable('table');

/**
 * Splits the text into blocks with markdown-it. markdown-it reports line
 * ranges (`token.map`), and its normalisation (CRLF → LF, NUL → U+FFFD) keeps
 * the line structure, so line numbers map straight back to original offsets.
 * Front matter is blanked first (same line count) so it is not read as a rule
 * or a setext heading.
 */
export function markdownBlocks(text: string, lines: LineIndex, frontMatterEnd: number): RawBlock[] {
  let source = text;
  if (frontMatterEnd > 0) {
    const fm = text.slice(0, frontMatterEnd).replace(/[^\r\n]/g, '');
    source = fm + text.slice(frontMatterEnd);
  }
  const tokens = md.parse(source, {});
  const blocks: RawBlock[] = [];
  let depth = 0;
  let inListItem = 0;
  let inTableRow = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    switch (t.type) {
      case 'bullet_list_open':
      case 'ordered_list_open':
      case 'blockquote_open':
        depth++;
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
      case 'blockquote_close':
        depth--;
        break;
      case 'list_item_open':
        inListItem++;
        break;
      case 'list_item_close':
        inListItem--;
        break;
      case 'tr_open':
        if (t.map) blocks.push({ kind: 'table-row', span: lineSpan(lines, t.map), depth });
        inTableRow = true;
        break;
      case 'tr_close':
        inTableRow = false;
        break;
      case 'heading_open': {
        const inline = tokens[i + 1];
        if (t.map) {
          blocks.push({
            kind: 'heading',
            span: lineSpan(lines, t.map),
            headingLevel: Number(t.tag.slice(1)),
            headingText: inline?.content ?? '',
            depth,
          });
        }
        break;
      }
      case 'paragraph_open':
        if (t.map && !inTableRow) blocks.push({ kind: inListItem > 0 ? 'list-item' : 'paragraph', span: lineSpan(lines, t.map), depth });
        break;
      case 'fence':
      case 'code_block':
        if (t.map) blocks.push({ kind: 'code', span: lineSpan(lines, t.map), depth });
        break;
      case 'html_block':
        if (t.map) blocks.push({ kind: 'html', span: lineSpan(lines, t.map), depth });
        break;
    }
  }
  return blocks;
}

function lineSpan(lines: LineIndex, map: [number, number]): Span {
  const start = lines.lineStart(map[0]);
  const end = lines.lineEnd(Math.max(map[0], map[1] - 1));
  return { start, end };
}
