// Latency as an editor feels it: the built server (dist/server.js) as a child
// process over stdio, single-character edits at random places, timed from
// sending didChange to the diagnostics of that version (pushed, or answered to
// a pull request), plus hover and completion answer times and the server's RSS.
import * as fs from 'fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient } from '../../test/helpers/lspClient';
import type { BenchInput } from './inputs';
import { percentile } from './stats';

export interface Latency {
  samples: number;
  p50: number;
  p95: number;
  max: number;
}

export interface LspRow {
  input: string;
  bytes: number;
  /** didChange → publishDiagnostics of that version (push mode), after the warm-up edits. */
  push: Latency;
  /** didChange + textDocument/diagnostic → its answer (pull mode), after the warm-up edits. */
  pull: Latency;
  /** The warm-up edits themselves: the first edits after the document was opened, in a server just started. */
  pushFirst: Latency;
  pullFirst: Latency;
  hover: Latency | null;
  completion: Latency | null;
  /** Server resident set after the document was opened and analysed (MB). */
  rssMb: number | null;
  /** Hovers sent during a burst of edits 20 ms apart (stale work must not hold them up). */
  burstHover: Latency | null;
  /** Versions published during that burst: only the first and the last should be. */
  burstPublished: number[];
}

export function latency(samples: number[]): Latency {
  return { samples: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples) };
}

/** A seeded PRNG (mulberry32), so two runs edit the same places. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Resident set size of a process, from /proc (Linux); null elsewhere. */
export function rssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

const uriFor = (name: string) => `file:///tmp/clausewise-bench/${name}/privacy-policy.md`;

/** A random position in the body (after the front matter), away from line ends only by chance. */
function randomPosition(doc: TextDocument, rnd: () => number) {
  const text = doc.getText();
  const bodyStart = text.indexOf('\n# ');
  const offset = bodyStart + 1 + Math.floor(rnd() * (text.length - bodyStart - 1));
  return doc.positionAt(offset);
}

/**
 * Single-character edits, each timed until its diagnostics arrive. The first
 * `warmup` are timed apart: in a server just started they run code V8 has not
 * optimised yet (the first edits after opening a 60 KB policy took about 4×
 * the steady state), so they are reported beside the steady state, not in it
 * (as the engine's figures are medians after warm-up).
 */
async function editLoop(
  client: LspClient,
  doc: TextDocument,
  edits: number,
  warmup: number,
  rnd: () => number,
  await_: (version: number) => Promise<void>,
): Promise<{ samples: number[]; first: number[]; doc: TextDocument }> {
  const samples: number[] = [];
  const first: number[] = [];
  for (let i = 0; i < warmup + edits; i++) {
    const at = randomPosition(doc, rnd);
    // Typing: a letter in; every other edit takes the previous letter out again.
    const change = i % 2 === 0 ? { range: { start: at, end: at }, text: 'e' } : { range: { start: at, end: doc.positionAt(Math.min(doc.offsetAt(at) + 1, doc.getText().length)) }, text: '' };
    doc = TextDocument.update(doc, [change], doc.version + 1);
    const t0 = performance.now();
    await client.change(doc.uri, doc.version, [change]);
    await await_(doc.version);
    (i < warmup ? first : samples).push(performance.now() - t0);
  }
  return { samples, first, doc };
}

async function timeRequests(client: LspClient, count: number, request: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count + 3; i++) {
    const t0 = performance.now();
    await request();
    if (i >= 3) samples.push(performance.now() - t0);
  }
  return samples;
}

/**
 * A burst of edits 20 ms apart with a hover every fifth edit: the hover times
 * show whether stale analyses hold the server up, and the published versions
 * whether stale results are dropped.
 */
