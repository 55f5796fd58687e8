// E-mail addresses and telephone numbers written in a policy.

import type { Span } from './types';

const EMAIL_RE = /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])/g;
// The same, tried only where an address can begin: scanning for its local part
// at every word of a policy costs more than all the other facts together.
const EMAIL_AT_RE = new RegExp(EMAIL_RE.source, 'y');
const LOCAL_PART_CHAR = /[\w.+-]/;
// North American numbers (optionally +1, toll-free included, letters in vanity
// numbers), and international numbers starting with + and a country code.
const PHONE_RE =
  /(?<![\w+.\/-])(?:(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]\d{4}|(?:\+?1[\s.-])?8(?:00|33|44|55|66|77|88)[\s.-][A-Z0-9]{3}[\s.-]?[A-Z0-9]{4}|\+\d{1,3}(?:[\s.-]?\(?\d{1,5}\)?){2,6})(?![\w\/-])/g;

export function findEmails(text: string, from: number, to: number, skip: Span[]): Span[] {
  const out: Span[] = [];
  // A match starts where a run of local-part characters that ends right before an "@" starts.
  let resume = from;
  for (let at = text.indexOf('@', from); at >= 0; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > resume && LOCAL_PART_CHAR.test(text[start - 1])) start--;
    if (start === at || start >= to) continue;
    EMAIL_AT_RE.lastIndex = start;
    const m = EMAIL_AT_RE.exec(text);
    if (!m) continue;
    resume = EMAIL_AT_RE.lastIndex;
    at = resume - 1;
    if (skip.some(s => m.index >= s.start && m.index < s.end)) continue;
    out.push({ start: m.index, end: m.index + m[0].replace(/\.+$/, '').length });
  }
  return out;
}

export function findPhones(text: string, from: number, to: number, skip: Span[]): Span[] {
  return scan(PHONE_RE, text, from, to, skip, m => {
    const digits = m[0].replace(/\D/g, '').length;
    const letters = /[A-Z]/.test(m[0]);
    if (!letters && (digits < 10 || digits > 15)) return null;
    // A date or an IP address has dots or slashes in other places than a number's separators.
    if (/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(m[0])) return null;
    return { start: m.index, end: m.index + m[0].trimEnd().length };
  });
}

function scan(re: RegExp, text: string, from: number, to: number, skip: Span[], make: (m: RegExpExecArray) => Span | null): Span[] {
  const out: Span[] = [];
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    if (skip.some(s => m!.index >= s.start && m!.index < s.end)) continue;
    const span = make(m);
    if (span) out.push(span);
  }
  return out;
}
