import { isJsSpace } from './characters';
import type { LineIndex } from './positions';
import type { RawBlock } from './markdownBlocks';
import type { Block, BlockKind, Section, Span } from './types';
import { looksLikeDocumentTitle, runInLabel, standaloneHeading, trailingNumber, type LineHeading } from './implicitHeadings';

/** A piece of prose: one line of pasted text, or one Markdown paragraph / list item. */
interface Unit {
  kind: 'paragraph' | 'list-item';
  span: Span;
  /** Offset of the end of the first line (== span.end for one-line units). */
  firstLineEnd: number;
  /** Starts with a bullet: a list item, never a heading. */
  bullet: boolean;
  /** Set when the unit turned out to be a heading, a title or a table-of-contents line. */
  role: 'body' | 'heading' | 'title' | 'toc' | 'consumed';
  candidate: Candidate | null;
  /** Index of the raw block it comes from (pasted headings never span blank lines). */
  block: number;
}

interface Candidate {
  heading: LineHeading;
  /** A section number found at the end of the previous unit. */
  leadingNumber?: { number: string; start: number };
}

interface Heading {
  span: Span;
  titleSpan: Span;
  title: string;
  level: number;
  number?: string;
  implicit: boolean;
}

export interface SectionModel {
  sections: Section[];
  outline: Section[];
  blocks: Block[];
  title: Span;
  format: 'markdown' | 'plain';
}

const BULLET = /^(?:[•◦▪‣·●○■□➢►✓✔–—]|[-*+](?=[ \t]))[ \t]*/;
const MIN_TOC_RUN = 5;
const MIN_REPEATED_TOC_RUN = 4;

/**
 * Turns markdown-it blocks into sections and body blocks. A text with `#` or
 * setext headings is Markdown: its headings are taken as written, and a
 * bold-only line is a heading one level below the current one. Otherwise the
 * text is pasted: each line is its own paragraph (a line starting in lower
 * case continues the one before), and headings are recognised from their
 * shape — then title lines, tables of contents and navigation menus are set
 * apart so that they do not open empty sections.
 */
export function buildSections(text: string, lines: LineIndex, raw: RawBlock[], bodyStart: number): SectionModel {
  const format = isMarkdown(raw) ? 'markdown' : 'plain';
  const units: Unit[] = [];
  const others: { kind: BlockKind; span: Span }[] = [];
  const explicit: Heading[] = [];

  let line = 0;
  raw.forEach((b, index) => {
    if (b.kind === 'heading') explicit.push(explicitHeading(text, b));
    else if (b.kind === 'paragraph' || b.kind === 'list-item' || (b.kind === 'code' && b.indented && format === 'plain')) {
      line = splitIntoUnits(text, lines, b, index, format, units, line);
    } else others.push({ kind: b.kind, span: b.span });
  });

  findCandidates(text, units, format);
  let titleUnit: Unit | null = null;
  if (format === 'plain') {
    titleUnit = markTitle(text, units);
    markTablesOfContents(units);
    confirmWeakHeadings(text, units);
  }
  const implicit = headingsFromUnits(text, units);
  const headings = mergeInOrder(explicit, implicit);
  assignLevels(headings, format);

  const { sections, outline } = buildTree(text, headings);
  const blocks = collectBlocks(units, others, headings, sections);
  const title = documentTitle(lines, format, sections, titleUnit, blocks, bodyStart);
  return { sections, outline, blocks, title, format };
}

/**
 * Markdown: a `#` heading or two underlined headings. One line underlined with
 * dashes is as likely a separator pasted from a web page, so such a text is
 * still read as pasted (keeping that heading). A front matter says nothing:
 * the quick fix that declares jurisdictions adds one to pasted text too.
 */
function isMarkdown(raw: RawBlock[]): boolean {
  let underlined = 0;
  for (const b of raw) {
    if (b.kind !== 'heading') continue;
    if (!b.setext || ++underlined >= 2) return true;
  }
  return false;
}

