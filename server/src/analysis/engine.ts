import { buildDocument } from '../model/document';
import type { LineIndex } from '../model/positions';
import type { Span } from '../model/types';
import type { Check, CheckContext, RequirementOutcome, RuleMeta } from './check';
import { CHECKS } from './checks';
import { decideJurisdictions, type JurisdictionDecision } from './jurisdictions';
import { attachClauseFixes } from './fixes/clauseFixes';
import { readSuppressions } from './suppressions';
import type { SpanFix, AnalysisResult, AnalyzeOptions, Coverage, Finding, Jurisdiction, RawFinding, RequirementStatus, Severity } from './types';

const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'hint'];

/** Rules the engine itself reports, beside those of the checks. */
export const ENGINE_RULES: RuleMeta[] = [
  {
    id: 'general/jurisdictions-assumed',
    kind: 'requirement',
    title: 'Which laws the policy was checked against',
    explanation: 'Neither the front matter nor the settings say which laws apply, so Clausewise inferred them from the text. Declare them in the front matter (`clausewise: {jurisdictions: [gdpr, ccpa]}`) to make the check deliberate.',
    severity: 'info',
  },
  {
    id: 'hygiene/front-matter',
    kind: 'hygiene',
    title: 'Front matter that cannot be read',
    explanation: 'The YAML front matter at the top of the file is broken or has values of the wrong type; the policy is still checked, but its declarations are ignored.',
    severity: 'error',
  },
  {
    id: 'internal/rule-failed',
    kind: 'hygiene',
    title: 'A rule failed on this document',
    explanation: 'A Clausewise rule stopped with an internal error on this document and was skipped; the other rules still ran. Please report it with the document if you can.',
    severity: 'warning',
  },
];

let catalogCache: RuleMeta[] | undefined;

/** Every rule the engine can report, with its metadata. */
export function ruleCatalog(): RuleMeta[] {
  if (!catalogCache) catalogCache = [...ENGINE_RULES, ...CHECKS.flatMap(c => c.rules())];
  return catalogCache;
}

export function ruleMeta(id: string): RuleMeta | undefined {
  return ruleCatalog().find(r => r.id === id);
}

export interface EngineHooks {
  /** Told of a rule that threw; the engine has already skipped it. */
  onRuleError?(ruleId: string, error: unknown): void;
  /** Checked between rules: analysis stops early (with partial results) when it returns true. */
  isCancelled?(): boolean;
}

/**
 * Analyses a policy text: builds the model, decides the jurisdictions, runs
 * every check, then applies severities and inline suppressions.
 */
export function analyze(text: string, options: AnalyzeOptions = {}, hooks: EngineHooks = {}): AnalysisResult {
  const doc = buildDocument(text);
  const decision = decideJurisdictions(doc, options);
  const raw: RawFinding[] = [];
  const ctx: CheckContext = {
    doc,
    jurisdictions: decision.jurisdictions,
    asOf: normaliseAsOf(options.asOf),
    report: f => raw.push(f),
    requirements: new Map<string, RequirementOutcome>(),
  };

  reportEngineFindings(ctx, decision);
  for (const check of CHECKS) {
    if (hooks.isCancelled?.()) break;
    runCheck(check, ctx, hooks);
  }
  attachClauseFixes(ctx, raw);

  const overrides = { ...(options.rules ?? {}), ...(doc.frontMatter?.declarations.rules ?? {}) };
  const suppressions = readSuppressions(text, doc.lines);
  const kept: RawFinding[] = [];
  for (const f of raw) {
    const override = overrides[f.ruleId] ?? overrides[f.ruleId.split('/')[0] + '/*'];
    if (override === 'off') continue;
    if (override && SEVERITIES.includes(override)) f.severity = override as Severity;
    if (suppressions.isSuppressed(f.ruleId, doc.lines.positionAt(f.span.start).line)) continue;
    kept.push(f);
  }
  kept.sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));

  const requirements: RequirementStatus[] = [...ctx.requirements.values()].map(r => ({
    id: r.id,
    status: r.status,
    evidence: r.evidence.map(span => ({ range: doc.lines.range(span) })),
  }));
  return {
    jurisdictions: decision.jurisdictions,
    jurisdictionSource: decision.source,
    findings: kept.map(f => toFinding(f, doc.lines)),
    requirements,
    coverage: coverage(decision.jurisdictions, requirements),
    document: doc,
    rawFindings: kept,
  };
}

