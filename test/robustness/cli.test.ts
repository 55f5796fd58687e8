import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CLI } from '../helpers/paths';

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const POLICY = '# Privacy Policy\n\nWe are [COMPANY NAME].\n';

describe('robustness: the CLI on bad input', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clausewise-cli-robust-'));
    fs.writeFileSync(path.join(dir, 'good.md'), POLICY);
  });
  afterEach(() => {
    for (const f of fs.readdirSync(dir)) fs.chmodSync(path.join(dir, f), 0o700);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The good policy is still checked: its placeholder is in the JSON output. */
  function checkedGood(stdout: string) {
    const out = JSON.parse(stdout) as { files: { path: string; findings: { ruleId: string }[] }[] };
    const good = out.files.find(f => f.path === 'good.md');
    assert.ok(good && good.findings.some(f => f.ruleId === 'hygiene/placeholder'), `good.md still checked: ${stdout.slice(0, 300)}`);
  }

  it('an unreadable file in a directory: a clear message, exit 2, the other files checked', () => {
    // A link whose target is gone cannot be read by anyone, root included
    // (chmod 000 does not stop root, which CI runs as).
    const sub = path.join(dir, 'with-dangling-link');
    fs.mkdirSync(sub);
    fs.symlinkSync(path.join(dir, 'deleted-policy.md'), path.join(sub, 'dangling.md'));
    fs.writeFileSync(path.join(sub, 'good.md'), POLICY);
    const r = run(['check', '--format', 'json', 'with-dangling-link'], dir);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /with-dangling-link\/dangling\.md: no such file or directory/);
    const out = JSON.parse(r.stdout) as { files: { path: string; findings: { ruleId: string }[] }[] };
    assert.deepStrictEqual(out.files.map(f => f.path), ['with-dangling-link/good.md'], 'the readable file is still checked');
    assert.ok(out.files[0].findings.some(f => f.ruleId === 'hygiene/placeholder'));
  });

  it('a directory without policies: a clear message, exit 2, the other paths checked', () => {
    const empty = path.join(dir, 'assets');
    fs.mkdirSync(empty);
    fs.writeFileSync(path.join(empty, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const r = run(['check', '--format', 'json', 'assets', 'good.md'], dir);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /assets: no policy files/);
    checkedGood(r.stdout);
  });

  it('a binary file: a clear message, exit 2, the other files checked', () => {
    fs.writeFileSync(path.join(dir, 'scan.md'), Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(64, 0), Buffer.from([0xff, 0xfe, 0x00, 0x9c])]));
    const r = run(['check', '--format', 'json', 'scan.md', 'good.md'], dir);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /scan\.md: looks like a binary file/);
    checkedGood(r.stdout);
  });

  it('a missing --config file: a message naming it, exit 2', () => {
    const r = run(['check', '--config', 'nope.yaml', 'good.md'], dir);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /nope\.yaml/);
    assert.ok(!/\bat \S+:\d+:\d+/.test(r.stderr), `no stack trace: ${r.stderr}`);
  });

  it('a missing path among good ones: exit 2, the good ones checked', () => {
    const r = run(['check', '--format', 'json', 'missing.md', 'good.md'], dir);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /missing\.md: no such file or directory/);
    checkedGood(r.stdout);
  });

  it('text that is not valid UTF-8 (but not binary) is read with replacement characters and checked', () => {
    fs.writeFileSync(path.join(dir, 'latin1.md'), Buffer.concat([Buffer.from('# Privacy Policy\n\nWe are '), Buffer.from([0xc9, 0x74, 0xe9]), Buffer.from(' [COMPANY NAME].\r\n')]));
    const r = run(['check', '--format', 'json', 'latin1.md'], dir);
    assert.strictEqual(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { files: { findings: { ruleId: string; range: { start: { line: number } } }[] }[] };
    assert.ok(out.files[0].findings.some(f => f.ruleId === 'hygiene/placeholder' && f.range.start.line === 2));
  });

  it('an empty file and a file of blank lines are checked without error', () => {
    fs.writeFileSync(path.join(dir, 'empty.md'), '');
    fs.writeFileSync(path.join(dir, 'blank.md'), '\r\n\n\r');
    const r = run(['check', '--format', 'sarif', 'empty.md', 'blank.md'], dir);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    assert.strictEqual(JSON.parse(r.stdout).version, '2.1.0');
  });
});
