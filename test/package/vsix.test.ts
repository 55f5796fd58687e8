import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../helpers/paths';

describe('the .vsix contents (npm run package)', function () {
  this.timeout(120000);

  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

  it('carries the bundles, the knowledge, the grammar and the snippets, and nothing else', () => {
    const r = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    const files = r.stdout.split('\n').map(l => l.trim()).filter(Boolean).sort();
    const knowledge = fs.readdirSync(path.join(ROOT, 'server', 'knowledge')).filter(f => f.endsWith('.yaml')).map(f => `server/knowledge/${f}`);
    const grammars = fs.readdirSync(path.join(ROOT, 'syntaxes')).map(f => `syntaxes/${f}`);
    const snippets = fs.readdirSync(path.join(ROOT, 'snippets')).map(f => `snippets/${f}`);
    const expected = ['LICENSE', 'README.md', 'package.json', 'dist/client.js', 'dist/server.js', ...knowledge, ...grammars, ...snippets].sort();
    assert.deepStrictEqual(files, expected);
    assert.ok(knowledge.length >= 8 && grammars.length >= 1 && snippets.length >= 1);
  });

  it('packages offline into a .vsix under 2 MB', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'clausewise-vsix-')), 'clausewise.vsix');
    try {
      const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '-o', out], { cwd: ROOT, encoding: 'utf8' });
      assert.strictEqual(r.status, 0, r.stderr);
      const size = fs.statSync(out).size;
      assert.ok(size < 2 * 1024 * 1024, `the .vsix is ${size} bytes`);
    } finally {
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
    }
  });
});
