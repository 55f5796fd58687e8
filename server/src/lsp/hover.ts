import { MarkupKind, type Hover, type Position, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleMeta, type Finding } from '../analysis';
import { loadKnowledge } from '../knowledge/loader';
import { glossaryFile, type GlossaryLaw, type GlossaryTerm } from '../knowledge/files/glossary';
import type { Feature } from './features';
import type { KeptAnalysis } from './policyState';

const LAW_NAMES: Record<GlossaryLaw, string> = {
  gdpr: 'GDPR',
  ccpa: 'CCPA/CPRA',
  caloppa: 'CalOPPA',
  coppa: 'COPPA',
  eprivacy: 'ePrivacy Directive',
  practice: 'In practice',
};

export interface TermMatch {
  term: GlossaryTerm;
  /** UTF-16 offsets within the scanned line. */
  start: number;
  end: number;
}

/** The plural of an English word, for the last word of a glossary term. */
function plural(word: string): string {
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(?:s|x|z|ch|sh)$/i.test(word)) return `${word}es`;
  return `${word}s`;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const normalise = (s: string) => s.toLowerCase().replace(/[\s\u00a0‐‑–-]+/g, ' ').replace(/[’]/g, "'");
/** An acronym ("DPO", "GPC") only matches in capitals, so "dpf" in a URL or "Gpc" in prose stay plain. */
const isAcronym = (form: string) => /^[A-Z]{2,}s?$/.test(form);

/**
 * Every spelling of every glossary term in one case-insensitive alternation,
 * longest first, so that at any position the longest term wins
 * ("sensitive personal information" over "personal information").
 */
export class TermIndex {
  private readonly pattern: RegExp;
  private readonly byForm = new Map<string, { term: GlossaryTerm; acronym: boolean }>();

  constructor(terms: readonly GlossaryTerm[]) {
    for (const term of terms) {
      const forms = [term.term, ...(term.variants ?? [])];
      for (const form of forms) {
        this.add(form, term);
        if (term.plural !== false && !isAcronym(form)) this.add(form.replace(/[\p{L}]+$/u, w => plural(w)), term);
      }
    }
    const sources = [...this.byForm.keys()]
      .sort((a, b) => b.length - a.length)
      .map(f => f.split(' ').map(escapeRegExp).join('[\\s\\u00a0‐‑–-]+'));
    this.pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${sources.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
  }

  private add(form: string, term: GlossaryTerm) {
    const key = normalise(form);
    if (!this.byForm.has(key)) this.byForm.set(key, { term, acronym: isAcronym(form) });
  }

  /** Glossary terms in a line of text, leftmost first. */
  scan(line: string): TermMatch[] {
    const out: TermMatch[] = [];
    this.pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = this.pattern.exec(line))) {
      const hit = this.byForm.get(normalise(m[0]));
      if (hit && (!hit.acronym || m[0] === m[0].toUpperCase())) out.push({ term: hit.term, start: m.index, end: m.index + m[0].length });
      else this.pattern.lastIndex = m.index + 1;
    }
    return out;
  }

  /** The term under a character of the line, if any. */
  at(line: string, character: number): TermMatch | undefined {
    return this.scan(line).find(t => t.start <= character && character <= t.end);
  }
}

let index: TermIndex | undefined;

/** Built once from glossary.yaml. */
export function termIndex(): TermIndex {
  if (!index) index = new TermIndex(loadKnowledge(glossaryFile).terms);
  return index;
}

export function termMarkdown(term: GlossaryTerm): string {
  const senses = term.senses.map(s => `**${LAW_NAMES[s.law]}** — ${s.explanation}  \n*${s.citation}* · [official text](${s.url})`);
  return [`**${term.term}**`, ...senses].join('\n\n');
}

function contains(range: Range, p: Position): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}

/** Requirements whose evidence lies in the section with this heading: what the section satisfies. */
function headingMarkdown(result: KeptAnalysis, position: Position): { markdown: string; range: Range } | undefined {
  const doc = result.document;
  const section = doc.sections.find(s => contains(doc.lines.range(s.titleSpan), position));
  if (!section) return undefined;
  const ids = result.requirements
    .filter(r => r.status === 'present' && r.evidence.some(e => {
      const at = doc.lines.offsetAt(e.range.start);
      return at >= section.span.start && at < section.span.end;
    }))
    .map(r => r.id);
  const range = doc.lines.range(section.titleSpan);
  if (!ids.length) return { markdown: '**This section satisfies** no requirement of the applied laws on its own.', range };
  const lines = ids.map(id => {
    const meta = ruleMeta(id);
    return `- \`${id}\`${meta ? ` — ${meta.title}${meta.citation ? ` (${meta.citation})` : ''}` : ''}`;
  });
  return { markdown: ['**This section satisfies:**', ...lines].join('\n'), range };
}

function findingMarkdown(f: Finding): string {
  const meta = ruleMeta(f.ruleId);
  const parts = [`**${f.ruleId}**${meta ? ` — ${meta.title}` : ''}`];
  if (meta?.explanation) parts.push(meta.explanation);
  const citation = f.citation ?? meta?.citation;
  const url = f.url ?? meta?.url;
  if (citation || url) parts.push([citation && `*${citation}*`, url && `[official text](${url})`].filter(Boolean).join(' · '));
  return parts.join('\n\n');
}

/**
 * The hover at a position: the glossary term under it (range = the term),
 * what a section heading satisfies, and the explanation of each finding there.
 * `result` is the analysis of this very version (null: terms only).
 */
export function hoverAt(doc: TextDocument, position: Position, result: KeptAnalysis | null): Hover | null {
  const lineText = doc.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
  const parts: string[] = [];
  let range: Range | undefined;

  const inFrontMatter = result?.document.frontMatter && contains(result.document.lines.range(result.document.frontMatter.span), position);
  const term = inFrontMatter ? undefined : termIndex().at(lineText, position.character);
  if (term) {
    parts.push(termMarkdown(term.term));
    range = { start: { line: position.line, character: term.start }, end: { line: position.line, character: term.end } };
  }
  if (result) {
    const heading = headingMarkdown(result, position);
    if (heading) {
      parts.push(heading.markdown);
      range ??= heading.range;
    }
    for (const f of result.findings.filter(x => contains(x.range, position))) {
      parts.push(findingMarkdown(f));
      range ??= f.range;
    }
  }
  if (!parts.length) return null;
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range };
}

export const hoverFeature: Feature = {
  capabilities(caps) {
    caps.hoverProvider = true;
  },
  register({ connection, documents, state, analyse }) {
    // Compiling the term index takes a few hundred milliseconds: do it before the first hover, not during it.
    setImmediate(() => {
      try {
        termIndex();
      } catch (error) {
        connection.console.error(`clausewise: the glossary cannot be loaded: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    connection.onHover(params => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      // During a burst of typing, the glossary still answers from the text;
      // headings and findings wait for the analysis of this version.
      const analysis = state.cached(doc) ?? state.latest(doc.uri) ?? analyse(doc);
      if (!analysis.isPolicy) return null;
      return hoverAt(doc, params.position, analysis.version === doc.version ? analysis.result : null);
    });
  },
};
