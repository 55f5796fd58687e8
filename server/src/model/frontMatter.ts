import { parseDocument, isMap, isPair, isScalar, type Document, type Node as YamlNode } from 'yaml';
import type { FrontMatter, FrontMatterProblem, PartyInfo, PolicyDeclarations, Span } from './types';

const OPEN = /^(\uFEFF)?---[ \t]*(\r\n|\r|\n)/;
const CLOSE = /(\r\n|\r|\n)(---|\.\.\.)[ \t]*(?=\r\n|\r|\n|$)/g;
/** Front matter is for a few declarations; anything larger is refused before parsing. */
const MAX_FRONT_MATTER = 64 * 1024;
/** Aliases may be used, but not to expand a few lines into millions of nodes. */
const MAX_ALIASES = 50;
const MAX_MESSAGE = 160;
/** A YAML line: `key:`, an indented continuation, a list entry or a comment. */
const YAML_LINE = /^(?:[ \t]+\S|[-?][ \t]|#|["']?[\w$.-][^:\r\n]*["']?:(?:[ \t]|$))/;

export const JURISDICTIONS = ['gdpr', 'ccpa', 'caloppa', 'coppa'];
const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];
const KNOWN_KEYS = ['jurisdictions', 'controller', 'dpo', 'euRepresentative', 'effectiveDate', 'lastUpdated', 'audience', 'sells', 'shares', 'rules'];
const PARTY_KEYS = ['name', 'address', 'email', 'phone'] as const;

/**
 * Reads the YAML front matter and its `clausewise:` block. Never throws: a
 * broken block yields problems (each with a span on the front matter) and no
 * declarations, so the rest of the document is still checked. A YAML error
 * gives exactly one problem, at the first error.
 */
