import type { LineIndex } from './positions';
import type { RawBlock } from './markdownBlocks';
import type { Block, Section, Span } from './types';

interface HeadingCandidate {
  span: Span;
  titleSpan: Span;
  title: string;
  level: number;
  number?: string;
  implicit: boolean;
}

/**
 * Turns markdown-it blocks into sections and body blocks. Markdown headings
 * are taken as written; in pasted text (no Markdown headings) short
 * stand-alone lines are recognised as implicit headings.
 */
export function buildSections(text: string, lines: LineIndex, raw: RawBlock[], bodyStart: number) {
  const explicit = raw.some(b => b.kind === 'heading');
  const headings: HeadingCandidate[] = [];
  const bodyBlocks: { kind: Block['kind']; span: Span }[] = [];

  for (const b of raw) {
    if (b.kind === 'heading') {
      const line = text.slice(b.span.start, b.span.end);
      const title = (b.headingText ?? '').trim();
      const at = title ? line.indexOf(title) : -1;
      const titleSpan = at >= 0 ? { start: b.span.start + at, end: b.span.start + at + title.length } : b.span;
      const numbered = /^((?:\d+\.)*\d+|[IVXLC]+)[.)]?\s+/.exec(title);
      headings.push({ span: b.span, titleSpan, title: title.replace(/^[#*_\s]+|[*_\s]+$/g, ''), level: b.headingLevel ?? 1, number: numbered?.[1], implicit: false });
      continue;
    }
    if (b.kind !== 'paragraph' && b.kind !== 'list-item') {
      bodyBlocks.push({ kind: b.kind, span: b.span });
      continue;
    }
    // Pasted text puts one paragraph per line without blank lines between:
    // read each line of such a block on its own.
    for (const ls of blockLines(text, lines, b.span)) {
      const h = explicit ? null : implicitHeading(text, ls);
      if (h) headings.push(h);
      else bodyBlocks.push({ kind: b.kind, span: ls });
    }
  }
  headings.sort((a, b) => a.span.start - b.span.start);

  const sections: Section[] = [];
  const outline: Section[] = [];
  const stack: Section[] = [];
  for (const h of headings) {
    while (stack.length && stack[stack.length - 1].level >= h.level) stack.pop();
    const parent = stack[stack.length - 1] ?? null;
    const s: Section = { index: sections.length, title: h.title, titleSpan: h.titleSpan, level: h.level, number: h.number, span: { start: h.span.start, end: text.length }, children: [], parent, implicit: h.implicit };
    (parent ? parent.children : outline).push(s);
    sections.push(s);
    stack.push(s);
  }
  // A section ends where the next heading of the same or a higher level starts.
  for (let i = 0; i < sections.length; i++) {
    const next = sections.slice(i + 1).find(n => n.level <= sections[i].level);
    sections[i].span.end = trimEnd(text, next ? next.span.start : text.length);
  }

  const blocks: Block[] = [];
  let hi = 0;
  const all = [...bodyBlocks.map(b => ({ ...b, heading: false })), ...headings.map(h => ({ kind: 'heading' as const, span: h.span, heading: true }))]
    .sort((a, b) => a.span.start - b.span.start);
  for (const b of all) {
    while (hi < sections.length && sections[hi].span.start <= b.span.start) hi++;
    blocks.push({ kind: b.kind, span: b.span, section: sections[hi - 1] ?? null });
  }

  const title = titleSpan(text, sections, blocks, bodyStart);
  return { sections, outline, blocks, title };
}

function blockLines(text: string, lines: LineIndex, span: Span): Span[] {
  const first = lines.positionAt(span.start).line;
  const last = lines.positionAt(span.end).line;
  if (first === last) return [span];
  const out: Span[] = [];
  let current: Span | null = null;
  for (let l = first; l <= last; l++) {
    const s = Math.max(span.start, lines.lineStart(l));
    const e = Math.min(span.end, lines.lineEnd(l));
    const line = text.slice(s, e);
    // Hard-wrapped Markdown continues a paragraph; pasted text starts a new one
    // after a line that ends a sentence, or at a bullet.
    const startsNew = current === null || /^\s*[•◦▪\-–*]\s/.test(line) || /[.:!?;]["'”’)]?\s*$/.test(text.slice(current.start, current.end)) || isShortLine(text.slice(current.start, current.end));
    if (startsNew) {
      if (current) out.push(current);
      current = { start: s + (line.length - line.trimStart().length), end: e };
    } else if (current) current.end = e;
  }
  if (current) out.push(current);
  return out;
}

function isShortLine(line: string): boolean {
  return line.trim().length > 0 && line.trim().length <= 60 && !/[,;]$/.test(line.trim());
}

const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'the', 'to', 'with', 'our', 'your', 'we', 'do', 'not', 'how', 'is', 'this', 'about', 'under']);

function implicitHeading(text: string, span: Span): HeadingCandidate | null {
  const line = text.slice(span.start, span.end);
  const trimmed = line.trim();
  if (trimmed.length === 0 || trimmed.length > 80) return null;
  if (/[.,;]$/.test(trimmed) && !/^\d+\.$/.test(trimmed)) return null;
  const numbered = /^((?:\d+\.)*\d+)\.?\s+(\S.*)$/.exec(trimmed);
  const bold = /^\*\*([^*]+)\*\*:?$/.exec(trimmed);
  let title = bold ? bold[1] : numbered ? numbered[2] : trimmed;
  title = title.replace(/:$/, '').trim();
  const words = title.split(/\s+/);
  if (words.length > 10 || !/^\p{Lu}/u.test(title)) return null;
  const titleCase = words.every(w => !/^\p{Ll}/u.test(w) || SMALL_WORDS.has(w.toLowerCase().replace(/[^a-z]/g, '')));
  if (!bold && !numbered && !titleCase && words.length > 6) return null;
  if (!bold && !numbered && !titleCase && !/:$/.test(trimmed) && words.length > 4) return null;
  const lead = line.length - line.trimStart().length;
  const at = trimmed.lastIndexOf(title);
  const titleSpan = { start: span.start + lead + Math.max(0, at), end: span.start + lead + Math.max(0, at) + title.length };
  const number = numbered?.[1];
  const level = number ? number.split('.').length + 1 : 2;
  return { span, titleSpan, title, level, number, implicit: true };
}

function titleSpan(text: string, sections: Section[], blocks: Block[], bodyStart: number): Span {
  const top = sections.find(s => s.level === 1) ?? sections[0];
  if (top && top.index === 0) return top.titleSpan;
  const first = blocks[0];
  if (first) {
    const e = Math.min(first.span.end, text.indexOf('\n', first.span.start) >= 0 ? text.indexOf('\n', first.span.start) : text.length);
    return { start: first.span.start, end: Math.max(first.span.start, trimEnd(text, e)) };
  }
  return { start: bodyStart, end: bodyStart };
}

function trimEnd(text: string, i: number): number {
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  return i;
}