function explicitHeading(text: string, b: RawBlock): Heading & { explicit: true } {
  const raw = (b.headingText ?? '').trim();
  const lineText = text.slice(b.span.start, Math.min(b.span.end, b.span.start + 4096));
  let title = raw.replace(/^(?:\*\*|__|\*|_)+|(?:\*\*|__|\*|_)+$/g, '').trim();
  const numbered = /^((?:\d{1,3}\.)*\d{1,3}|[IVXL]{1,6})[.)]?[ \t]+(?=\S)/.exec(title);
  let number: string | undefined;
  // "## 2. Data", "## 2.1 Logs", "## IV) Rights" are numbered; "## 3 Ways We Use Data" is not.
  if (numbered && (numbered[1].includes('.') || /[.)]/.test(numbered[0]))) {
    number = numbered[1];
    title = title.slice(numbered[0].length).trim();
  }
  const at = title ? lineText.indexOf(title) : -1;
  const titleSpan = at >= 0 ? { start: b.span.start + at, end: b.span.start + at + title.length } : { ...b.span };
  return { span: { ...b.span }, titleSpan, title, level: b.headingLevel ?? 1, number, implicit: false, explicit: true };
}

/**
 * Reads a prose block line by line. In pasted text every line is a paragraph
 * of its own, except lines that start in lower case, which continue the line
 * before (a paragraph broken by the copy). In Markdown a paragraph stays one
 * unit, but bullet lines and bold-only lines inside it start new units.
 */
function splitIntoUnits(text: string, lines: LineIndex, b: RawBlock, blockIndex: number, format: 'markdown' | 'plain', out: Unit[], fromLine: number): number {
  const first = lines.lineAtFrom(b.span.start, fromLine);
  const last = lines.lineAtFrom(b.span.end, first);
  let current: Unit | null = null;
  for (let l = first; l <= last; l++) {
    const lineEnd = Math.min(b.span.end, lines.lineEnd(l));
    let s = Math.max(b.span.start, lines.lineStart(l));
    s = skipIndent(text, s, lineEnd, b.depth > 0);
    const e = trimEnd(text, lineEnd, s);
    if (e <= s) continue;
    const head = text.slice(s, Math.min(e, s + 8));
    const bullet = (l === first && b.marker === 'bullet') || BULLET.test(head);
    const ordered = l === first && b.marker === 'ordered';
    const startsNew =
      current === null ||
      bullet ||
      ordered ||
      (format === 'plain' ? !/^\p{Ll}/u.test(head) : isBoldOnly(text, s, e) || isBoldOnly(text, current.span.start, current.span.end));
    if (startsNew) {
      // In pasted text only a line with its own bullet or number is a list item; the lines after it are paragraphs.
      const item = bullet || (b.kind === 'list-item' && (format === 'markdown' || (l === first && b.marker !== undefined)));
      current = { kind: item ? 'list-item' : 'paragraph', span: { start: s, end: e }, firstLineEnd: e, bullet, role: 'body', candidate: null, block: blockIndex };
      out.push(current);
    } else if (current) {
      current.span.end = e;
    }
  }
  return last;
}

function isBoldOnly(text: string, s: number, e: number): boolean {
  if (e - s < 5 || e - s > 130) return false;
  const c = text.charCodeAt(s);
  return (c === 42 || c === 95) && text.charCodeAt(s + 1) === c && /^(\*\*|__)[^*_].*\1:?$/.test(text.slice(s, e));
}

