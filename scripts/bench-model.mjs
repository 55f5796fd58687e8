#!/usr/bin/env node
// Times the policy model against a bare markdown-it parse of the same text:
// the five seed policies concatenated (~63 KB), or the files given.
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
const MarkdownIt = require('markdown-it');

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Math.max(3, Number(args[runsAt + 1]) || 0) : 60;
let files = args.filter((a, i) => !a.startsWith('--') && i !== runsAt + 1);
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
const bare = () => md.parse(text, {});

function median(fn) {
  for (let i = 0; i < 15; i++) fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const tBare = median(bare);
const tStructure = median(() => buildStructure(text));
const tModel = median(() => buildDocument(text));
const doc = buildDocument(text);
const fmt = ms => `${ms.toFixed(2)} ms`;
console.log(`text: ${files.length} file(s), ${(text.length / 1024).toFixed(1)} K chars; ${doc.sections.length} sections, ${doc.blocks.length} blocks, ${doc.sentences.length} sentences, ${doc.statements.length} statements`);
console.log(`median of ${runs} runs after warm-up:`);
console.log(`  markdown-it parse (commonmark)      ${fmt(tBare)}`);
console.log(`  buildStructure (no statements/facts) ${fmt(tStructure)}  ratio ${(tStructure / tBare).toFixed(2)}`);
console.log(`  buildDocument (whole model)         ${fmt(tModel)}  ratio ${(tModel / tBare).toFixed(2)}  (target ≤ 2.00)`);
