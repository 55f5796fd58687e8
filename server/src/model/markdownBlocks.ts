import MarkdownIt from 'markdown-it';
import type { LineIndex } from './positions';
import type { BlockKind, Span } from './types';

/** A block as markdown-it sees it, located by whole lines in the original text. */
export interface RawBlock {
  kind: BlockKind;
  span: Span;
  /** For headings: Markdown level 1–6. */
  headingLevel?: number;
  /** For headings: the inline content (title) as written. */
  headingText?: string;
  /** For headings: underlined with === or --- rather than opened with #. */
  setext?: boolean;
  /** Nesting depth of lists / block quotes around the block. */
  depth: number;
  /** For list items: the first line starts with a bullet ("-", "*", "+") or a number ("1.", "2)"). */
  marker?: 'bullet' | 'ordered';
  /** For code: an indented block (in pasted text, just indented prose). */
  indented?: boolean;
}

// Only the block structure is needed: inline parsing (emphasis, links) is
// skipped, which also keeps a megabyte-long line cheap. markdown-it stops
// nesting at `maxNesting` (20 in CommonMark mode) instead of recursing deeper;
// lines it drops there are recovered below as plain paragraphs.
const md = new MarkdownIt('commonmark', { html: true }).enable('table');
md.core.ruler.disable(['inline', 'text_join']);

const LINK_REFERENCE = /^ {0,3}\[[^\]]+\]:\s/;

/**
 * Splits the text into blocks with markdown-it. markdown-it reports line
 * ranges (`token.map`), and its normalisation (CRLF and lone CR → LF, NUL →
 * U+FFFD) keeps the line structure, so line numbers map straight back to
 * offsets of the original text. Front matter is blanked first (same line
 * count) so it is not read as a rule or a setext heading; a BOM is dropped so
 * it cannot hide a `#` heading on the first line.
 */
export function markdownBlocks(text: string, lines: LineIndex, frontMatterEnd: number): RawBlock[] {
  let source = text;
  if (frontMatterEnd > 0) source = text.slice(0, frontMatterEnd).replace(/[^\r\n]+/g, '') + text.slice(frontMatterEnd);
  if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
  const tokens = md.parse(source, {});
  const covered = new Uint8Array(lines.lineCount);
  const cover = (map: [number, number]) => covered.fill(1, map[0], Math.min(map[1], covered.length));

  const blocks: RawBlock[] = [];
  let depth = 0;
  let inTableRow = false;
  const items: { line: number; marker: 'bullet' | 'ordered' }[] = [];
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
        items.push({ line: t.map ? t.map[0] : -1, marker: t.markup === '.' || t.markup === ')' ? 'ordered' : 'bullet' });
        break;
      case 'list_item_close':
        items.pop();
        break;
      case 'table_open':
        if (t.map) cover(t.map);
        break;
      case 'tr_open':
        if (t.map) blocks.push({ kind: 'table-row', span: lineSpan(lines, t.map), depth });
        inTableRow = true;
        break;
      case 'tr_close':
        inTableRow = false;
        break;
      case 'hr':
        if (t.map) cover(t.map);
        break;
      case 'heading_open':
        if (t.map) {
          cover(t.map);
          blocks.push({ kind: 'heading', span: lineSpan(lines, t.map), headingLevel: Number(t.tag.slice(1)), headingText: tokens[i + 1]?.content ?? '', setext: t.markup === '=' || t.markup === '-', depth });
        }
        break;
      case 'paragraph_open':
        if (t.map && !inTableRow) {
          cover(t.map);
          const item = items[items.length - 1];
          if (item) blocks.push({ kind: 'list-item', span: lineSpan(lines, t.map), depth, marker: item.line === t.map[0] ? item.marker : undefined });
          else blocks.push({ kind: 'paragraph', span: lineSpan(lines, t.map), depth });
        }
        break;
      case 'fence':
      case 'code_block':
        if (t.map) {
          cover(t.map);
          blocks.push({ kind: 'code', span: lineSpan(lines, t.map), depth, indented: t.type === 'code_block' });
        }
        break;
      case 'html_block':
        if (t.map) {
          cover(t.map);
          blocks.push({ kind: 'html', span: lineSpan(lines, t.map), depth });
        }
        break;
    }
  }
  return recoverDroppedLines(text, lines, covered, frontMatterEnd, blocks);
}

/** Lines markdown-it left out (beyond its nesting limit) become paragraphs, so no prose goes unread. */
function recoverDroppedLines(text: string, lines: LineIndex, covered: Uint8Array, frontMatterEnd: number, blocks: RawBlock[]): RawBlock[] {
  const recovered: RawBlock[] = [];
  for (let l = 0; l < covered.length; l++) {
    if (covered[l]) continue;
    const start = lines.lineStart(l);
    if (start < frontMatterEnd) continue;
    const end = lines.lineEnd(l);
    let s = start;
    // Block-quote and list markers, then blanks.
    while (s < end) {
      const c = text.charCodeAt(s);
      if (c === 32 || c === 9 || c === 62 /* > */ || c === 0xfeff) s++;
      else if ((c === 45 || c === 42 || c === 43) /* - * + */ && (s + 1 === end || text.charCodeAt(s + 1) === 32 || text.charCodeAt(s + 1) === 9)) s++;
      else break;
    }
    if (s >= end) continue;
    if (LINK_REFERENCE.test(text.slice(start, Math.min(end, start + 200)))) continue;
    recovered.push({ kind: 'paragraph', span: { start: s, end }, depth: 0 });
  }
  if (recovered.length === 0) return blocks;
  return [...blocks, ...recovered].sort((a, b) => a.span.start - b.span.start);
}

function lineSpan(lines: LineIndex, map: [number, number]): Span {
  const start = lines.lineStart(map[0]);
  const end = lines.lineEnd(Math.max(map[0], map[1] - 1));
  return { start, end };
}