async function burst(client: LspClient, doc: TextDocument, edits: number, rnd: () => number): Promise<{ hover: number[]; published: number[] }> {
  const hover: number[] = [];
  for (let i = 0; i < edits; i++) {
    const at = randomPosition(doc, rnd);
    const change = { range: { start: at, end: at }, text: 'x' };
    doc = TextDocument.update(doc, [change], doc.version + 1);
    await client.change(doc.uri, doc.version, [change]);
    if (i % 5 === 2) {
      const t0 = performance.now();
      await client.request('textDocument/hover', { textDocument: { uri: doc.uri }, position: randomPosition(doc, rnd) });
      hover.push(performance.now() - t0);
    }
    await new Promise(r => setTimeout(r, 20));
  }
  await client.diagnostics(doc.uri, doc.version, 600_000);
  return { hover, published: client.allPublished(doc.uri).map(p => p.version!).filter(v => v > 1) };
}

export async function benchLsp(inputs: BenchInput[], quick: boolean): Promise<LspRow[]> {
  const rows: LspRow[] = [];
  for (const input of inputs) {
    const large = input.text.length > 1_000_000;
    const edits = large ? (quick ? 2 : 5) : quick ? 10 : 40;
    const warmup = large ? (quick ? 1 : 3) : quick ? 5 : 20;
    const uri = uriFor(input.name);
    const rnd = random(7);

    // Push mode: a client without pull-diagnostic support.
    const push = new LspClient();
    let pushSamples: number[];
    let pushFirst: number[];
    let hover: number[] | null = null;
    let completion: number[] | null = null;
    let rss: number | null;
    let burstHover: number[] | null = null;
    let burstPublished: number[] = [];
    try {
      const init = await push.initialize({ workspace: { configuration: false } });
      await push.open(uri, input.text, 1);
      await push.diagnostics(uri, 1, 120_000);
      rss = rssMb(push.process.pid);
      const edited = await editLoop(push, TextDocument.create(uri, 'markdown', 1, input.text), edits, warmup, rnd, async v => void (await push.diagnostics(uri, v, 120_000)));
      pushSamples = edited.samples;
      pushFirst = edited.first;
      const doc = edited.doc;
      const count = large ? 20 : 40;
      const posRnd = random(11);
      if (init.capabilities.hoverProvider) {
        hover = await timeRequests(push, count, () => push.request('textDocument/hover', { textDocument: { uri }, position: randomPosition(doc, posRnd) }));
      }
      if (init.capabilities.completionProvider) {
        completion = await timeRequests(push, count, () => push.request('textDocument/completion', { textDocument: { uri }, position: randomPosition(doc, posRnd) }));
      }
      rss = Math.max(rss ?? 0, rssMb(push.process.pid) ?? 0) || null;
      if (large && init.capabilities.hoverProvider) {
        const before = push.allPublished(uri).length;
        const b = await burst(push, doc, quick ? 10 : 30, random(13));
        burstHover = b.hover;
        burstPublished = push.allPublished(uri).slice(before).map(p => p.version!);
      }
    } finally {
      await push.shutdown().catch(() => push.process.kill());
    }

    // Pull mode: the client asks for diagnostics after each change, as VS Code does.
    const pull = new LspClient();
    let pullSamples: number[];
    let pullFirst: number[];
    try {
      await pull.initialize({ workspace: { configuration: false }, textDocument: { diagnostic: { dynamicRegistration: false } } });
      await pull.open(uri, input.text, 1);
      await pull.request('textDocument/diagnostic', { textDocument: { uri } });
      const doc = TextDocument.create(uri, 'markdown', 1, input.text);
      const edited = await editLoop(pull, doc, edits, warmup, random(7), async () => void (await pull.request('textDocument/diagnostic', { textDocument: { uri } })));
      pullSamples = edited.samples;
      pullFirst = edited.first;
    } finally {
      await pull.shutdown().catch(() => pull.process.kill());
    }

    rows.push({
      input: input.name,
      bytes: Buffer.byteLength(input.text),
      push: latency(pushSamples),
      pull: latency(pullSamples),
      pushFirst: latency(pushFirst),
      pullFirst: latency(pullFirst),
      hover: hover && latency(hover),
      completion: completion && latency(completion),
      rssMb: rss,
      burstHover: burstHover && latency(burstHover),
      burstPublished,
    });
  }
  return rows;
}
