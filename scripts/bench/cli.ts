// CLI throughput: `clausewise check` over a directory of 200 policies, the
// way a CI job runs it (one process, start-up included).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CLI } from '../../test/helpers/paths';
import { policyOfSize } from './inputs';
import { median } from './stats';

export interface CliRow {
  policies: number;
  bytes: number;
  runs: number;
  wallMs: number;
  policiesPerSecond: number;
}

const COMPANIES = ['Northwind Cartography Ltd', 'Bluefin Ledger GmbH', 'Orchard Lane Pets Inc.', 'Kestrel Health Oy', 'Tallow & Wick Candles LLC'];

/** 200 policies: the small policy with another company, some sections dropped, some doubled. */
function writePolicies(dir: string, count: number): number {
  const base = policyOfSize(10 * 1024);
  const sections = base.split(/\n(?=## )/);
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const kept = sections.filter((_, s) => s === 0 || (s + i) % 7 !== 0);
    if (i % 5 === 0) kept.push(sections[(i % (sections.length - 1)) + 1]);
    const text = kept.join('\n').replace(/Northwind Cartography Ltd/g, COMPANIES[i % COMPANIES.length]);
    fs.writeFileSync(path.join(dir, `policy-${String(i).padStart(3, '0')}.md`), text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}

export function benchCli(quick: boolean, count = 200): CliRow {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clausewise-bench-cli-'));
  try {
    const bytes = writePolicies(dir, count);
    const runs = quick ? 1 : 2;
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--fail-on', 'never', '--as-of', '2026-01-01', dir], { encoding: 'utf8', maxBuffer: 1 << 30 });
      samples.push(performance.now() - t0);
      if (r.status !== 0) throw new Error(`clausewise check exited ${r.status}: ${r.stderr}`);
      const checked = (JSON.parse(r.stdout) as { files: unknown[] }).files.length;
      if (checked !== count) throw new Error(`expected ${count} files checked, got ${checked}`);
    }
    const wallMs = median(samples);
    return { policies: count, bytes, runs, wallMs, policiesPerSecond: (count * 1000) / wallMs };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
