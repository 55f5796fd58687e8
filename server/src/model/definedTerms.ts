// Terms a policy defines: `("Services")`, `(the "Website")`, `(collectively,
// the "Service")`, `('the Platform')`, `"Personal Data" means …`,
// `**Personal Data** means …`. The span is the term itself, inside its quotes.

import type { DefinedTerm, Span } from './types';

// A parenthesis that opens with a quoted term, possibly after "collectively,", "the", "hereinafter".
const PAREN_RE =
  /\(\s*(?:(?:hereinafter|collectively|together|each|individually|jointly|also|herein)\s*,?\s*)*(?:(?:referred\s+to|known)\s+(?:herein\s+)?as\s+)?(?:the\s+|a\s+|an\s+|our\s+)?(?=["“'‘])([^()\n]{2,300}?)\)/gi;
const QUOTED_DOUBLE_RE = /["“]\s*([^"“”\n]{1,80}?)\s*[,.;]?\s*["”]/g;
const QUOTED_SINGLE_RE = /(?<![\w])['‘]\s*([^'‘’\n]{1,80}?)\s*[,.;]?\s*['’](?![\w])/g;
const MEANS_RE =
  /(?:["“]([^"“”\n]{1,80})["”]|\*\*["“]?([^*"“”\n]{1,80}?)["”]?\*\*)\s*(?:\([^()\n]{0,80}\)\s*)?(?:,\s*)?(?:means|shall\s+mean|refers?\s+to|shall\s+refer\s+to|includes|shall\s+include|has\s+the\s+meaning|is\s+defined\s+as|is\s+used\s+to\s+(?:mean|refer))\b/gi;

// What a definition needs: MEANS_RE a double quote or "**"; PAREN_RE a "("
// followed (anywhere later) by a quote, a double one or a single one.
const DOUBLE_QUOTE_OR_BOLD_RE = /["“]|\*\*/g;
const SINGLE_QUOTE_RE = /['‘]/g;

/** False when no match of PAREN_RE or MEANS_RE can start at or after `from`. */
function mayDefine(text: string, from: number): boolean {
  DOUBLE_QUOTE_OR_BOLD_RE.lastIndex = from;
  if (DOUBLE_QUOTE_OR_BOLD_RE.test(text)) return true;
  const paren = text.indexOf('(', from);
  if (paren < 0) return false;
  SINGLE_QUOTE_RE.lastIndex = paren;
  return SINGLE_QUOTE_RE.test(text);
}

export function findDefinedTerms(text: string, from: number, to: number, skip: Span[]): DefinedTerm[] {
  const out: DefinedTerm[] = [];
  if (!mayDefine(text, from)) return out;
  const add = (term: string, start: number) => {
    const clean = term.replace(/^the\s+/i, '').trim();
    if (!clean || !/\p{L}/u.test(clean)) return;
    const offset = term.indexOf(clean);
    const span = { start: start + offset, end: start + offset + clean.length };
    if (skip.some(s => span.start >= s.start && span.start < s.end)) return;
    if (out.some(d => d.span.start === span.start)) return;
    out.push({ term: clean, span });
  };

  PAREN_RE.lastIndex = from;
  for (let m = PAREN_RE.exec(text); m && m.index < to; m = PAREN_RE.exec(text)) {
    const inside = m[1];
    // "keywords ("Boston")", "e.g. ("…")": a quoted example, not a definition.
    if (/\b(?:keywords?|terms?|words?|phrases?|queries|query|example|examples|e\.g\.?|i\.e\.?|such\s+as|like|labell?ed|marked|named|called|button|link|option|setting)\s*$/i.test(text.slice(Math.max(0, m.index - 30), m.index))) continue;
    const insideStart = m.index + m[0].indexOf(inside);
    // The parenthesis must be made of quoted terms and connectors only: not a quotation in passing.
    const single = /^['‘]/.test(inside);
    const re = single ? QUOTED_SINGLE_RE : QUOTED_DOUBLE_RE;
    const rest = inside.replace(re, '').replace(/\b(?:and|or|the|a|an|collectively|together|each|individually|as\s+applicable|as\s+the\s+case\s+may\s+be|also|jointly)\b|[\s,;/]/gi, '');
    if (rest.length > 0) continue;
    re.lastIndex = 0;
    for (let q = re.exec(inside); q; q = re.exec(inside)) add(q[1], insideStart + q.index + q[0].indexOf(q[1]));
  }

  MEANS_RE.lastIndex = from;
  for (let m = MEANS_RE.exec(text); m && m.index < to; m = MEANS_RE.exec(text)) {
    const term = m[1] ?? m[2];
    add(term, m.index + m[0].indexOf(term));
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}
