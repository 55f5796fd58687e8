/**
 * Recognises the headings of pasted policies (no Markdown `#`) one line at a
 * time: numbered lines ("4. Data Retention", "2.1 Information You Provide"),
 * bold-only lines, short title-case or sentence-case lines, lines ending with a
 * colon, run-in labels ("Data Retention: We keep …") and section numbers left
 * at the end of the previous line by copy-paste ("… your rights. 8.").
 *
 * Every function here looks at one line's trimmed text and returns offsets
 * relative to it; deciding which candidates really head a section (tables of
 * contents, navigation menus, address blocks) is done in `sections.ts`, which
 * sees the neighbouring lines.
 */

/** How the heading was written; the weaker forms need confirmation from the next line. */
export type HeadingForm = 'numbered' | 'bold' | 'colon' | 'plain' | 'label';

export interface LineHeading {
  form: HeadingForm;
  title: string;
  /** Offset and length of the title within the line. */
  titleStart: number;
  titleEnd: number;
  /** "4", "2.1", "IV" when the line carries its own number. */
  number?: string;
  /** End of the heading within the line (after a colon); for run-in labels the body starts after it. */
  headingEnd: number;
}

/** A section number pasted at the end of the line before its heading. */
export interface TrailingNumber {
  number: string;
  /** Offset of the number within the line. */
  start: number;
}

const MAX_HEADING_CHARS = 120;
const MAX_TITLE_CASE_WORDS = 12;
const MAX_SENTENCE_CASE_WORDS = 8;
const MAX_LABEL_WORDS = 6;
const MAX_NUMBERED_LABEL_WORDS = 10;

/** Words that stay lower case inside a title-case heading. */
const MINOR_WORDS = new Set([
  'a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'into', 'of', 'on', 'or', 'the', 'to', 'with', 'our', 'your', 'its',
  'their', 'this', 'that', 'these', 'about', 'under', 'vs', 'per', 'via', 'nor', 'but', 'if', 'than', 'other', 'over', 'upon',
]);

/** Verbs that make a short lower-case line a clause rather than a heading, unless it asks a question. */
const CLAUSE_VERBS = /\b(?:is|are|was|were|will|would|shall|should|must|can|could|might|has|have|had|been)\b/i;
const QUESTION_START = /^(?:how|what|why|when|where|which|who|whom|whose|do|does|can|will|is|are)\b/i;
/** First words of a sentence that are never the first word of a heading. */
const SENTENCE_START = /^(?:we|you|they|it|if|when|please|there|this|these|that|to|by|as|once|while|so|then|also|here|our team)\b/i;
/** Labels of contact fields and metadata, never headings ("Email: …", "Effective Date: …"). */
const FIELD_LABEL = /^(?:e-?mail(?: address)?|phone(?: number)?|tel(?:ephone)?|fax|mobile|address|mailing address|postal address|website|web ?site|web|url|online|mail|post|name|company|attn|attention|to|from|subject|date|effective(?: date)?|last (?:updated|modified|revised)|updated|revised|version|note|notes|example|examples|tip|important|warning|caution|source|see|ref|re|by (?:e-?mail|mail|phone|post)|toll[- ]free|hours|office|registered office|vat(?: number)?|dpo|contact(?: person)?)$/i;
/** Lines that are dates, footers or signatures, never headings. */
const NOT_A_HEADING = /^(?:©|\(c\)\s|copyright\b|all rights reserved|effective\b|last\s+(?:updated|modified|revised|reviewed)\b|updated\b|revised\b|version\b|date\b|dated\b|sincerely\b|regards\b|best regards\b)/i;
const WEB_OR_MAIL = /:\/\/|www\.|@|\.(?:com|org|net|io|gov|eu)\b/i;

