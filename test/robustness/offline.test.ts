import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../helpers/paths';

// Offline by construction: the engine, the server, the CLI and the client may
// not reach the network, start processes or evaluate strings as code.
const BANNED_MODULES = ['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'child_process', 'cluster'];
const moduleRef = new RegExp(`(?:require\\(\\s*|import\\(\\s*|from\\s+|import\\s+)["'](?:node:)?(${BANNED_MODULES.join('|')})["']`, 'g');
const dynamicCode = /(?<![\w$.])eval\s*\(|\bnew\s+Function\s*\(|(?<![\w$.])Function\s*\(/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : /\.(ts|js|mjs|cjs)$/.test(e.name) ? [full] : [];
  });
}

/** Comments and string contents would give false alarms ("net" in prose); strip them, keeping module specifiers. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:"'`\\])\/\/.*$/gm, '$1');
}

/**
 * Library code the bundles contain that may name a banned module: the LSP
 * transports of vscode-jsonrpc (sockets and pipes need `net`; `crypto` names
 * pipes), and vscode-languageserver's `Files` helpers, which resolve global
 * npm/yarn module paths with `child_process` only when a server calls them —
 * Clausewise never does. Nothing else may.
 */
const BUNDLE_ALLOWANCES: { module: string; from: RegExp }[] = [
  { module: 'net', from: /node_modules\/(?:vscode-languageserver\/node_modules\/)?vscode-jsonrpc\/lib\/node\/main\.js$/ },
  { module: 'child_process', from: /node_modules\/vscode-languageserver\/lib\/node\/files\.js$/ },
];

describe('robustness: offline by construction', () => {
  for (const dir of ['server/src', 'client/src']) {
    it(`${dir} requires no network or process module and evaluates no strings as code`, () => {
      const offences: string[] = [];
      for (const file of sourceFiles(path.join(ROOT, dir))) {
        const text = code(fs.readFileSync(file, 'utf8'));
        for (const m of text.matchAll(moduleRef)) offences.push(`${path.relative(ROOT, file)}: ${m[0]}`);
        for (const m of text.matchAll(dynamicCode)) offences.push(`${path.relative(ROOT, file)}: ${m[0]}`);
      }
      assert.deepStrictEqual(offences, []);
    });
  }

  for (const bundle of ['dist/server.js', 'dist/cli.js']) {
    it(`${bundle} names a network or process module only inside the allowed LSP library code, and evaluates no strings`, function () {
      const file = path.join(ROOT, bundle);
      if (!fs.existsSync(file)) this.skip(); // npm test builds dist/ first (pretest)
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      const offences: string[] = [];
      let module = '(bundle prelude)';
      lines.forEach((line, i) => {
        // esbuild marks each bundled module with a `// path` comment line.
        const marker = /^\s*\/\/ ((?:node_modules|server|client)\/\S+\.(?:js|ts|mjs|cjs))$/.exec(line);
        if (marker) module = marker[1];
        for (const m of line.matchAll(/require\(["'](?:node:)?([\w_]+)["']\)/g)) {
          if (!BANNED_MODULES.includes(m[1])) continue;
          if (!BUNDLE_ALLOWANCES.some(a => a.module === m[1] && a.from.test(module))) offences.push(`${bundle}:${i + 1} (${module}): ${m[0]}`);
        }
        for (const m of line.matchAll(dynamicCode)) offences.push(`${bundle}:${i + 1} (${module}): ${m[0]}`);
      });
      assert.deepStrictEqual(offences, []);
    });
  }

  it('would catch a banned module or eval (the scanners are not blind)', () => {
    assert.ok([...code('import * as http from "node:http";').matchAll(moduleRef)].length === 1);
    assert.ok([...code("const cp = require('child_process');").matchAll(moduleRef)].length === 1);
    assert.ok([...code('const f = new Function("return 1");').matchAll(dynamicCode)].length === 1);
    assert.ok([...code('eval(src)').matchAll(dynamicCode)].length === 1);
    assert.strictEqual([...code('// require("net") in a comment\nconst isFunction = (x) => typeof x === "function";').matchAll(dynamicCode)].length + [...code('// require("net")').matchAll(moduleRef)].length, 0);
  });
});
