// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per
// function and file, hottest first, so a missed benchmark target can be routed
// to the file that owns the hot spot.
// usage: node scripts/bench/hotspots.mjs PROFILE.cpuprofile [TOP=25]
import * as fs from 'fs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node scripts/bench/hotspots.mjs PROFILE.cpuprofile [TOP]\n');
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map(n => [n.id, n]));
const self = new Map();
const deltas = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const node = byId.get(profile.samples[i]);
  const { functionName, url, lineNumber } = node.callFrame;
  const key = `${functionName || '(anonymous)'}  ${url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '')}:${lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + (deltas[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 25));
for (const [key, us] of top) process.stdout.write(`${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}\n`);
