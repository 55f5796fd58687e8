import { ruleCatalog } from '../analysis';
import type { AnalysisResult, Coverage, Finding } from '../analysis';

export interface CheckedFile {
  path: string;
  result: AnalysisResult;
}

/** `path:line:column severity rule-id message`, 1-based, then a coverage footer. */
export function formatText(files: CheckedFile[]): string {
  const out: string[] = [];
  let total = 0;
  for (const f of files) {
    for (const x of f.result.findings) {
      total++;
      const cite = x.citation ? ` (${x.citation})` : '';
      out.push(`${f.path}:${x.range.start.line + 1}:${x.range.start.character + 1} ${x.severity} ${x.ruleId} ${x.message}${cite}`);
    }
  }
  out.push('');
  for (const f of files) {
    const cov = f.result.coverage.map(formatCoverage).join(' · ');
    out.push(`${f.path}: ${f.result.findings.length} finding(s)${cov ? `; disclosures present: ${cov}` : ''}`);
  }
  out.push(`${files.length} file(s) checked, ${total} finding(s).`);
  return out.join('\n') + '\n';
}

export function formatCoverage(c: Coverage): string {
  return `${c.jurisdiction.toUpperCase()} ${c.present}/${c.applicable}`;
}

/** The JSON contract of OUTPUT.md. */
export function formatJson(files: CheckedFile[]): string {
  return JSON.stringify(
    {
      version: 1,
      files: files.map(f => ({
        path: f.path,
        jurisdictions: f.result.jurisdictions,
        findings: f.result.findings.map(jsonFinding),
        requirements: f.result.requirements,
        coverage: f.result.coverage,
      })),
    },
    null,
    2,
  ) + '\n';
}

function jsonFinding(f: Finding) {
  return {
    ruleId: f.ruleId,
    kind: f.kind,
    severity: f.severity,
    message: f.message,
    ...(f.citation ? { citation: f.citation } : {}),
    ...(f.url ? { url: f.url } : {}),
    range: f.range,
    related: f.related,
    fixes: f.fixes.map(x => ({ title: x.title, edits: x.edits })),
  };
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

/** SARIF 2.1.0: one run, the catalog as rules, 1-based regions. */
export function formatSarif(files: CheckedFile[], version: string): string {
  const rules = ruleCatalog();
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const region = (r: Finding['range']) => ({ startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 });
  const uri = (p: string) => p.replace(/\\/g, '/');
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'clausewise',
            version,
            informationUri: 'https://github.com/clausewise/clausewise',
            rules: rules.map(r => ({
              id: r.id,
              name: r.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
              shortDescription: { text: r.title },
              fullDescription: { text: r.explanation },
              ...(r.url ? { helpUri: r.url } : {}),
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
              properties: { kind: r.kind, ...(r.citation ? { citation: r.citation } : {}) },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: files.flatMap(f =>
          f.result.findings.map(x => ({
            ruleId: x.ruleId,
            ...(index.has(x.ruleId) ? { ruleIndex: index.get(x.ruleId) } : {}),
            level: SARIF_LEVEL[x.severity],
            message: { text: x.citation ? `${x.message} (${x.citation})` : x.message },
            locations: [{ physicalLocation: { artifactLocation: { uri: uri(f.path) }, region: region(x.range) } }],
            ...(x.related.length
              ? { relatedLocations: x.related.map((r, i) => ({ id: i + 1, message: { text: r.message }, physicalLocation: { artifactLocation: { uri: uri(f.path) }, region: region(r.range) } })) }
              : {}),
            ...(x.fixes.length
              ? { fixes: x.fixes.map(fx => ({ description: { text: fx.title }, artifactChanges: [{ artifactLocation: { uri: uri(f.path) }, replacements: fx.edits.map(e => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })) }] })) }
              : {}),
          })),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