export function parseFrontMatter(text: string): FrontMatter | null {
  const open = OPEN.exec(text);
  if (!open) return null;
  const bodyStart = open[0].length;
  const fenceStart = open[1] ? 1 : 0;
  CLOSE.lastIndex = bodyStart - open[2].length;
  const close = CLOSE.exec(text);
  if (!close) return unterminated(text, fenceStart, bodyStart);
  const bodyEnd = close.index + close[1].length;
  const span: Span = { start: fenceStart, end: close.index + close[0].length };
  const body = text.slice(bodyStart, bodyEnd);
  // "---" opening a document whose next lines are prose is a horizontal rule, not front matter.
  if (!looksLikeYaml(body)) return null;
  const problems: FrontMatterProblem[] = [];
  const result: FrontMatter = { span, hasClausewise: false, declarations: {}, problems };
  const problem = (message: string, at: Span = span) => problems.push({ message: clip(message), span: at });
  if (body.length > MAX_FRONT_MATTER) {
    problem(`The front matter is larger than ${MAX_FRONT_MATTER / 1024} KB and was not read.`, fenceLine(text, fenceStart, bodyStart));
    return result;
  }

  let doc: Document.Parsed;
  try {
    // The yaml package breaks lines at \n only; a lone \r (old Mac line ends)
    // becomes \n, which keeps every offset the same.
    doc = parseDocument(body.replace(/\r(?!\n)/g, '\n'), { prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    problem(`The front matter could not be read: ${firstLine(String((e as Error)?.message ?? e))}`);
    return result;
  }
  const toSpan = (range?: readonly number[] | null): Span =>
    range ? clampSpan({ start: bodyStart + range[0], end: Math.max(bodyStart + range[0] + 1, bodyStart + range[1]) }, span) : span;
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    problem(`The front matter is not valid YAML: ${firstLine(e.message)}`, errorLine(text, bodyStart, bodyEnd, e.pos?.[0] ?? 0));
    return result;
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    // yaml refuses alias bombs only while resolving aliases.
    const message = String((e as Error)?.message ?? e);
    problem(/alias/i.test(message) ? `The front matter repeats YAML aliases more than ${MAX_ALIASES} times and was not read.` : `The front matter could not be read: ${firstLine(message)}`);
    return result;
  }
  if (!isMap(doc.contents) || data === null || typeof data !== 'object' || Array.isArray(data)) return result;
  const root = data as Record<string, unknown>;
  if (!Object.prototype.hasOwnProperty.call(root, 'clausewise')) return result;
  result.hasClausewise = true;
  const entrySpan = (...path: string[]): Span => toSpan(entryRange(doc, ['clausewise', ...path]));
  result.declarations = readDeclarations(root.clausewise, (message, path) => problem(message, entrySpan(...path)));
  return result;
}

/** An opening `---` without a closing one: the YAML-looking lines after it are reported, then skipped. */
function unterminated(text: string, fenceStart: number, bodyStart: number): FrontMatter | null {
  let end = bodyStart;
  let yamlLines = 0;
  let i = bodyStart;
  while (i < text.length) {
    let eol = i;
    while (eol < text.length && text[eol] !== '\n' && text[eol] !== '\r') eol++;
    const line = text.slice(i, Math.min(eol, i + 200));
    if (line.trim() === '' || !YAML_LINE.test(line)) break;
    yamlLines++;
    end = eol;
    i = eol + (text.startsWith('\r\n', eol) ? 2 : 1);
  }
  if (yamlLines === 0) return null;
  const span = { start: fenceStart, end };
  return {
    span,
    hasClausewise: false,
    declarations: {},
    problems: [{ message: 'The front matter has no closing `---` line, so it was not read. Add `---` on the line after the last setting.', span: fenceLine(text, fenceStart, bodyStart) }],
  };
}

/** The line of the front matter where YAML reported an error (the last line when it is at the end). */
function errorLine(text: string, bodyStart: number, bodyEnd: number, at: number): Span {
  let pos = Math.max(bodyStart, Math.min(bodyStart + at, bodyEnd - 1));
  while (pos > bodyStart && (text[pos] === '\n' || text[pos] === '\r')) pos--;
  let start = pos;
  while (start > bodyStart && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = pos;
  while (end < bodyEnd && text[end] !== '\n' && text[end] !== '\r') end++;
  return { start, end: Math.max(end, start) };
}

function looksLikeYaml(body: string): boolean {
  const lines = body.split(/\r\n|\r|\n/, 50);
  const first = lines.find(l => l.trim() !== '' && !l.trimStart().startsWith('#'));
  return first === undefined || YAML_LINE.test(first.slice(0, 200));
}

function fenceLine(text: string, fenceStart: number, bodyStart: number): Span {
  let end = bodyStart;
  while (end > fenceStart && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return { start: fenceStart, end };
}

/** Source range of the entry at `path` (its key and value), or of the deepest entry found on the way. */
function entryRange(doc: Document.Parsed, path: string[]): [number, number] | null {
  let node: unknown = doc.contents;
  let found: [number, number] | null = null;
  for (const key of path) {
    if (!isMap(node)) break;
    const pair = node.items.find(p => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
    if (!pair) break;
    const k = pair.key as YamlNode | null;
    const v = pair.value as YamlNode | null;
    const start = k?.range?.[0];
    const end = v?.range?.[1] ?? k?.range?.[1];
    if (start !== undefined && end !== undefined) found = [start, end];
    node = pair.value;
  }
  return found;
}

function firstLine(s: string): string {
  return s.split(/\r\n|\r|\n/, 1)[0].trim();
}

function clip(s: string): string {
  return s.length > MAX_MESSAGE ? `${s.slice(0, MAX_MESSAGE - 1)}…` : s;
}

function clampSpan(s: Span, within: Span): Span {
  const start = Math.max(within.start, Math.min(s.start, within.end));
  return { start, end: Math.max(start, Math.min(s.end, within.end)) };
}

type Report = (message: string, path: string[]) => void;

function readDeclarations(raw: unknown, problem: Report): PolicyDeclarations {
  const out: PolicyDeclarations = {};
  if (raw === null || raw === undefined) return out;
  if (typeof raw !== 'object' || Array.isArray(raw) || raw instanceof Date) {
    problem('`clausewise:` must be a mapping of declarations (jurisdictions, controller, …).', []);
    return out;
  }
  const r = raw as Record<string, unknown>;
  for (const key of Object.keys(r)) {
    if (KNOWN_KEYS.includes(key)) continue;
    const near = KNOWN_KEYS.find(k => k.toLowerCase() === key.toLowerCase() || k.toLowerCase().startsWith(key.toLowerCase().replace(/s$/, '')));
    problem(`Unknown key \`${clip(key)}\` in \`clausewise:\`${near ? `; did you mean \`${near}\`?` : `; expected one of ${KNOWN_KEYS.join(', ')}.`}`, [key]);
  }
  if (r.jurisdictions !== undefined) {
    const list = Array.isArray(r.jurisdictions) ? r.jurisdictions : typeof r.jurisdictions === 'string' ? r.jurisdictions.split(/[,\s]+/) : null;
    if (!list || list.some(j => typeof j !== 'string')) problem('`jurisdictions` must be a list such as [gdpr, ccpa].', ['jurisdictions']);
    else {
      const norm = list.map(j => (j as string).trim().toLowerCase()).filter(Boolean);
      const unknown = norm.filter(j => !JURISDICTIONS.includes(j));
      if (unknown.length) problem(`Unknown jurisdiction ${unknown.map(u => `"${u}"`).join(', ')}; expected ${JURISDICTIONS.join(', ')}.`, ['jurisdictions']);
      out.jurisdictions = [...new Set(norm.filter(j => JURISDICTIONS.includes(j)))];
    }
  }
  for (const key of ['controller', 'dpo', 'euRepresentative'] as const) {
    if (r[key] === undefined || r[key] === null) continue;
    const party = readParty(r[key], field => problem(`\`${key}.${field}\` must be text.`, [key, field]));
    if (party) out[key] = party;
    else problem(`\`${key}\` must be a name or a mapping with name, address, email, phone.`, [key]);
  }
  for (const key of ['effectiveDate', 'lastUpdated'] as const) {
    const v = r[key];
    if (v === undefined || v === null) continue;
    const iso = isoDate(v);
    if (iso) out[key] = iso;
    else problem(`\`${key}\` must be a date written as YYYY-MM-DD.`, [key]);
  }
  if (r.audience !== undefined && r.audience !== null) {
    const a = r.audience as Record<string, unknown>;
    if (typeof a === 'object' && !Array.isArray(a) && !(a instanceof Date)) {
      out.audience = {};
      if (typeof a.children === 'boolean') out.audience.children = a.children;
      else if (a.children !== undefined) problem('`audience.children` must be true or false.', ['audience', 'children']);
      if (typeof a.minimumAge === 'number' && Number.isInteger(a.minimumAge) && a.minimumAge >= 0 && a.minimumAge < 100) out.audience.minimumAge = a.minimumAge;
      else if (a.minimumAge !== undefined) problem('`audience.minimumAge` must be an age in years, such as 16.', ['audience', 'minimumAge']);
    } else problem('`audience` must be a mapping such as {children: false}.', ['audience']);
  }
  for (const key of ['sells', 'shares'] as const) {
    if (r[key] === undefined || r[key] === null) continue;
    if (typeof r[key] === 'boolean') out[key] = r[key] as boolean;
    else problem(`\`${key}\` must be true or false.`, [key]);
  }
  if (r.rules !== undefined && r.rules !== null) {
    if (typeof r.rules === 'object' && !Array.isArray(r.rules) && !(r.rules instanceof Date)) {
      out.rules = {};
      for (const [id, sev] of Object.entries(r.rules as Record<string, unknown>)) {
        const severity = sev === false ? 'off' : typeof sev === 'string' ? sev.trim().toLowerCase() : null;
        if (severity && SEVERITIES.includes(severity)) out.rules[id] = severity;
        else problem(`\`rules.${clip(id)}\` must be one of ${SEVERITIES.join(', ')}.`, ['rules', id]);
      }
    } else problem('`rules` must map rule ids to a severity or off.', ['rules']);
  }
  return out;
}

function isoDate(v: unknown): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.trim());
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  // Date.UTC rolls 2024-02-30 over to March: such a date does not exist.
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? m[0] : null;
}

function readParty(v: unknown, badField: (field: string) => void): PartyInfo | null {
  if (typeof v === 'string') return { name: v };
  if (!v || typeof v !== 'object' || Array.isArray(v) || v instanceof Date) return null;
  const o = v as Record<string, unknown>;
  const p: PartyInfo = {};
  for (const k of PARTY_KEYS) {
    const value = o[k];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string') p[k] = value;
    else if (typeof value === 'number') p[k] = String(value);
    else badField(k);
  }
  return p;
}