const NUMBERED = /^((?:\d{1,3}\.)+\d{1,3}|\d{1,3})(\.|\))?[ \t]+(?=\S)/;
const ROMAN = /^([IVXL]{1,6})[.)][ \t]+(?=\S)/;
const BOLD = /^(\*\*|__)(?!\s)((?:(?!\1).)+?)\1[ \t]*(:?)$/;
const TRAILING_NUMBER = /(?:^|[.!?:;"”’')\]][ \t]+)(\d{1,2}(?:\.\d{1,2})?)\.[ \t]*$/;

/**
 * Reads a line as a stand-alone heading: numbered, bold, title case, short
 * sentence case, or ending with a colon. `withNumber` relaxes the limits when
 * a section number was found at the end of the previous line.
 */
export function standaloneHeading(line: string, withNumber = false): LineHeading | null {
  if (line.length === 0 || line.length > MAX_HEADING_CHARS) return null;
  const bold = BOLD.exec(line);
  if (bold) {
    const inner = bold[2];
    const lead = inner.length - inner.trimStart().length;
    const title = inner.trim().replace(/:$/, '').trim();
    const start = bold[1].length + lead;
    const numbered = numberPrefix(title);
    if (numbered) {
      const rest = title.slice(numbered.length);
      if (!acceptableTitle(rest)) return null;
      return { form: 'bold', title: rest, titleStart: start + numbered.length, titleEnd: start + title.length, number: numbered.number, headingEnd: line.length };
    }
    if (!acceptableTitle(title)) return null;
    return { form: 'bold', title, titleStart: start, titleEnd: start + title.length, headingEnd: line.length };
  }
  const numbered = numberPrefix(line);
  if (numbered) {
    const body = line.slice(numbered.length);
    const title = body.replace(/[ \t]*:$/, '');
    if (!acceptableTitle(title) || wordCount(title) > MAX_TITLE_CASE_WORDS) return null;
    return { form: 'numbered', title, titleStart: numbered.length, titleEnd: numbered.length + title.length, number: numbered.number, headingEnd: line.length };
  }
  const colon = /:$/.test(line);
  const title = colon ? line.slice(0, -1).trimEnd() : line;
  if (colon) {
    // "Cookies:" or "EU Users:" – a lead-in sentence ("We collect the following:") is not.
    if (!isTitleCase(title) && !withNumber) return null;
    if (!acceptableTitle(title) || FIELD_LABEL.test(title)) return null;
    if (wordCount(title) > (withNumber ? MAX_NUMBERED_LABEL_WORDS : MAX_LABEL_WORDS + 2)) return null;
    return { form: 'colon', title, titleStart: 0, titleEnd: title.length, headingEnd: line.length };
  }
  if (!acceptableTitle(title)) return null;
  return { form: 'plain', title, titleStart: 0, titleEnd: title.length, headingEnd: line.length };
}

/**
 * Reads a run-in label at the start of a line: "Data Retention: We keep …".
 * The label must be a short title-case phrase and the text after it must
 * start a sentence, which rules out "Google Analytics: https://…" and
 * "Email: privacy@…".
 */
export function runInLabel(line: string, withNumber = false): LineHeading | null {
  const colon = line.indexOf(':');
  if (colon <= 0 || colon > 90) return null;
  const after = colon + 1;
  if (after >= line.length || !/[ \t]/.test(line[after])) return null;
  const label = line.slice(0, colon).trimEnd();
  const bodyStart = skipBlanks(line, after);
  if (bodyStart >= line.length) return null;
  const firstBodyChar = line.slice(bodyStart, bodyStart + 2);
  if (!/^["“‘'(]?\p{Lu}/u.test(firstBodyChar)) return null;
  if (WEB_OR_MAIL.test(line.slice(bodyStart, bodyStart + 40).split(/\s/)[0])) return null;
  if (FIELD_LABEL.test(label) || NOT_A_HEADING.test(label) || WEB_OR_MAIL.test(label)) return null;
  const words = wordCount(label);
  if (words > (withNumber ? MAX_NUMBERED_LABEL_WORDS : MAX_LABEL_WORDS)) return null;
  // "Q:" / "A:" of a FAQ are not headings; nor is anything ending a sentence or carrying a number.
  if (label.length < 3 || !/^\p{Lu}/u.test(label) || /[.;,!?]$/.test(label) || /\d{3,}/.test(label)) return null;
  if (!isTitleCase(label) && !(withNumber && acceptableTitle(label))) return null;
  return { form: 'label', title: label, titleStart: 0, titleEnd: label.length, headingEnd: colon + 1 };
}

/** A section number at the end of a line ("… your rights. 8.") or alone on it (" 2."). */
export function trailingNumber(line: string): TrailingNumber | null {
  const tail = line.length > 24 ? line.slice(-24) : line;
  const m = TRAILING_NUMBER.exec(tail);
  if (!m) return null;
  // The match ends with "<number>." and optional blanks.
  const start = line.length - tail.length + m.index + m[0].trimEnd().length - 1 - m[1].length;
  return { number: m[1], start };
}

/** True for the title line of a pasted policy ("Privacy Policy", "Acme Privacy Notice"). */
export function looksLikeDocumentTitle(line: string): boolean {
  return /\b(?:policy|notice|statement)\b|^privacy\b/i.test(line) && wordCount(line) <= 10;
}

function numberPrefix(line: string): { number: string; length: number } | null {
  const n = NUMBERED.exec(line);
  if (n) {
    // A bare "4 Data" without a dot or bracket is a quantity, not a section number.
    if (!n[1].includes('.') && !n[2]) return null;
    return { number: n[1], length: n[0].length };
  }
  const r = ROMAN.exec(line);
  if (r && /^(?=[MDCLXVI])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$/.test(r[1])) return { number: r[1], length: r[0].length };
  return null;
}

/**
 * A heading title: starts with a capital, does not end a sentence, carries no
 * address or date, and is either title case or a short noun phrase.
 */
function acceptableTitle(title: string): boolean {
  if (title.length === 0 || title.length > MAX_HEADING_CHARS) return false;
  if (!/^["“‘']?\p{Lu}/u.test(title)) return false;
  if (/[.,;!]["”’')\]]?$/.test(title)) return false;
  if (NOT_A_HEADING.test(title) || WEB_OR_MAIL.test(title) || /\d{4,}/.test(title)) return false;
  if (/^[-–—•◦▪‣·*+>|]/.test(title)) return false;
  const words = wordCount(title);
  const question = /\?$/.test(title);
  if (isTitleCase(title)) return words <= MAX_TITLE_CASE_WORDS;
  if (words > MAX_SENTENCE_CASE_WORDS) return false;
  if (title.includes(',')) return false;
  if (question) return QUESTION_START.test(title);
  if (SENTENCE_START.test(title)) return false;
  if (CLAUSE_VERBS.test(title) && !QUESTION_START.test(title)) return false;
  return true;
}

/** Every word starts with a capital (or a digit or symbol), minor words excepted; the first word is capitalised. */
function isTitleCase(text: string): boolean {
  const words = text.split(/[\s/]+/).filter(Boolean);
  if (words.length === 0 || !/^["“‘'(]?[\p{Lu}\d]/u.test(words[0])) return false;
  for (const w of words) {
    const bare = w.replace(/^["“‘'(\[]+|["”’')\]:,]+$/g, '');
    if (bare.length === 0 || !/^\p{Ll}/u.test(bare)) continue;
    if (!MINOR_WORDS.has(bare.toLowerCase())) return false;
  }
  return true;
}

function wordCount(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 32;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

function skipBlanks(s: string, i: number): number {
  while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  return i;
}
