import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CLI, ROOT } from '../helpers/paths';

function run(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('clausewise check (CLI)', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clausewise-cli-'));
    fs.writeFileSync(path.join(dir, 'privacy.md'), '# Privacy Policy\n\nWe are [COMPANY NAME].\n');
    fs.writeFileSync(path.join(dir, 'clean.md'), '# Privacy Policy\n\nWe are Acme.\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints one line per finding as path:line:column severity rule-id message', () => {
    const r = run(['check', '--jurisdictions', 'gdpr', path.join(dir, 'privacy.md')], dir);
    assert.match(r.stdout, /^privacy\.md:3:8 warning hygiene\/placeholder Placeholder “\[COMPANY NAME\]”/m);
    assert.strictEqual(r.code, 0, 'warnings do not fail by default (--fail-on error)');
  });

  it('exits 1 when a finding reaches --fail-on', () => {
    assert.strictEqual(run(['check', '--fail-on', 'warning', path.join(dir, 'privacy.md')]).code, 1);
    assert.strictEqual(run(['check', '--fail-on', 'never', path.join(dir, 'privacy.md')]).code, 0);
  });

  it('writes the JSON contract with LSP positions', () => {
    const r = run(['check', '--format', 'json', '--jurisdictions', 'gdpr,ccpa', dir], dir);
    const out = JSON.parse(r.stdout);
    assert.strictEqual(out.version, 1);
    const file = out.files.find((f: { path: string }) => f.path === 'privacy.md');
    assert.deepStrictEqual(file.jurisdictions, ['gdpr', 'ccpa']);
    const f = file.findings.find((x: { ruleId: string }) => x.ruleId === 'hygiene/placeholder');
    assert.deepStrictEqual(f.range, { start: { line: 2, character: 7 }, end: { line: 2, character: 21 } });
    assert.strictEqual(f.kind, 'hygiene');
    assert.ok(Array.isArray(file.requirements));
  });

  it('writes SARIF 2.1.0 with 1-based regions and the catalog as rules', () => {
    const r = run(['check', '--format', 'sarif', path.join(dir, 'privacy.md')], dir);
    const sarif = JSON.parse(r.stdout);
    assert.strictEqual(sarif.version, '2.1.0');
    const run0 = sarif.runs[0];
    assert.ok(run0.tool.driver.rules.some((x: { id: string }) => x.id === 'hygiene/placeholder'));
    const res = run0.results.find((x: { ruleId: string }) => x.ruleId === 'hygiene/placeholder');
    assert.deepStrictEqual(res.locations[0].physicalLocation.region, { startLine: 3, startColumn: 8, endLine: 3, endColumn: 22 });
  });

  it('reports usage errors and unreadable paths with exit 2, still checking the other files', () => {
    const bad = run(['check', '--format', 'xml', dir]);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /--format must be text, json or sarif/);
    const missing = run(['check', '--format', 'json', path.join(dir, 'nope.md'), path.join(dir, 'privacy.md')], dir);
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /nope\.md: no such file or directory/);
    assert.strictEqual(JSON.parse(missing.stdout).files.length, 1, 'the readable file is still checked');
    const noConfig = run(['check', '--config', path.join(dir, 'missing.yaml'), dir]);
    assert.strictEqual(noConfig.code, 2);
    assert.match(noConfig.stderr, /config file not found/);
  });

  it('checks the bundled sample (npm start)', () => {
    const r = run(['check', 'samples/privacy-policy.md']);
    assert.match(r.stdout, /samples\/privacy-policy\.md:\d+:\d+ \w+ hygiene\/placeholder/);
  });
});

describe('clausewise check: directory walks', () => {
  it('passes over README and CHANGELOG files in a directory but checks them when named', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clausewise-walk-'));
    try {
      fs.writeFileSync(path.join(dir, 'README.md'), '# Project\n\nTODO\n');
      fs.writeFileSync(path.join(dir, 'CHANGELOG.md'), '# Changes\n');
      fs.writeFileSync(path.join(dir, 'privacy.md'), '# Privacy Policy\n\nWe are Acme.\n');
      const walked = JSON.parse(run(['check', '--format', 'json', dir], dir).stdout);
      assert.deepStrictEqual(walked.files.map((f: { path: string }) => f.path), ['privacy.md']);
      const named = JSON.parse(run(['check', '--format', 'json', 'README.md'], dir).stdout);
      assert.deepStrictEqual(named.files.map((f: { path: string }) => f.path), ['README.md']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
