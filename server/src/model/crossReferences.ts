// References from one part of a policy to another: "see Section 7", "as
// described in Section 4.2", "the Cookies section below", "the 'EU Users'
// section", "paragraph 'How We Use Personal Data' above". Statute citations
// ("Section 1798.83 of the California Civil Code", "Article 6 GDPR") are not
// cross-references.

import type { CrossReference, Span } from './types';

const NUMBERED_RE = /\b(Sections?|Paragraphs?|Clauses?|Parts?)\s+((?:\d{1,2}(?:\.\d{1,2}){0,3}|[IVX]{1,5})(?:\([a-z0-9]{1,3}\))?)(?![\w.]*\d)/g;
const STATUTE_BEFORE_RE = /(?:\bCode|\bCiv\.?|\bCal\.?|U\.S\.C\.?|\bC\.?F\.?R\.?|\bAct|\bGDPR|\bCCPA|\bCPRA|\bRegulations?|\bRegs?\.?|\bStat(?:ute)?s?\.?|\bLaw|§)[^.;\n]{0,25}$/;
const STATUTE_AFTER_RE = /^[\s,]*(?:\([a-z0-9]{1,3}\))*\s*(?:of\s+(?:the\s+)?(?:[A-Z][\w.]*\s+){0,5}(?:Code|Act|Regulation|GDPR|CCPA|CPRA|Law|Directive|Statutes?|U\.S\.C)|of\s+(?:the\s+)?(?:General\s+Data|California|Cal\.|Civil|Business)|(?:of\s+)?(?:GDPR|CCPA|CPRA|U\.S\.C|CFR)\b)/;
// "the Cookies section below", "our Your Choices section", "the 'EU Users' section".
export const NAMED_BEFORE_RE =
  /\b(?:the|our|this)\s+(?:["“'‘]([^"“”'‘’\n]{2,80}?)["”'’]|((?:[\p{Lu}][\p{L}'’&-]*)(?:\s+(?:[\p{Lu}][\p{L}'’&-]*|of|and|to|for|the|we|your|our|on|in|with|a|&|do|how|what)){0,8}))\s+(section|paragraph|heading|part)\b/gu;
// Every match of NAMED_BEFORE_RE begins with one of its three lead words and
// white space, then a quote or a capital: such places are found by a plain
// scan (a capital: A-Z or any non-ASCII character), and the whole expression
// (a Unicode one, slow to run at every character) is tried only there.
const NAMED_BEFORE_LEAD_RE = /\b(?:the|our|this)\s+(?=["“'‘A-Z]|[^\x00-\x7f])/g;
const NAMED_BEFORE_AT_RE = new RegExp(NAMED_BEFORE_RE.source, 'uy');
const NAMED_BEFORE_WORD_RE = /\s(?:section|paragraph|heading|part)\b/g;

/** What NAMED_BEFORE_RE.exec finds from `from`. */
export function nextNamedBefore(text: string, from: number): RegExpExecArray | null {
  NAMED_BEFORE_LEAD_RE.lastIndex = from;
  for (let lead = NAMED_BEFORE_LEAD_RE.exec(text); lead; lead = NAMED_BEFORE_LEAD_RE.exec(text)) {
    NAMED_BEFORE_AT_RE.lastIndex = lead.index;
    const m = NAMED_BEFORE_AT_RE.exec(text);
    if (m) return m;
    NAMED_BEFORE_LEAD_RE.lastIndex = lead.index + 1;
  }
  return null;
}
const NAMED_AFTER_RE = /\b(section|paragraph|heading|part)\s+(?:(?:titled|entitled|called|named|headed)\s+)?["“'‘]([^"“”'‘’\n]{2,80}?)["”'’]/gi;
const DIRECTION_RE = /^\s*(?:,\s*)?(?:of\s+this\s+(?:\w+\s+)?(?:policy|notice|statement)\s+)?(above|below|earlier|later|hereinafter|further\s+(?:below|down))\b/i;
const NOT_TITLE = /^(?:This|That|Each|Every|Any|Which|Such|Same|Next|Previous|Following|Above|Below|First|Last|Relevant|Applicable|Specific|Particular|Other|Preceding)$/;

export function findCrossReferences(text: string, from: number, to: number, skip: Span[]): CrossReference[] {
  const out: CrossReference[] = [];
  const push = (ref: CrossReference) => {
    if (skip.some(s => ref.span.start >= s.start && ref.span.start < s.end)) return;
    if (out.some(r => r.span.start < ref.span.end && ref.span.start < r.span.end)) return;
    out.push(ref);
  };
  const directionAt = (end: number) => {
    const m = DIRECTION_RE.exec(text.slice(end, end + 60));
    if (!m) return { direction: null, end };
    const word = m[1].toLowerCase();
    return { direction: word === 'above' || word === 'earlier' ? ('above' as const) : ('below' as const), end: end + m[0].length };
  };

  NUMBERED_RE.lastIndex = from;
  for (let m = NUMBERED_RE.exec(text); m && m.index < to; m = NUMBERED_RE.exec(text)) {
    const end = m.index + m[0].length;
    if (STATUTE_BEFORE_RE.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
    if (STATUTE_AFTER_RE.test(text.slice(end, end + 80))) continue;
    // A heading's own number ("Section 4. Data Retention" at the start of a line) refers to nothing.
    const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
    if (/^[\s#*>]*$/.test(text.slice(lineStart, m.index)) && /^[.:)]?\s+\p{Lu}/u.test(text.slice(end, end + 4)) && !/\b(?:see|in|under|refer)\b/i.test(text.slice(lineStart, m.index))) continue;
    const d = directionAt(end);
    push({ target: m[2], by: 'number', direction: d.direction, span: { start: m.index, end: d.end } });
  }

  NAMED_AFTER_RE.lastIndex = from;
  for (let m = NAMED_AFTER_RE.exec(text); m && m.index < to; m = NAMED_AFTER_RE.exec(text)) {
    const end = m.index + m[0].length;
    const d = directionAt(end);
    push({ target: m[2].trim(), by: 'name', direction: d.direction, span: { start: m.index, end: d.end } });
  }

  // Every match of NAMED_BEFORE_RE ends with white space and one of its last words: where none is, it need not run.
  NAMED_BEFORE_WORD_RE.lastIndex = from;
  const named = NAMED_BEFORE_WORD_RE.test(text);
  for (let m = named ? nextNamedBefore(text, from) : null; m && m.index < to; m = nextNamedBefore(text, m.index + m[0].length)) {
    const title = (m[1] ?? m[2]).trim();
    const quoted = m[1] !== undefined;
    const end = m.index + m[0].length;
    const d = directionAt(end);
    // An unquoted capitalised phrase is a title only when the reference points somewhere ("below") or is introduced by "see".
    if (!quoted) {
      const firstWord = title.split(/\s+/)[0];
      if (NOT_TITLE.test(firstWord)) continue;
      const lead = text.slice(Math.max(0, m.index - 40), m.index);
      if (!d.direction && !/\b(?:see|in|under|to|at|visit|read|review|consult|described|set\s+out|explained|detailed)\s+$/i.test(lead)) continue;
    }
    const titleStart = m.index + m[0].indexOf(title);
    push({ target: title, by: 'name', direction: d.direction, span: { start: quoted ? m.index : titleStart, end: d.end } });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}
