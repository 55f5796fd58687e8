#!/usr/bin/env node
// Prints how Clausewise reads a policy: its title and the outline of its
// sections (number, title, line), with --blocks also every block and its
// section. Uses the compiled model in out/ (run `npx tsc -p .` first).
//   node scripts/outline.mjs policy.md [--blocks] [--sentences]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let buildDocument;
try {
  ({ buildDocument } = require(path.join(root, 'out/server/src/model/document.js')));
} catch {
  console.error('The compiled model is missing: run `npx tsc -p .` first.');
  process.exit(2);
}

const args = process.argv.slice(2);
const files = args.filter(a => !a.startsWith('--'));
if (files.length === 0) {
  console.error('usage: node scripts/outline.mjs <file>... [--blocks] [--sentences]');
  process.exit(2);
}
const showBlocks = args.includes('--blocks');
const showSentences = args.includes('--sentences');
const clip = (s, n = 90) => (s.length > n ? `${s.slice(0, n - 1)}…` : s).replace(/\r?\n|\r/g, '⏎');

for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const doc = buildDocument(text);
  const line = offset => doc.lines.positionAt(offset).line + 1;
  console.log(`${file} (${doc.format}, ${doc.sections.length} sections)`);
  console.log(`  title: ${clip(text.slice(doc.title.start, doc.title.end))}`);
  const walk = (sections, indent) => {
    for (const s of sections) {
      console.log(`${'  '.repeat(indent)}${s.number ? `${s.number} ` : ''}${s.title}  [L${line(s.span.start)}–${line(s.span.end)}, level ${s.level}${s.implicit ? '' : ', #'}]`);
      walk(s.children, indent + 1);
    }
  };
  walk(doc.outline, 1);
  if (showBlocks) {
    for (const b of doc.blocks) console.log(`    L${line(b.span.start)} ${b.kind.padEnd(10)} ${clip(text.slice(b.span.start, b.span.end), 70)}  ⟶ ${b.section?.title ?? '—'}`);
  }
  if (showSentences) for (const s of doc.sentences) console.log(`    L${line(s.span.start)} ${clip(s.text, 110)}`);
  console.log('');
}
