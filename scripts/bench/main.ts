// `npm run bench`: engine, language server and CLI speed, as ratios against
// references measured in the same run (absolute times drift between machines).
//   --json[=FILE]   write the results as JSON (to FILE, or to stdout instead of the table)
//   --compare=FILE  show a previous --json run's figures beside this run's
//   --quick         fewer repetitions (a smoke run, not for reporting)
//   --only=engine,lsp,cli
import * as fs from 'fs';
import * as os from 'os';
import { benchCli, type CliRow } from './cli';
import { benchEngine, type EngineRow } from './engine';
import { benchInputs } from './inputs';
import { benchLsp, type Latency, type LspRow } from './lsp';
import { formatMs } from './stats';

export interface BenchReport {
  version: 1;
  date: string;
  node: string;
  cpus: number;
  cpuModel: string;
  engine?: EngineRow[];
  lsp?: LspRow[];
  cli?: CliRow;
  targets: { name: string; value: number | null; limit: string; met: boolean | null }[];
}

function option(name: string): string | true | undefined {
  for (const a of process.argv.slice(2)) {
    if (a === `--${name}`) return true;
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

function targets(r: BenchReport): BenchReport['targets'] {
  const out: BenchReport['targets'] = [];
  const add = (name: string, value: number | null | undefined, limit: string, met: (v: number) => boolean) =>
    out.push({ name, value: value ?? null, limit, met: value === null || value === undefined || Number.isNaN(value) ? null : met(value) });
  for (const e of r.engine ?? []) {
    add(`analyze ÷ markdown-it (${e.input})`, e.vsMarkdownIt, '≤ 2', v => v <= 2);
    add(`markdownlint ÷ analyze (${e.input})`, e.speedupVsMarkdownlint, '≥ 10', v => v >= 10);
  }
  const lsp = (name: string) => r.lsp?.find(l => l.input === name);
  add('didChange→diagnostics p95, push, medium (ms)', lsp('medium')?.push.p95, '≤ 50', v => v <= 50);
  add('didChange→diagnostics p95, pull, medium (ms)', lsp('medium')?.pull.p95, '≤ 50', v => v <= 50);
  add('didChange→diagnostics p95, push, large (ms)', lsp('large')?.push.p95, '≤ 1000', v => v <= 1000);
  add('didChange→diagnostics p95, pull, large (ms)', lsp('large')?.pull.p95, '≤ 1000', v => v <= 1000);
  add('hover p95, medium (ms)', lsp('medium')?.hover?.p95, '≤ 10', v => v <= 10);
  add('completion p95, medium (ms)', lsp('medium')?.completion?.p95, '≤ 10', v => v <= 10);
  add('server RSS after the large document (MB)', lsp('large')?.rssMb, '≤ 100', v => v <= 100);
  add('hover max during a burst of edits, large (ms)', lsp('large')?.burstHover?.max, '≤ 100', v => v <= 100);
  add('stale versions published during that burst', lsp('large') ? Math.max(0, (lsp('large')!.burstPublished.length) - 1) : null, '0', v => v === 0);
  return out;
}

const kb = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`);
const ratio = (x: number) => `${x >= 10 ? x.toFixed(0) : x.toFixed(2)}×`;
const lat = (l: Latency | null | undefined, withMax = true) => (l ? `${formatMs(l.p50)} / ${formatMs(l.p95)}${withMax ? ` / ${formatMs(l.max)}` : ''}` : 'n/a');

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map(r => (r[c] ?? '').length)));
  return rows.map(r => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

export function render(r: BenchReport, previous?: BenchReport): string {
  const out: string[] = [`Clausewise benchmark · ${r.date} · node ${r.node} · ${r.cpus} × ${r.cpuModel}`, ''];
  const prevEngine = (name: string) => previous?.engine?.find(e => e.input === name);
  if (r.engine) {
    const head = ['engine (median ms)', 'size', 'runs', 'analyze', 'markdown-it', 'markdownlint', 'analyze÷md-it', 'mdlint÷analyze', 'after 1-char edit', 'edit÷md-it', 'findings'];
    if (previous?.engine) head.push('prev analyze÷md-it');
    const rows = [head];
    for (const e of r.engine) {
      const row = [e.input, kb(e.bytes), String(e.runs), formatMs(e.analyzeMs), formatMs(e.markdownItMs), formatMs(e.markdownlintMs), ratio(e.vsMarkdownIt), ratio(e.speedupVsMarkdownlint), formatMs(e.reanalyzeMs), e.reanalyzeVsMarkdownIt === undefined ? 'n/a' : ratio(e.reanalyzeVsMarkdownIt), String(e.findings)];
      if (previous?.engine) row.push(prevEngine(e.input) ? ratio(prevEngine(e.input)!.vsMarkdownIt) : 'n/a');
      rows.push(row);
    }
    out.push(table(rows), '');
  }
  if (r.lsp) {
    const rows = [['LSP over stdio (ms)', 'size', 'edits', 'push p50/p95/max', 'pull p50/p95/max', 'first edits', 'push p50/max', 'pull p50/max', 'hover p50/p95', 'completion p50/p95', 'RSS MB']];
    for (const l of r.lsp) {
      const first = l.pushFirst ? [String(l.pushFirst.samples), `${formatMs(l.pushFirst.p50)} / ${formatMs(l.pushFirst.max)}`, `${formatMs(l.pullFirst.p50)} / ${formatMs(l.pullFirst.max)}`] : ['0', 'n/a', 'n/a'];
      rows.push([l.input, kb(l.bytes), String(l.push.samples), lat(l.push), lat(l.pull), ...first, lat(l.hover, false), lat(l.completion, false), l.rssMb ? l.rssMb.toFixed(0) : 'n/a']);
    }
    out.push(table(rows), '');
  }
  if (r.cli) {
    const c = r.cli;
    const prev = previous?.cli ? ` (previous run: ${previous.cli.policiesPerSecond.toFixed(1)}/s)` : '';
    out.push(`CLI: ${c.policies} policies (${kb(c.bytes)}) checked in ${formatMs(c.wallMs)} ms (median of ${c.runs}) → ${c.policiesPerSecond.toFixed(1)} policies/s${prev}`, '');
  }
  const rows = [['target', 'value', 'limit', 'met']];
  for (const t of r.targets) rows.push([t.name, t.value === null ? 'n/a' : t.value >= 10 ? t.value.toFixed(1) : t.value.toFixed(2), t.limit, t.met === null ? 'n/a' : t.met ? 'yes' : 'NO']);
  out.push(table(rows));
  return out.join('\n') + '\n';
}

async function main() {
  const quick = option('quick') === true;
  const only = option('only');
  const parts = new Set(typeof only === 'string' ? only.split(',') : ['engine', 'lsp', 'cli']);
  const json = option('json');
  const compare = option('compare');
  const previous = typeof compare === 'string' ? (JSON.parse(fs.readFileSync(compare, 'utf8')) as BenchReport) : undefined;
  const log = (s: string) => process.stderr.write(s + '\n');

  const inputs = benchInputs();
  const report: BenchReport = { version: 1, date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', targets: [] };
  if (parts.has('engine')) {
    log('engine: analyze vs markdown-it vs markdownlint …');
    report.engine = await benchEngine(inputs, quick);
  }
  if (parts.has('lsp')) {
    log('lsp: edits, hovers and completions against dist/server.js …');
    report.lsp = await benchLsp(inputs, quick);
  }
  if (parts.has('cli')) {
    log('cli: 200 policies …');
    report.cli = benchCli(quick);
  }
  report.targets = targets(report);

  if (json === true) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else {
    if (typeof json === 'string') fs.writeFileSync(json, JSON.stringify(report, null, 2) + '\n');
    process.stdout.write(render(report, previous));
  }
}

main().catch(e => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
