import { parseDocument, isMap } from 'yaml';
import type { FrontMatter, FrontMatterProblem, PartyInfo, PolicyDeclarations, Span } from './types';

const OPEN = /^(\uFEFF)?---[ \t]*(\r\n|\r|\n)/;
const CLOSE = /(^|\r\n|\r|\n)(---|\.\.\.)[ \t]*(?=\r\n|\r|\n|$)/g;
/** Front matter is for a few declarations; anything larger is refused before parsing. */
const MAX_FRONT_MATTER = 64 * 1024;

/**
 * Reads the YAML front matter and its `clausewise:` block. Never throws: a
 * broken block yields problems (each with a span on the front matter) and
 * empty declarations, so the rest of the document is still checked.
 */
export function parseFrontMatter(text: string): FrontMatter | null {
  const open = OPEN.exec(text);
  if (!open) return null;
  const bodyStart = open[0].length;
  CLOSE.lastIndex = bodyStart - open[2].length;
  const close = CLOSE.exec(text);
  if (!close) return null;
  const bodyEnd = close.index + close[1].length;
  const span: Span = { start: open[1] ? 1 : 0, end: close.index + close[0].length };
  const problems: FrontMatterProblem[] = [];
  const body = text.slice(bodyStart, bodyEnd);
  const result: FrontMatter = { span, hasClausewise: false, declarations: {}, problems };
  if (body.length > MAX_FRONT_MATTER) {
    problems.push({ message: `The front matter is larger than ${MAX_FRONT_MATTER / 1024} KB and was not read.`, span });
    return result;
  }

  const doc = parseDocument(body, { prettyErrors: false, uniqueKeys: true });
  const toSpan = (pos?: [number, number]): Span =>
    pos ? { start: bodyStart + pos[0], end: Math.max(bodyStart + pos[0] + 1, bodyStart + pos[1]) } : span;
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    problems.push({ message: `The front matter is not valid YAML: ${firstLine(e.message)}`, span: clampSpan(toSpan(e.pos), span) });
    return result;
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    // yaml throws on alias bombs (maxAliasCount) only while resolving.
    problems.push({ message: `The front matter could not be read: ${firstLine(String((e as Error).message ?? e))}`, span });
    return result;
  }
  if (!isMap(doc.contents) || data === null || typeof data !== 'object') return result;
  const root = data as Record<string, unknown>;
  if (!('clausewise' in root)) return result;
  result.hasClausewise = true;
  const keyNode = doc.contents.items.find(p => (p.key as { value?: unknown })?.value === 'clausewise');
  const keyRange = (keyNode?.key as unknown as { range?: [number, number, number] } | undefined)?.range;
  const blockSpan = keyRange ? toSpan([keyRange[0], keyRange[1]]) : span;
  result.declarations = readDeclarations(root.clausewise, msg => problems.push({ message: msg, span: blockSpan }));
  return result;
}

function firstLine(s: string): string {
  return s.split(/\r?\n/)[0].trim();
}

function clampSpan(s: Span, within: Span): Span {
  const start = Math.max(within.start, Math.min(s.start, within.end));
  return { start, end: Math.max(start, Math.min(s.end, within.end)) };
}

const JURISDICTIONS = ['gdpr', 'ccpa', 'caloppa', 'coppa'];

function readDeclarations(raw: unknown, problem: (message: string) => void): PolicyDeclarations {
  const out: PolicyDeclarations = {};
  if (raw === null || raw === undefined) return out;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problem('`clausewise:` must be a mapping of declarations (jurisdictions, controller, …).');
    return out;
  }
  const r = raw as Record<string, unknown>;
  if (r.jurisdictions !== undefined) {
    const list = Array.isArray(r.jurisdictions) ? r.jurisdictions : typeof r.jurisdictions === 'string' ? r.jurisdictions.split(/[,\s]+/) : null;
    if (!list || list.some(j => typeof j !== 'string')) problem('`jurisdictions` must be a list such as [gdpr, ccpa].');
    else {
      const norm = list.map(j => (j as string).trim().toLowerCase()).filter(Boolean);
      const unknown = norm.filter(j => !JURISDICTIONS.includes(j));
      if (unknown.length) problem(`Unknown jurisdiction ${unknown.map(u => `"${u}"`).join(', ')}; expected ${JURISDICTIONS.join(', ')}.`);
      out.jurisdictions = norm.filter(j => JURISDICTIONS.includes(j));
    }
  }
  for (const key of ['controller', 'dpo', 'euRepresentative'] as const) {
    if (r[key] === undefined) continue;
    const party = readParty(r[key]);
    if (party) out[key] = party;
    else problem(`\`${key}\` must be a name or a mapping with name, address, email, phone.`);
  }
  for (const key of ['effectiveDate', 'lastUpdated'] as const) {
    const v = r[key];
    if (v === undefined) continue;
    const iso = v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.trim()) ? v.trim() : null;
    if (iso && !Number.isNaN(Date.parse(iso))) out[key] = iso;
    else problem(`\`${key}\` must be a date written as YYYY-MM-DD.`);
  }
  if (r.audience !== undefined) {
    const a = r.audience as Record<string, unknown>;
    if (a && typeof a === 'object' && !Array.isArray(a)) {
      out.audience = {};
      if (typeof a.children === 'boolean') out.audience.children = a.children;
      else if (a.children !== undefined) problem('`audience.children` must be true or false.');
      if (typeof a.minimumAge === 'number') out.audience.minimumAge = a.minimumAge;
    } else problem('`audience` must be a mapping such as {children: false}.');
  }
  for (const key of ['sells', 'shares'] as const) {
    if (r[key] === undefined) continue;
    if (typeof r[key] === 'boolean') out[key] = r[key] as boolean;
    else problem(`\`${key}\` must be true or false.`);
  }
  if (r.rules !== undefined) {
    if (r.rules && typeof r.rules === 'object' && !Array.isArray(r.rules)) {
      out.rules = {};
      for (const [id, sev] of Object.entries(r.rules as Record<string, unknown>)) {
        if (typeof sev === 'string' || sev === false) out.rules[id] = sev === false ? 'off' : sev;
        else problem(`\`rules.${id}\` must be a severity (error, warning, info, hint) or off.`);
      }
    } else problem('`rules` must map rule ids to a severity or off.');
  }
  return out;
}

function readParty(v: unknown): PartyInfo | null {
  if (typeof v === 'string') return { name: v };
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  const p: PartyInfo = {};
  for (const k of ['name', 'address', 'email', 'phone'] as const) {
    if (typeof o[k] === 'string') p[k] = o[k] as string;
    else if (typeof o[k] === 'number') p[k] = String(o[k]);
  }
  return p;
}
