import type { MojibakeRule } from '../../knowledge/files/hygiene';
import type { Span } from '../../model/types';
import type { CheckContext } from '../check';
import type { Severity, SpanFix } from '../types';

/**
 * Finds text that was UTF-8 but got decoded as Windows-1252 or Latin-1
 * ("â€™" for ’, "Ã©" for é, "Â©" for ©) and computes its repair. The byte
 * table is an encoding fact, not legal knowledge, so it lives here.
 */

export interface MojibakeRun {
  span: Span;
  text: string;
  /** The repaired text; undefined when the repair is ambiguous. */
  repair?: string;
  /** True when the repair recovers the original bytes exactly (safe to apply unattended). */
  exact: boolean;
}

// Windows-1252 bytes 0x80–0x9F that differ from Latin-1.
const CP1252_HIGH: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02c6: 0x88, 0x2030: 0x89,
  0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91, 0x2019: 0x92, 0x201c: 0x93, 0x201d: 0x94, 0x2022: 0x95,
  0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98, 0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b, 0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

/** The byte a character stands for when the text was mis-decoded, or -1. */
function byteOf(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c <= 0xff) return c;
  return CP1252_HIGH[c] ?? -1;
}

function continuationCount(lead: number): number {
  // Two-byte leads limited to those of Latin letters and common symbols (Â Ã Ä Å Ë),
  // so that real accented text next to a symbol is never mistaken for mojibake.
  if (lead === 0xc2 || lead === 0xc3 || lead === 0xc4 || lead === 0xc5 || lead === 0xcb) return 1;
  if (lead >= 0xe0 && lead <= 0xef) return 2;
  if (lead >= 0xf0 && lead <= 0xf4) return 3;
  return 0;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes one mis-decoded sequence starting at `i`; returns its length and the character, or null. */
function sequenceAt(text: string, i: number): { length: number; decoded: string } | null {
  const lead = byteOf(text[i]);
  const n = continuationCount(lead);
  if (!n) return null;
  const bytes = [lead];
  for (let k = 1; k <= n; k++) {
    const b = i + k < text.length ? byteOf(text[i + k]) : -1;
    if (b < 0x80 || b > 0xbf) return null;
    bytes.push(b);
  }
  try {
    return { length: n + 1, decoded: utf8.decode(Uint8Array.from(bytes)) };
  } catch {
    return null;
  }
}

/** Repairs a run of mis-decoded text, twice over for text that was mis-decoded twice. */
function repairRun(text: string): string {
  let out = text;
  for (let pass = 0; pass < 2; pass++) {
    let next = '';
    let changed = false;
    for (let i = 0; i < out.length; ) {
      const seq = sequenceAt(out, i);
      if (seq) {
        next += seq.decoded;
        i += seq.length;
        changed = true;
      } else next += out[i++];
    }
    out = next;
    if (!changed) break;
  }
  return out;
}

// Characters that can start a mis-decoded sequence (the lead bytes above, read as Windows-1252).
const LEAD = /[\u00c2-\u00c5\u00cb\u00e0-\u00f4]/g;

/** Mis-decoded sequences whose bytes are all present: the repair is exact. */
export function classicMojibake(text: string, from: number, to: number): MojibakeRun[] {
  const runs: MojibakeRun[] = [];
  LEAD.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = LEAD.exec(text)) !== null && m.index < to) {
    const i = m.index;
    let j = i;
    while (j < to) {
      const seq = sequenceAt(text, j);
      if (!seq || j + seq.length > to) break;
      j += seq.length;
    }
    if (j > i) {
      const raw = text.slice(i, j);
      runs.push({ span: { start: i, end: j }, text: raw, repair: repairRun(raw), exact: true });
      LEAD.lastIndex = j;
    }
  }
  return runs;
}

const LETTER = /\p{L}/u;
const CONTRACTION = /^(?:s|t|re|ll|ve|d|m)(?!\p{L})/iu;

function isContraction(text: string, i: number): boolean {
  return i > 0 && /[a-z]/i.test(text[i - 1]) && CONTRACTION.test(text.slice(i + 1, i + 4));
}

/**
 * "â" and "Â" left behind when the invisible control bytes of a quote, dash
 * or no-break space were dropped ("the âSiteâ"). Flagged only where a real
 * word would not put them (at a word edge), and repaired only where the
 * original character is plain: a pair around words is a pair of double
 * quotes, "â" inside "donât" an apostrophe, "Â" before a space a no-break space.
 */
