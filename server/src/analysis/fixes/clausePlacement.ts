import { sectionsWithTopic } from '../sectionTopics';
import type { PolicyDocument, Section, Span } from '../../model/types';

/** Where a new clause goes and how its heading is written. */
export interface ClausePlace {
  /** Offset of the insertion (a point: nothing is replaced). */
  offset: number;
  /** Heading level for the clause: the level of its siblings; 0 = a plain title line (pasted text). */
  level: number;
  /** What the clause is placed after or before, for the fix's title. */
  anchor: string;
}

/** The document's line ending, so a CRLF file stays CRLF. */
export function lineEnding(text: string): string {
  const i = text.search(/\r\n|\n|\r/);
  if (i < 0) return '\n';
  return text.startsWith('\r\n', i) ? '\r\n' : text[i];
}

/**
 * Finds the place for a new clause: at the end of the first section about one
 * of `topics` (before the next heading of the same or a higher level), else
 * just before the contact section, else at the end of the document. The
 * offset is always at the end of existing content, never inside a paragraph.
 */
export function placeClause(doc: PolicyDocument, topics: readonly string[]): ClausePlace {
  // Pasted text whose headings the model recognised without `#` gets plain title lines; anything else is Markdown.
  const markdown = !(doc.sections.length > 0 && doc.sections.every(s => s.implicit));
  const levelOf = (s: Section) => (markdown ? s.level : 0);
  for (const topic of topics) {
    const section = outermost(doc, topic);
    if (section) return { offset: afterContent(doc, section.span.end), level: levelOf(section), anchor: `after “${section.title}”` };
  }
  const contact = outermost(doc, 'contact');
  if (contact) return { offset: afterContent(doc, contact.span.start), level: levelOf(contact), anchor: `before “${contact.title}”` };
  return { offset: afterContent(doc, doc.text.length), level: markdown ? siblingLevel(doc) : 0, anchor: 'at the end' };
}

/** The first section about the topic that is not nested in another one about it, never the document's title. */
function outermost(doc: PolicyDocument, topic: string): Section | undefined {
  const title = titleSection(doc);
  return sectionsWithTopic(doc, topic).find(s => s !== title && !(s.parent && s.parent !== title && sectionsWithTopic(doc, topic).includes(s.parent)));
}

/** The heading that titles the whole document ("# Privacy Policy" above all other sections), if any. */
export function titleSection(doc: Pick<PolicyDocument, 'sections'>): Section | undefined {
  const first = doc.sections[0];
  // A lone heading is the title only when it is a top-level one ("# Privacy Policy", not "## Contact").
  if (!first || (doc.sections.length === 1 && first.level > 1)) return undefined;
  return doc.sections.every(s => s === first || s.level > first.level) ? first : undefined;
}

/** The heading level of the document's top-level sections (below its title). */
export function siblingLevel(doc: Pick<PolicyDocument, 'sections'>): number {
  const title = titleSection(doc);
  const levels = doc.sections.filter(s => s !== title && !s.implicit).map(s => s.level);
  if (levels.length) return Math.min(...levels);
  return title ? Math.min(title.level + 1, 6) : 2;
}

/** Moves back over whitespace to the end of the content before `offset`, staying after a BOM and the front matter. */
function afterContent(doc: PolicyDocument, offset: number): number {
  const text = doc.text;
  const floor = Math.max(text.charCodeAt(0) === 0xfeff ? 1 : 0, doc.frontMatter?.span.end ?? 0);
  let i = Math.min(offset, text.length);
  while (i > floor && /\s/.test(text[i - 1])) i--;
  i = Math.max(i, floor);
  // A heading recognised in the middle of a pasted line ("… applicable law. 6.") must not
  // split that line: the clause goes after the whole line.
  if (i > floor) {
    const line = doc.lines.positionAt(i).line;
    i = Math.max(i, doc.lines.lineEnd(line));
  }
  return i;
}

const BREAK = /\r\n|\n|\r/g;

function breaksIn(s: string): number {
  return (s.match(BREAK) ?? []).length;
}

/**
 * The text to insert at `offset` so that the clause stands as its own block:
 * a blank line before it (unless it opens the document) and after it (unless
 * the document ends there, where it ends with one line break).
 */
export function insertionText(text: string, offset: number, clause: string, eol: string): string {
  // Scanned backwards by hand: an unanchored /\s*$/ retries from every
  // position of a whitespace run, quadratic on deeply indented text.
  let wsStart = offset;
  while (wsStart > 0 && /\s/.test(text[wsStart - 1])) wsStart--;
  const before = text.slice(wsStart, offset);
  const after = /^\s*/.exec(text.slice(offset))![0];
  const opensDocument = wsStart === 0 || (wsStart === 1 && text.charCodeAt(0) === 0xfeff);
  const endsDocument = offset + after.length === text.length;
  const lead = opensDocument ? 0 : Math.max(0, 2 - breaksIn(before));
  const trail = Math.max(0, (endsDocument ? 1 : 2) - breaksIn(after));
  return eol.repeat(lead) + clause + eol.repeat(trail);
}

export function pointSpan(offset: number): Span {
  return { start: offset, end: offset };
}
