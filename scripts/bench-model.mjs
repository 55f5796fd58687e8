#!/usr/bin/env node
// Times the policy model against a bare markdown-it parse of the same text:
// the five seed policies concatenated with blank lines (~63 KB), or the files
// given. Two figures, each against the markdown-it parse timed in the same
// runs (ratios survive a loaded machine; milliseconds do not):
//   cold  a first reading: every sentence memo emptied before each run;
//   edit  the rebuild after a one-character edit, the memos warm from the
//         text before the edit (what the language server does on a keystroke).
// Times are CPU time of this process (not wall time), median of the runs.
// Requires the compiled model: `npx tsc -p .` first.
//   node scripts/bench-model.mjs [file ...] [--runs N]
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const compiled = path.join(root, 'out/server/src/model/document.js');
if (!existsSync(compiled)) {
  console.error('The compiled model is missing: run `npx tsc -p .` first.');
  process.exit(2);
}
const { buildDocument, buildStructure } = require(compiled);
const { extractStatements } = require(path.join(root, 'out/server/src/model/statements.js'));
const { extractFacts } = require(path.join(root, 'out/server/src/model/facts.js'));
const { clearAllSentenceMemos } = require(path.join(root, 'out/server/src/model/sentenceMemo.js'));
const { ontology } = require(path.join(root, 'out/server/src/model/ontology.js'));
const MarkdownIt = require('markdown-it');

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Math.max(3, Number(args[runsAt + 1]) || 0) : 60;
let files = args.filter((a, i) => !a.startsWith("--") && (runsAt < 0 || i !== runsAt + 1));
if (files.length === 0) {
  const seeds = path.resolve(root, '..', 'shared', 'seeds');
  if (!existsSync(seeds)) {
    console.error(`No files given and ${seeds} is absent.`);
    process.exit(2);
  }
  files = readdirSync(seeds).filter(f => f.endsWith('.txt') || f.endsWith('.md')).sort().map(f => path.join(seeds, f));
}
const text = files.map(f => readFileSync(f, 'utf8')).join('\n\n');

// The baseline: what any Markdown tool pays to read the text.
const md = new MarkdownIt('commonmark');

// One character changed in the middle of a sentence near the middle of the text.
const middle = text.indexOf('. ', text.length >> 1);
const edited = middle > 0 ? text.slice(0, middle - 3) + (text[middle - 3] === 'x' ? 'y' : 'x') + text.slice(middle - 2) : text + 'x';

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Median CPU time per phase over the runs, each run timing markdown-it and the model back to back. */
function measure(run) {
  const times = {};
  for (let i = 0; i < runs + 10; i++) {
    const lap = run();
    if (i < 10) continue; // warm-up: compiled code, regex caches
    for (const k in lap) (times[k] ??= []).push(lap[k]);
  }
  const median = a => [...a].sort((x, y) => x - y)[a.length >> 1];
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

function timed(lap, key, fn) {
  const t0 = cpuMs();
  const r = fn();
  lap[key] = (lap[key] ?? 0) + cpuMs() - t0;
  return r;
}

const cold = measure(() => {
  const lap = {};
  timed(lap, 'markdown-it', () => md.parse(text, {}));
  clearAllSentenceMemos();
  const structure = timed(lap, 'structure', () => buildStructure(text));
  const statements = timed(lap, 'statements', () => extractStatements(text, structure.sentences));
  // The least any reader of statements must do: find the concepts (data, recipients) of the sentences that state something.
  const stating = [...new Set(statements.map(st => st.sentence))];
  const concepts = ontology();
  timed(lap, 'concepts', () => {
    for (const s of stating) concepts.findMentions(text, s.span.start, s.span.end);
  });
  timed(lap, 'facts', () => extractFacts(text, structure.sentences, structure.blocks));
  clearAllSentenceMemos();
  timed(lap, 'buildDocument', () => buildDocument(text));
  return lap;
});

const edit = measure(() => {
  const lap = {};
  clearAllSentenceMemos();
  buildDocument(text);
  timed(lap, 'markdown-it', () => md.parse(edited, {}));
  timed(lap, 'buildDocument', () => buildDocument(edited));
  return lap;
});

const doc = buildDocument(text);
const fmt = ms => `${ms.toFixed(2).padStart(6)} ms`;
const ratio = (ms, base) => `${(ms / base).toFixed(2)}×`;
console.log(`text: ${files.length} file(s), ${(text.length / 1024).toFixed(1)} K chars; ${doc.sections.length} sections, ${doc.blocks.length} blocks, ${doc.sentences.length} sentences, ${doc.statements.length} statements`);
console.log(`CPU time, median of ${runs} runs after 10 of warm-up; ratios to the markdown-it parse of the same runs:`);
console.log('cold (sentence memos emptied before each run):');
console.log(`  markdown-it parse (commonmark)        ${fmt(cold['markdown-it'])}`);
for (const k of ['structure', 'statements', 'facts']) {
  console.log(`    ${k.padEnd(35)} ${fmt(cold[k])}  ${ratio(cold[k], cold['markdown-it'])}`);
  if (k === 'statements') console.log(`      ${'of which, at least: concept search'.padEnd(33)} ${fmt(cold.concepts)}  ${ratio(cold.concepts, cold['markdown-it'])}  (in the sentences that hold a statement)`);
}
console.log(`  buildDocument (whole model)           ${fmt(cold.buildDocument)}  ${ratio(cold.buildDocument, cold['markdown-it'])}  (target ≤ 2.00×)`);
console.log('after a one-character edit (memos warm from the text before it):');
console.log(`  markdown-it parse (commonmark)        ${fmt(edit['markdown-it'])}`);
console.log(`  buildDocument (whole model)           ${fmt(edit.buildDocument)}  ${ratio(edit.buildDocument, edit['markdown-it'])}`);
