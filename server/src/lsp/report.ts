import * as path from 'path';
import type { Range } from 'vscode-languageserver';
import { ruleCatalog, type Coverage, type Jurisdiction } from '../analysis';
import type { Feature, ServerContext } from './features';
import { uriToPath } from './uri';
import type { KeptAnalysis } from './policyState';

/** Custom requests the VS Code client calls for the status bar and the coverage report. */
export const COVERAGE_REQUEST = 'clausewise/coverage';
export const REPORT_REQUEST = 'clausewise/report';

const LAW_LABEL: Record<Jurisdiction, string> = { gdpr: 'GDPR', ccpa: 'CCPA', caloppa: 'CalOPPA', coppa: 'COPPA' };

const SOURCE_LABEL: Record<KeptAnalysis['jurisdictionSource'], string> = {
  option: 'chosen on the command line',
  'front-matter': 'declared in the front matter',
  config: 'from the settings or .clausewise.yaml',
  detected: 'assumed from the text',
  default: 'assumed (nothing in the text or settings names a law)',
};

export interface CoverageSummary {
  uri: string;
  isPolicy: boolean;
  jurisdictions: Jurisdiction[];
  coverage: Coverage[];
  /** "GDPR 17/20 · CCPA 12/18" — the status bar's text. */
  text: string;
}

/** "not-checked": the rule is switched off, or failed on this document. */
export type ReportStatus = 'present' | 'missing' | 'not-applicable' | 'not-checked';

export interface ReportRequirement {
  id: string;
  jurisdiction: Jurisdiction;
  title: string;
  citation?: string;
  url?: string;
  status: ReportStatus;
  /** Where the policy makes the disclosure, with the words quoted (for the memo). */
  evidence: { range: Range; text: string }[];
}

export interface CoverageReport extends CoverageSummary {
  /** The policy's own title. */
  title: string;
  fileName: string;
  jurisdictionSource: string;
  requirements: ReportRequirement[];
  /** The whole report as Markdown, for a client memo. */
  markdown: string;
}

export function coverageText(coverage: readonly Coverage[]): string {
  return coverage.map(c => `${LAW_LABEL[c.jurisdiction]} ${c.present}/${c.applicable}`).join(' · ');
}

export function coverageSummary(uri: string, result: KeptAnalysis | null): CoverageSummary {
  if (!result) return { uri, isPolicy: false, jurisdictions: [], coverage: [], text: '' };
  return { uri, isPolicy: true, jurisdictions: result.jurisdictions, coverage: result.coverage, text: coverageText(result.coverage) };
}

/**
 * Every requirement of the applied laws, in catalog order, with its status
 * and the clauses that satisfy it.
 */
export function buildReport(uri: string, result: KeptAnalysis): CoverageReport {
  const doc = result.document;
  const outcomes = new Map(result.requirements.map(r => [r.id, r]));
  const requirements: ReportRequirement[] = [];
  for (const jurisdiction of result.jurisdictions) {
    for (const rule of ruleCatalog()) {
      if (rule.kind !== 'requirement' || rule.jurisdiction !== jurisdiction) continue;
      const outcome = outcomes.get(rule.id);
      requirements.push({
        id: rule.id,
        jurisdiction,
        title: rule.title,
        citation: rule.citation,
        url: rule.url,
        status: outcome?.status ?? 'not-checked',
        evidence: (outcome?.evidence ?? []).map(e => ({ range: e.range, text: quote(doc.text.slice(doc.lines.offsetAt(e.range.start), doc.lines.offsetAt(e.range.end))) })),
      });
    }
  }
  const file = uriToPath(uri) ?? decodeURIComponent(uri);
  const report: CoverageReport = {
    ...coverageSummary(uri, result),
    title: quote(doc.text.slice(doc.title.start, doc.title.end).replace(/^#+\s*/, '')) || path.basename(file),
    fileName: path.basename(file),
    jurisdictionSource: SOURCE_LABEL[result.jurisdictionSource],
    requirements,
    markdown: '',
  };
  report.markdown = reportMarkdown(report);
  return report;
}

const STATUS_LABEL: Record<ReportStatus, string> = { present: 'present', missing: '**missing**', 'not-applicable': 'n.a.', 'not-checked': 'not checked' };

/**
 * The memo form. Its heading deliberately avoids the words that make
 * Clausewise treat a Markdown file as a policy, so the memo is not itself linted.
 */
export function reportMarkdown(report: CoverageReport): string {
  const cell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const out: string[] = [
    '# Coverage report',
    '',
    `Document: ${cell(report.title)} (\`${report.fileName}\`)`,
    '',
    `Laws checked: ${report.jurisdictions.map(j => LAW_LABEL[j]).join(', ') || 'none'} (${report.jurisdictionSource})`,
    '',
    `Coverage: ${report.text || 'no applicable requirements'}`,
    '',
  ];
  for (const j of report.jurisdictions) {
    const own = report.requirements.filter(r => r.jurisdiction === j);
    const c = report.coverage.find(x => x.jurisdiction === j);
    out.push(`## ${LAW_LABEL[j]}${c ? ` — ${c.present} of ${c.applicable} applicable requirements present` : ''}`, '');
    if (!own.length) {
      out.push('No requirements of this law are in the catalog.', '');
      continue;
    }
    out.push('| Requirement | Status | Provision | Evidence |', '|---|---|---|---|');
    for (const r of own) {
      const provision = r.citation ? (r.url ? `[${cell(r.citation)}](${r.url})` : cell(r.citation)) : '';
      const evidence = r.evidence.map(e => `line ${e.range.start.line + 1}: “${cell(e.text)}”`).join('<br>');
      out.push(`| ${cell(r.title)} (\`${r.id}\`) | ${STATUS_LABEL[r.status]} | ${provision} | ${evidence} |`);
    }
    out.push('');
  }
  out.push('Generated by Clausewise. Statuses are a drafting aid for counsel, not legal advice.', '');
  return out.join('\n');
}

function quote(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function analysed(context: ServerContext, params: unknown): { uri: string; result: KeptAnalysis | null } | null {
  const uri = (params as { uri?: unknown } | null)?.uri;
  if (typeof uri !== 'string') return null;
  const doc = context.documents.get(uri);
  return doc ? { uri, result: context.analyse(doc).result } : null;
}

export const coverageReportFeature: Feature = {
  register(context) {
    context.connection.onRequest(COVERAGE_REQUEST, (params: unknown): CoverageSummary | null => {
      const hit = analysed(context, params);
      return hit && coverageSummary(hit.uri, hit.result);
    });
    context.connection.onRequest(REPORT_REQUEST, (params: unknown): CoverageReport | null => {
      const hit = analysed(context, params);
      return hit?.result ? buildReport(hit.uri, hit.result) : null;
    });
  },
};
