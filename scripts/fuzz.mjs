// `npm run fuzz`: the robustness suites (test/robustness) with many more
// cases than `npm test`, a fresh random seed and the 3 MB burst (the hover
// latency during a burst is measured by `npm run bench`). Re-run a failure
// with the printed seed:
//   npm run fuzz -- --seed=1234 [--scale=20] [--grep=soak]
import Mocha from 'mocha';
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = name => process.argv.slice(2).find(a => a.startsWith(`--${name}=`))?.slice(name.length + 3);

const seed = arg('seed') ?? String(Math.floor(Math.random() * 2 ** 31));
const scale = arg('scale') ?? '20';
process.env.CLAUSEWISE_FUZZ_SEED = seed;
process.env.CLAUSEWISE_FUZZ_SCALE = scale;
process.env.CLAUSEWISE_BURST_KB ??= '3072';
process.stdout.write(`clausewise fuzz: seed ${seed}, ${scale}× the npm test cases (re-run: npm run fuzz -- --seed=${seed} --scale=${scale})\n`);

const mocha = new Mocha({ timeout: 0, reporter: 'spec', grep: arg('grep') });
const dir = path.join(root, 'out', 'test', 'robustness');
for (const f of fs.readdirSync(dir).filter(f => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(dir, f));
mocha.run(failures => {
  if (failures) process.stdout.write(`clausewise fuzz: ${failures} failure(s) with seed ${seed}\n`);
  process.exitCode = failures ? 1 : 0;
});