export function droppedByteMojibake(text: string, from: number, to: number, taken: Span[]): MojibakeRun[] {
  const candidates: number[] = [];
  const covered = new Set<number>();
  for (const s of taken) for (let k = s.start; k < s.end; k++) covered.add(k);
  const leftovers = /[âÂ]/g;
  leftovers.lastIndex = from;
  for (let found = leftovers.exec(text); found && found.index < to; found = leftovers.exec(text)) {
    const i = found.index;
    const ch = text[i];
    if (covered.has(i)) continue;
    const prevLetter = i > 0 && LETTER.test(text[i - 1]);
    const nextLetter = i + 1 < text.length && LETTER.test(text[i + 1]);
    // Inside a word "â" is French (château) unless it stands for the apostrophe of "donât".
    if (ch === 'â' && prevLetter && nextLetter && !isContraction(text, i)) continue;
    if (ch === 'Â' && !/[\s\u00a0]/.test(text[i + 1] ?? '')) continue;
    candidates.push(i);
  }
  const runs: MojibakeRun[] = [];
  const paired = new Set<number>();
  for (let k = 0; k + 1 < candidates.length; k++) {
    const a = candidates[k];
    const b = candidates[k + 1];
    if (text[a] !== 'â' || text[b] !== 'â' || paired.has(a)) continue;
    const inner = text.slice(a + 1, b);
    if (inner.length === 0 || inner.length > 60 || /[\r\n]/.test(inner) || /^\s/.test(inner) || /\s$/.test(inner)) continue;
    paired.add(a).add(b);
    runs.push({ span: { start: a, end: a + 1 }, text: 'â', repair: '“', exact: false });
    runs.push({ span: { start: b, end: b + 1 }, text: 'â', repair: '”', exact: false });
  }
  for (const i of candidates) {
    if (paired.has(i)) continue;
    const ch = text[i];
    if (ch === 'Â') runs.push({ span: { start: i, end: i + 1 }, text: ch, repair: '', exact: false });
    else if (isContraction(text, i)) runs.push({ span: { start: i, end: i + 1 }, text: ch, repair: '’', exact: false });
    else runs.push({ span: { start: i, end: i + 1 }, text: ch, exact: false });
  }
  return runs.sort((x, y) => x.span.start - y.span.start);
}

/** hygiene/mojibake: one finding per line, with the repairs as quick fixes. */
// Every character either reader starts from ("â" and "Â" are lead bytes too).
const ANY_CANDIDATE = /[\u00c2-\u00c5\u00cb\u00e0-\u00f4]/g;

export function runMojibake(ctx: CheckContext, rule: MojibakeRule): void {
  const text = ctx.doc.text;
  ANY_CANDIDATE.lastIndex = ctx.doc.frontMatter?.span.end ?? 0;
  // Most policies hold none of them: one scan instead of two.
  if (!ANY_CANDIDATE.test(text)) return;
  const skipped = ctx.doc.blocks.filter(b => b.kind === 'code').map(b => b.span);
  const from = ctx.doc.frontMatter?.span.end ?? 0;
  const classic = classicMojibake(text, from, text.length).filter(r => !inside(r.span, skipped));
  let dropped = droppedByteMojibake(text, from, text.length, classic.map(r => r.span)).filter(r => !inside(r.span, skipped));
  // One stray "â" is more likely a word than a dropped byte.
  if (dropped.length < rule.minDroppedForms) dropped = [];
  const runs = [...classic, ...dropped].sort((a, b) => a.span.start - b.span.start);

  const byLine = new Map<number, MojibakeRun[]>();
  for (const r of runs) {
    const line = ctx.doc.lines.positionAt(r.span.start).line;
    const list = byLine.get(line) ?? byLine.set(line, []).get(line)!;
    list.push(r);
  }
  for (const lineRuns of byLine.values()) {
    const first = lineRuns[0];
    const fill = (s: string) => s.replace('{text}', first.text).replace('{repair}', first.repair ?? '');
    const exact = lineRuns.filter(r => r.exact && r.repair !== undefined);
    const guessed = lineRuns.filter(r => !r.exact && r.repair !== undefined);
    const fixes: SpanFix[] = [];
    if (exact.length) fixes.push({ title: rule.fixTitle, safe: true, edits: exact.map(r => ({ span: r.span, newText: r.repair! })) });
    if (guessed.length) fixes.push({ title: rule.guessFixTitle, safe: false, edits: guessed.map(r => ({ span: r.span, newText: r.repair! })) });
    const more = lineRuns.length > 1 ? ` The line has ${lineRuns.length - 1} more.` : '';
    ctx.report({
      ruleId: rule.id,
      kind: 'hygiene',
      severity: rule.severity as Severity,
      message: fill(first.exact && first.repair !== undefined ? rule.message : rule.ambiguousMessage) + more,
      citation: rule.citation,
      url: rule.url,
      span: first.span,
      fixes,
    });
  }
}

function inside(span: Span, areas: Span[]): boolean {
  return areas.some(a => a.start <= span.start && span.end <= a.end);
}
