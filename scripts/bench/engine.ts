// Engine throughput against two references run in the same process on the
// same text: a bare markdown-it parse (the floor any Markdown-aware checker
// pays) and markdownlint with all default rules (a linter users already run).
import MarkdownIt from 'markdown-it';
import { analyze } from '../../server/src/analysis';
import { setSentenceMemosEnabled } from '../../server/src/model/sentenceMemo';
import type { BenchInput } from './inputs';
import { median, timeMs } from './stats';

export interface EngineRow {
  input: string;
  bytes: number;
  runs: number;
  analyzeMs: number;
  /** Re-analysis after a one-character edit, the memos holding the previous version. */
  reanalyzeMs: number;
  markdownItMs: number;
  markdownlintMs: number;
  findings: number;
  /** analyze ÷ markdown-it (target ≤ 2). */
  vsMarkdownIt: number;
  /** markdownlint ÷ analyze (target ≥ 10). */
  speedupVsMarkdownlint: number;
  /** reanalyze ÷ markdown-it: what a keystroke costs the server, beside a parse. */
  reanalyzeVsMarkdownIt: number;
}

type LintSync = (options: { strings: Record<string, string>; config?: Record<string, unknown> }) => Record<string, unknown[]>;

async function loadMarkdownlint(): Promise<LintSync> {
  // markdownlint ships as ESM only; this file compiles to CommonJS.
  const mod = (await import('markdownlint/sync')) as unknown as { lint: LintSync };
  return mod.lint;
}

/**
 * Runs the subjects in interleaved rounds after `warmups` unmeasured rounds
 * and returns each one's median. No collection is forced between samples: a
 * full GC shrinks the young generation, and the next few milliseconds of any
 * allocating parser then pay for regrowing it (markdown-it ran 4–5× slower
 * right after a forced GC, which flattered every ratio against it). A
 * language server runs in a warm heap; so do these samples. Interleaving
 * charges each subject's garbage to all of them alike.
 */
function measureRounds(subjects: { fn: () => void; rounds: number }[], warmups: number): number[] {
  for (let i = 0; i < warmups; i++) for (const s of subjects) s.fn();
  const samples: number[][] = subjects.map(() => []);
  const rounds = Math.max(...subjects.map(s => s.rounds));
  for (let round = 0; round < rounds; round++) {
    subjects.forEach((s, k) => {
      if (round < s.rounds) samples[k].push(timeMs(s.fn));
    });
  }
  return samples.map(median);
}

/** The text with one character changed near `at` (a letter becomes another), as a keystroke would. */
export function withOneCharEdit(text: string, at: number): string {
  let i = Math.min(Math.max(0, at), text.length - 1);
  while (i < text.length && !/[a-z]/.test(text[i])) i++;
  if (i >= text.length) return text + 'x';
  return text.slice(0, i) + (text[i] === 'e' ? 'a' : 'e') + text.slice(i + 1);
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
    // A first analysis, with every per-sentence memo off: the inputs repeat
    // one fixture, and memos left on would read each repeated sentence once
    // for all its copies, which no real policy of that size would allow.
    const first = () => analyze(input.text, options);
    // After a keystroke: the memos hold the previous version's sentences.
    const edited = [withOneCharEdit(input.text, input.text.length >> 1), withOneCharEdit(input.text, input.text.length >> 2)];
    let flip = 0;
    const afterEdit = () => analyze(edited[flip++ & 1], options);
    // markdownlint takes seconds on the large input: fewer rounds there.
    const lintRounds = large ? (quick ? 1 : 2) : Math.min(runs, 10);
    setSentenceMemosEnabled(false);
    const [markdownItMs, analyzeMs, markdownlintMs] = measureRounds(
      [
        { fn: () => md.parse(input.text, {}), rounds: runs },
        { fn: first, rounds: runs },
        { fn: () => lint({ strings: { policy: input.text } }), rounds: lintRounds },
      ],
      large ? 0 : warmups,
    );
    setSentenceMemosEnabled(true);
    analyze(edited[1], options);
    const [reanalyzeMs] = measureRounds([{ fn: afterEdit, rounds: runs }], large ? 0 : warmups);
    const findings = analyze(input.text, options).findings.length;
    rows.push({
      input: input.name,
      bytes: Buffer.byteLength(input.text),
      runs,
      analyzeMs,
      reanalyzeMs,
      markdownItMs,
      markdownlintMs,
      findings,
      vsMarkdownIt: analyzeMs / markdownItMs,
      speedupVsMarkdownlint: markdownlintMs / analyzeMs,
      reanalyzeVsMarkdownIt: reanalyzeMs / markdownItMs,
    });
  }
  return rows;
}
