import MarkdownIt from 'markdown-it';
import type { LineIndex } from './positions';
import type { BlockKind, Span } from './types';
import { SentenceMemo } from './sentenceMemo';

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
 *
 * The text is read in pieces cut before top-level `#` headings (see
 * `pieceStarts`), each parsed on its own and remembered by its text, so a
 * keystroke re-parses only the piece it falls in.
 */
export function markdownBlocks(text: string, lines: LineIndex, frontMatterEnd: number): RawBlock[] {
  return readBlocks(text, lines, frontMatterEnd, pieceStarts(text, lines, frontMatterEnd));
}

/** The same blocks, the text read in one piece: the reference the pieces must agree with. */
export function markdownBlocksUncut(text: string, lines: LineIndex, frontMatterEnd: number): RawBlock[] {
  return readBlocks(text, lines, frontMatterEnd, [0]);
}

function readBlocks(text: string, lines: LineIndex, frontMatterEnd: number, starts: number[]): RawBlock[] {
  let source = text;
  // Each line of it becomes one space, not nothing: emptied, a line between a
  // lone CR and an LF would merge the two into one CRLF and shift every line after.
  if (frontMatterEnd > 0) source = text.slice(0, frontMatterEnd).replace(/[^\r\n]+/g, ' ') + text.slice(frontMatterEnd);
  const bom = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  const covered = new Uint8Array(lines.lineCount);
  const blocks: RawBlock[] = [];
  // Offsets of `source` differ from those of `text` only before the front matter's end (blanked) and by the BOM.
  const sourceOffset = (line: number) => (line === 0 ? bom : lines.lineStart(line) - text.length + source.length);
  for (let k = 0; k < starts.length; ) {
    const first = starts[k];
    let next = k + 1;
    for (;;) {
      const last = next < starts.length ? starts[next] : lines.lineCount;
      const piece = readPiece(text, source, lines, first, last, sourceOffset);
      // A fence or HTML block left open may swallow the heading that follows: read on together.
      if (piece.openAtEnd && next < starts.length) {
        next++;
        continue;
      }
      const delta = lines.lineStart(first);
      for (const b of piece.blocks) blocks.push(movedBlock(b, delta));
      for (const [from, to] of piece.covered) covered.fill(1, first + from, Math.min(first + to, covered.length));
      break;
    }
    k = next;
  }
  return recoverDroppedLines(text, lines, covered, frontMatterEnd, blocks);
}

/**
 * Lines where the text can be cut without changing how markdown-it reads it:
 * a `#` heading in the first column after a blank line. There every paragraph,
 * list, quote, table and indented code block has ended (a heading in column 0
 * continues none of them), so the piece that follows is read the same alone as
 * in the whole text — unless the piece before left a fence or an HTML block
 * open, which `readPiece` reports and `markdownBlocks` then mends.
 */
function pieceStarts(text: string, lines: LineIndex, frontMatterEnd: number): number[] {
  const starts = [0];
  const heading = /^#{1,6}(?:[ \t]|$)/;
  for (let at = text.indexOf('#'); at >= 0; at = text.indexOf('#', at + 1)) {
    const c = at > 0 ? text.charCodeAt(at - 1) : 10;
    if (c !== 10 && c !== 13) continue;
    if (at <= frontMatterEnd) continue;
    const line = lines.lineAt(at);
    if (line < 1 || lines.lineStart(line) !== at) continue;
    if (!heading.test(text.slice(at, at + 8))) continue;
    const prev = text.slice(lines.lineStart(line - 1), lines.lineEnd(line - 1));
    const prevBlank = /^[ \t]*$/.test(prev) || lines.lineEnd(line - 1) <= frontMatterEnd;
    if (prevBlank && line > starts[starts.length - 1]) starts.push(line);
  }
  return starts;
}

/** A piece's blocks with spans relative to its first line's start, and its covered lines relative to its first line. */
interface Piece {
  blocks: RawBlock[];
  covered: [number, number][];
  openAtEnd: boolean;
}

// Pieces are keyed by their own text, so a piece is shared by every version
// of a document (and every document) that contains it unchanged.
const pieceMemo = new SentenceMemo<Piece>(60_000, 8_000_000);