function runCheck(check: Check, ctx: CheckContext, hooks: EngineHooks) {
  let rules: RuleMeta[];
  try {
    rules = check.rules();
    check.prepare?.(ctx);
  } catch (error) {
    hooks.onRuleError?.(check.name, error);
    reportFailure(ctx, check.name, error);
    return;
  }
  for (const rule of rules) {
    if (rule.jurisdiction && !ctx.jurisdictions.includes(rule.jurisdiction)) continue;
    if (hooks.isCancelled?.()) return;
    try {
      check.run(ctx, rule.id);
    } catch (error) {
      hooks.onRuleError?.(rule.id, error);
      reportFailure(ctx, rule.id, error);
    }
  }
}

function reportFailure(ctx: CheckContext, ruleId: string, error: unknown) {
  const reason = error instanceof Error ? error.message : String(error);
  ctx.report({
    ruleId: 'internal/rule-failed',
    kind: 'hygiene',
    severity: 'warning',
    message: `The rule ${ruleId} failed on this document and was skipped (${reason.split('\n')[0]}).`,
    span: ctx.doc.title,
  });
}

function reportEngineFindings(ctx: CheckContext, decision: JurisdictionDecision) {
  for (const p of ctx.doc.frontMatter?.problems ?? []) {
    ctx.report({ ruleId: 'hygiene/front-matter', kind: 'hygiene', severity: 'error', message: p.message, span: p.span });
  }
  if (decision.source === 'detected' || decision.source === 'default') {
    const names = decision.jurisdictions.map(j => j.toUpperCase()).join(', ');
    const why =
      decision.source === 'detected'
        ? `the text mentions ${decision.reasons.map(r => `“${r.evidence}”`).join(', ')}`
        : 'nothing in the text or the settings names a law, so the default set applies';
    ctx.report({
      ruleId: 'general/jurisdictions-assumed',
      kind: 'requirement',
      severity: 'info',
      message: `Checked against ${names || 'no law'} because ${why}. Declare the jurisdictions in the front matter to make this explicit.`,
      span: ctx.doc.title,
      fixes: declareJurisdictionsFix(ctx, decision.jurisdictions),
    });
  }
}

function declareJurisdictionsFix(ctx: CheckContext, jurisdictions: Jurisdiction[]): SpanFix[] {
  const list = `[${jurisdictions.join(', ')}]`;
  const fm = ctx.doc.frontMatter;
  const text = ctx.doc.text;
  // The document's own line break (a lone \r too): a foreign one would mix line endings.
  const eol = /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
  if (fm) {
    // A block we could not read, or one with its own `clausewise:` mapping, is
    // the lawyer's to edit: a blind insertion could break or duplicate keys.
    if (fm.hasClausewise || fm.problems.length > 0) return [];
    // Insert at the start of the closing fence line (`---` or `...`).
    const at = ctx.doc.lines.lineStart(ctx.doc.lines.positionAt(fm.span.end).line);
    return [{ title: `Declare jurisdictions ${list} in the front matter`, safe: false, edits: [{ span: { start: at, end: at }, newText: `clausewise:${eol}  jurisdictions: ${list}${eol}` }] }];
  }
  const at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return [{ title: `Declare jurisdictions ${list} in a front matter block`, safe: false, edits: [{ span: { start: at, end: at }, newText: `---${eol}clausewise:${eol}  jurisdictions: ${list}${eol}---${eol}${eol}` }] }];
}

function coverage(jurisdictions: Jurisdiction[], requirements: RequirementStatus[]): Coverage[] {
  return jurisdictions.map(j => {
    const own = requirements.filter(r => r.id.startsWith(`${j}/`));
    return { jurisdiction: j, present: own.filter(r => r.status === 'present').length, applicable: own.filter(r => r.status !== 'not-applicable').length };
  });
}

function normaliseAsOf(asOf: string | undefined): string {
  if (asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) && !Number.isNaN(Date.parse(asOf))) return asOf;
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function toFinding(f: RawFinding, lines: LineIndex): Finding {
  const range = (s: Span) => lines.range(s);
  const out: Finding = {
    ruleId: f.ruleId,
    kind: f.kind,
    severity: f.severity,
    message: f.message,
    range: range(f.span),
    related: (f.related ?? []).map(r => ({ range: range(r.span), message: r.message })),
    fixes: (f.fixes ?? []).map(x => ({ title: x.title, safe: x.safe, edits: x.edits.map(e => ({ range: range(e.span), newText: e.newText })) })),
  };
  if (f.citation) out.citation = f.citation;
  if (f.url) out.url = f.url;
  return out;
}
