// Engine throughput against two references run in the same process on the
// same text: a bare markdown-it parse (the floor any Markdown-aware checker
// pays) and markdownlint with all default rules (a linter users already run).
import MarkdownIt from 'markdown-it';
import * as v8 from 'v8';
import * as vm from 'vm';
import { analyze } from '../../server/src/analysis';
import { clearStatementMemo } from '../../server/src/model/statements';
import type { BenchInput } from './inputs';
import { median, timeMs } from './stats';

export interface EngineRow {
  input: string;
  bytes: number;
  runs: number;
  analyzeMs: number;
  markdownItMs: number;
  markdownlintMs: number;
  findings: number;
  /** analyze ÷ markdown-it (target ≤ 2). */
  vsMarkdownIt: number;
  /** markdownlint ÷ analyze (target ≥ 10). */
  speedupVsMarkdownlint: number;
}

type LintSync = (options: { strings: Record<string, string>; config?: Record<string, unknown> }) => Record<string, unknown[]>;

async function loadMarkdownlint(): Promise<LintSync> {
  // markdownlint ships as ESM only; this file compiles to CommonJS.
  const mod = (await import('markdownlint/sync')) as unknown as { lint: LintSync };
  return mod.lint;
}

let gc: (() => void) | undefined;

/** A full collection, so one subject's garbage is not collected on another's clock. */
function collectGarbage() {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
}

/** Runs `fn` `warmups` times unmeasured, then `runs` times, each after `reset` and a full GC; the median time. */
function measure(fn: () => void, warmups: number, runs: number, reset: () => void = () => undefined): number {
  for (let i = 0; i < warmups; i++) fn();
  collectGarbage();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    reset();
    collectGarbage();
    samples.push(timeMs(fn));
  }
  return median(samples);
}

export async function benchEngine(inputs: BenchInput[], quick: boolean): Promise<EngineRow[]> {
  const lint = await loadMarkdownlint();
  const md = new MarkdownIt();
  const rows: EngineRow[] = [];
  for (const input of inputs) {
    const large = input.text.length > 1_000_000;
    const runs = quick ? (large ? 1 : 3) : large ? 3 : 15;
    const warmups = large ? 1 : 3;
    const options = { asOf: '2026-01-01' };
    const markdownItMs = measure(() => md.parse(input.text, {}), warmups, runs);
    // A first analysis: the per-sentence memo that makes re-analysis after an
    // edit cheap (the LSP rows measure that) is cleared before every run.
    const analyzeMs = measure(() => analyze(input.text, options), warmups, runs, clearStatementMemo);
    // markdownlint takes seconds on the large input: fewer runs there.
    const markdownlintMs = measure(() => lint({ strings: { policy: input.text } }), large ? 0 : 2, large ? (quick ? 1 : 2) : Math.min(runs, 10));
    const findings = analyze(input.text, options).findings.length;
    rows.push({
      input: input.name,
      bytes: Buffer.byteLength(input.text),
      runs,
      analyzeMs,
      markdownItMs,
      markdownlintMs,
      findings,
      vsMarkdownIt: analyzeMs / markdownItMs,
      speedupVsMarkdownlint: markdownlintMs / analyzeMs,
    });
  }
  return rows;
}