/** Finds heading-shaped units, and section numbers pasted at the end of the unit before a heading. */
function findCandidates(text: string, units: Unit[], format: 'markdown' | 'plain'): void {
  // Numbered lines after a lead-in ("… your account to:") are a list, not headings.
  let inList = false;
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    const leadIn = i > 0 && !units[i - 1].candidate && text.charCodeAt(units[i - 1].span.end - 1) === 58; /* : */
    if (u.bullet) continue;
    const oneLine = u.firstLineEnd === u.span.end;
    const line = text.slice(u.span.start, Math.min(u.firstLineEnd, u.span.start + 200));
    let heading: LineHeading | null = null;
    if (oneLine) heading = standaloneHeading(line);
    if (format === 'markdown') {
      if (heading?.form === 'bold') u.candidate = { heading };
      continue;
    }
    if (heading?.form === 'numbered') {
      inList = leadIn || (inList && units[i - 1].block === u.block);
      if (inList) continue;
    } else inList = false;
    if (!heading) heading = runInLabel(line);
    if (heading) u.candidate = { heading };
  }
  if (format === 'markdown') return;

  for (let i = 0; i + 1 < units.length; i++) {
    const u = units[i];
    const next = units[i + 1];
    if (u.bullet || next.bullet || next.candidate?.heading.number) continue;
    const tailStart = Math.max(u.span.start, u.span.end - 24);
    const found = trailingNumber(text.slice(tailStart, u.span.end));
    if (!found) continue;
    const oneLine = next.firstLineEnd === next.span.end;
    const line = text.slice(next.span.start, Math.min(next.firstLineEnd, next.span.start + 200));
    const heading = (oneLine ? standaloneHeading(line, true) : null) ?? runInLabel(line, true);
    if (!heading) continue;
    const numberStart = tailStart + found.start;
    next.candidate = { heading: { ...heading, number: found.number }, leadingNumber: { number: found.number, start: numberStart } };
    if (numberStart <= u.span.start) u.role = 'consumed';
    else {
      u.span.end = trimEnd(text, numberStart, u.span.start);
      if (u.firstLineEnd > u.span.end) u.firstLineEnd = u.span.end;
      // A unit shortened to nothing but its own number was the number alone.
      if (u.candidate && u.candidate.heading.headingEnd > u.span.end - u.span.start) u.candidate = null;
    }
  }
}

const isStandalone = (u: Unit) => u.candidate !== null && u.candidate.heading.form !== 'label';

/**
 * The heading-shaped lines before the first real paragraph, up to the first
 * one that names the document ("Privacy Policy"), are its title, not sections.
 */
function markTitle(text: string, units: Unit[]): Unit | null {
  for (const u of units) {
    if (u.role === 'consumed') continue;
    if (!isStandalone(u)) {
      if (isBodyLike(text, u)) return null;
      continue;
    }
    const h = u.candidate!.heading;
    if (h.form === 'colon' || h.number || !looksLikeDocumentTitle(h.title)) continue;
    for (const v of units) {
      if (v === u) break;
      if (isStandalone(v)) v.role = 'title';
    }
    u.role = 'title';
    return u;
  }
  return null;
}

/**
 * A run of heading-shaped lines with no text between them is a table of
 * contents (or a navigation menu): five or more, or four whose titles come
 * back later as headings.
 */
function markTablesOfContents(units: Unit[]): void {
  // Where each title last appears as a heading candidate; built only if a run needs it.
  let later: Map<string, number> | null = null;
  const lastIndexOf = (title: string): number => {
    if (!later) {
      later = new Map();
      units.forEach((u, i) => {
        if (u.candidate && u.role === 'body') later!.set(normalTitle(u.candidate.heading.title), i);
      });
    }
    return later.get(normalTitle(title)) ?? -1;
  };
  let i = 0;
  while (i < units.length) {
    if (!isStandalone(units[i]) || units[i].role !== 'body') {
      i++;
      continue;
    }
    let j = i;
    while (j < units.length && ((isStandalone(units[j]) && units[j].role === 'body') || units[j].role === 'consumed')) j++;
    const run = units.slice(i, j).filter(u => u.role === 'body');
    const isToc =
      run.length >= MIN_TOC_RUN ||
      (run.length >= MIN_REPEATED_TOC_RUN && run.filter(u => lastIndexOf(u.candidate!.heading.title) >= j).length * 2 >= run.length);
    if (isToc) for (const u of run) u.role = 'toc';
    i = j;
  }
}