function readPiece(text: string, source: string, lines: LineIndex, first: number, last: number, sourceOffset: (line: number) => number): Piece {
  const from = lines.lineStart(first);
  const to = last < lines.lineCount ? lines.lineStart(last) : text.length;
  const sourceFrom = sourceOffset(first);
  const sourceTo = last < lines.lineCount ? sourceOffset(last) : source.length;
  const own = text.slice(from, to);
  // The first piece may differ from its source (front matter blanked, BOM dropped): key it by both.
  // Elsewhere it is the same text (compared only when it might not be: comparing costs a pass over the piece).
  const same = source === text && sourceFrom === from && sourceTo === to;
  const parsed = same ? own : source.slice(sourceFrom, sourceTo);
  const key = same || own === parsed ? own : `${own}\u0000${parsed}`;
  const known = pieceMemo.get(key);
  if (known) return known;
  const piece = parsePiece(parsed, lines, first, from);
  pieceMemo.set(key, piece);
  return piece;
}

function parsePiece(source: string, lines: LineIndex, first: number, from: number): Piece {
  const tokens = md.parse(source, {});
  const covered: [number, number][] = [];
  const cover = (map: [number, number]) => covered.push([map[0], map[1]]);
  // Spans are computed on the whole text (absolute lines), then made relative to the piece.
  const span = (map: [number, number]) => {
    const s = lineSpan(lines, [map[0] + first, map[1] + first]);
    return { start: s.start - from, end: s.end - from };
  };
  const lastContentLine = lastNonBlankLine(source);
  let openAtEnd = false;

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
        if (t.map) blocks.push({ kind: 'table-row', span: span(t.map), depth });
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
          blocks.push({ kind: 'heading', span: span(t.map), headingLevel: Number(t.tag.slice(1)), headingText: tokens[i + 1]?.content ?? '', setext: t.markup === '=' || t.markup === '-', depth });
        }
        break;
      case 'paragraph_open':
        if (t.map && !inTableRow) {
          cover(t.map);
          const item = items[items.length - 1];
          if (item) blocks.push({ kind: 'list-item', span: span(t.map), depth, marker: item.line === t.map[0] ? item.marker : undefined });
          else blocks.push({ kind: 'paragraph', span: span(t.map), depth });
        }
        break;
      case 'fence':
      case 'code_block':
        if (t.map) {
          cover(t.map);
          blocks.push({ kind: 'code', span: span(t.map), depth, indented: t.type === 'code_block' });
          // Unclosed, a fence runs to the end of the piece. Closed on the piece's last line it looks the same: read on then too.
          if (t.type === 'fence' && t.map[1] > lastContentLine) openAtEnd = true;
        }
        break;
      case 'html_block':
        if (t.map) {
          cover(t.map);
          blocks.push({ kind: 'html', span: span(t.map), depth });
          if (t.map[1] > lastContentLine) openAtEnd = true;
        }
        break;
    }
  }
  return { blocks, covered, openAtEnd };
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

/** The number of the last line (0-based, as markdown-it counts) that holds more than white space, or -1. */
function lastNonBlankLine(source: string): number {
  let end = source.length;
  for (;;) {
    if (end === 0) return -1;
    const c = source.charCodeAt(end - 1);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    end--;
  }
  // The line of the character at end - 1: the line breaks before it, a CRLF counting once.
  let line = 0;
  if (source.lastIndexOf('\r', end) < 0) {
    for (let i = source.indexOf('\n'); i >= 0 && i < end; i = source.indexOf('\n', i + 1)) line++;
    return line;
  }
  for (let i = 0; i < end - 1; i++) {
    const c = source.charCodeAt(i);
    if (c === 13) {
      if (source.charCodeAt(i + 1) === 10) i++;
      line++;
    } else if (c === 10) line++;
  }
  return line;
}

/** A copy of a remembered block placed `delta` characters further on (a literal, not a spread: this runs for every block of every piece). */
function movedBlock(b: RawBlock, delta: number): RawBlock {
  const span = { start: b.span.start + delta, end: b.span.end + delta };
  switch (b.kind) {
    case 'heading':
      return { kind: b.kind, span, headingLevel: b.headingLevel, headingText: b.headingText, setext: b.setext, depth: b.depth };
    case 'list-item':
      return { kind: b.kind, span, depth: b.depth, marker: b.marker };
    case 'code':
      return { kind: b.kind, span, depth: b.depth, indented: b.indented };
    default:
      return { kind: b.kind, span, depth: b.depth };
  }
}