/**
 * A plain short line (no number, no bold, no colon) heads a section only when
 * text, a list or another heading follows it: "Acme Corp" above "123 Main
 * Street" is an address, not a heading.
 */
function confirmWeakHeadings(text: string, units: Unit[]): void {
  let nextAccepted = false;
  let nextBodyLike = false;
  for (let i = units.length - 1; i >= 0; i--) {
    const u = units[i];
    if (u.role === 'consumed') continue;
    if (u.candidate && u.role === 'body') {
      const form = u.candidate.heading.form;
      const weak = form === 'plain' && !u.candidate.leadingNumber;
      if (weak && !nextAccepted && !nextBodyLike) u.candidate = null;
    }
    if (u.role === 'body' && u.candidate) {
      nextAccepted = true;
      nextBodyLike = false;
    } else if (u.role === 'body') {
      nextAccepted = false;
      nextBodyLike = u.kind === 'list-item' || isBodyLike(text, u);
    } else {
      nextAccepted = false;
      nextBodyLike = false;
    }
  }
}

/** A sentence or a substantial line: ends with punctuation or has eight words or more. */
function isBodyLike(text: string, u: Unit): boolean {
  if (u.span.end - u.span.start > 60) return true;
  const s = text.slice(u.span.start, u.span.end);
  return /[.!?:;]["”’')\]]*$/.test(s) || s.split(/\s+/).length >= 8;
}

function headingsFromUnits(text: string, units: Unit[]): (Heading & { form: LineHeading['form'] })[] {
  const out: (Heading & { form: LineHeading['form'] })[] = [];
  for (const u of units) {
    if (!u.candidate || u.role !== 'body') continue;
    const h = u.candidate.heading;
    const start = u.candidate.leadingNumber?.start ?? u.span.start;
    const headingEnd = h.form === 'label' ? u.span.start + h.headingEnd : u.span.end;
    out.push({
      span: { start, end: headingEnd },
      titleSpan: { start: u.span.start + h.titleStart, end: u.span.start + h.titleEnd },
      title: h.title,
      level: 0,
      number: h.number,
      implicit: true,
      form: h.form,
    });
    if (h.form === 'label') {
      // The run-in label's line goes on as the section's first paragraph.
      u.span.start = skipSpace(text, headingEnd, u.span.end);
      u.candidate = null;
      if (u.span.start >= u.span.end) u.role = 'consumed';
    } else u.role = 'heading';
  }
  return out;
}

function mergeInOrder<A extends Heading, B extends Heading>(a: A[], b: B[]): (A | B)[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  return [...a, ...b].sort((x, y) => x.span.start - y.span.start);
}

/**
 * Markdown headings keep their `#` level. A number gives the depth ("2.1" sits
 * under "2"); an unnumbered heading sits one level below the last Markdown or
 * numbered heading, and a run-in label one level below the last heading that
 * is not itself a label.
 */
function assignLevels(headings: (Heading & { form?: LineHeading['form']; explicit?: true })[], format: 'markdown' | 'plain'): void {
  const markdown = format === 'markdown';
  let anchor = 0;
  let lastNonLabel = 0;
  for (const h of headings) {
    if (h.explicit) {
      // In pasted text a lone underlined heading stands at the top level, like the numbered ones.
      if (!markdown) h.level = 1;
      anchor = lastNonLabel = h.level;
    } else if (markdown) {
      // Only bold lines are headings in Markdown: always under the current `#` heading.
      h.level = anchor + 1;
    } else if (h.number) {
      h.level = numberDepth(h.number);
      anchor = lastNonLabel = h.level;
    } else if (h.form === 'label') {
      h.level = lastNonLabel + 1;
    } else {
      h.level = anchor + 1;
      lastNonLabel = h.level;
    }
  }
}

function numberDepth(n: string): number {
  return /^\d/.test(n) ? n.split('.').length : 1;
}

function buildTree(text: string, headings: Heading[]): { sections: Section[]; outline: Section[] } {
  const sections: Section[] = [];
  const outline: Section[] = [];
  const stack: Section[] = [];
  const close = (s: Section, at: number) => {
    // A heading line may end in white space that trimming the body drops:
    // a section still spans its own heading and its last child.
    const lastChild = s.children[s.children.length - 1];
    s.span.end = Math.max(s.headingSpan.end, trimEnd(text, at, s.span.start), lastChild ? lastChild.span.end : 0);
  };
  for (const h of headings) {
    // A section ends where the next heading of the same or a higher level starts.
    while (stack.length && stack[stack.length - 1].level >= h.level) close(stack.pop()!, h.span.start);
    const parent = stack[stack.length - 1] ?? null;
    const s: Section = {
      index: sections.length,
      title: h.title,
      titleSpan: h.titleSpan,
      level: h.level,
      number: h.number,
      span: { start: h.span.start, end: text.length },
      children: [],
      parent,
      implicit: h.implicit,
      headingSpan: h.span,
    };
    (parent ? parent.children : outline).push(s);
    sections.push(s);
    stack.push(s);
  }
  while (stack.length) close(stack.pop()!, text.length);
  return { sections, outline };
}

function collectBlocks(units: Unit[], others: { kind: BlockKind; span: Span }[], headings: Heading[], sections: Section[]): Block[] {
  const pieces: { kind: BlockKind; span: Span }[] = [...others];
  for (const u of units) {
    if (u.role === 'consumed' || u.role === 'heading') continue;
    pieces.push({ kind: u.role === 'title' ? 'title' : u.role === 'toc' ? 'toc' : u.kind, span: u.span });
  }
  for (const h of headings) pieces.push({ kind: 'heading', span: h.span });
  pieces.sort((a, b) => a.span.start - b.span.start);

  // The innermost section whose range holds the start of the block.
  const blocks: Block[] = [];
  const open: Section[] = [];
  let next = 0;
  for (const p of pieces) {
    while (next < sections.length && sections[next].span.start <= p.span.start) {
      const s = sections[next++];
      while (open.length && open[open.length - 1].span.end < s.span.start) open.pop();
      open.push(s);
    }
    while (open.length && open[open.length - 1].span.end < p.span.start) open.pop();
    blocks.push({ kind: p.kind, span: p.span, section: open[open.length - 1] ?? null });
  }
  return blocks;
}

function documentTitle(lines: LineIndex, format: string, sections: Section[], titleUnit: Unit | null, blocks: Block[], bodyStart: number): Span {
  if (titleUnit?.candidate) {
    const h = titleUnit.candidate.heading;
    return { start: titleUnit.span.start + h.titleStart, end: titleUnit.span.start + h.titleEnd };
  }
  if (format === 'markdown') {
    const top = sections.find(s => s.level === 1) ?? sections[0];
    if (top && top.index === 0) return top.titleSpan;
  }
  const first = blocks.find(b => b.kind !== 'front-matter' && b.kind !== 'html' && b.kind !== 'code');
  if (first) {
    const line = lines.lineAt(first.span.start);
    return { start: first.span.start, end: Math.max(first.span.start, Math.min(first.span.end, lines.lineEnd(line))) };
  }
  return { start: bodyStart, end: bodyStart };
}

function normalTitle(t: string): string {
  return t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function skipIndent(text: string, i: number, end: number, quoted: boolean): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 0xfeff || c === 0xa0 || (quoted && c === 62)) i++;
    else break;
  }
  return i;
}

function skipSpace(text: string, i: number, end: number): number {
  while (i < end && isJsSpace(text.charCodeAt(i))) i++;
  return i;
}

function trimEnd(text: string, i: number, floor = 0): number {
  while (i > floor && isJsSpace(text.charCodeAt(i - 1))) i--;
  return i;
}
