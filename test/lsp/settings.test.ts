import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';

const POLICY = '---\nclausewise:\n  jurisdictions: [gdpr]\n---\n\n# Privacy Policy\n\nWe are [COMPANY NAME].\n';
const UNDECLARED = '# Privacy Policy\n\nWe are [COMPANY NAME].\n';
const PLACEHOLDER = 'hygiene/placeholder';
const ASSUMED = 'general/jurisdictions-assumed';
const WARNING = 2;
const ERROR = 1;
const HINT = 4;

type Settings = Record<string, unknown>;

/** A client that answers workspace/configuration per resource, as VS Code does in a multi-root window. */
async function startClient(settingsFor: (scopeUri: string | undefined) => Settings) {
  const client = new LspClient();
  const messages: string[] = [];
  client.connection.onRequest('workspace/configuration', (p: { items: { scopeUri?: string }[] }) => p.items.map(i => settingsFor(i.scopeUri)));
  // vscode-languageserver shows warnings as window/showMessageRequest (they may carry actions).
  client.connection.onRequest('window/showMessageRequest', (m: { message: string }) => {
    messages.push(m.message);
    return null;
  });
  await client.initialize({ workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } });
  return { client, messages };
}

/** The latest diagnostics published for `uri`, once they satisfy `accept`. */
async function latest(client: LspClient, uri: string, accept: (ds: Diagnostic[]) => boolean, what: string, timeoutMs = 10_000): Promise<Diagnostic[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const all = client.allPublished(uri);
    const last = all[all.length - 1]?.diagnostics;
    if (last && accept(last)) return last;
    if (Date.now() > deadline) assert.fail(`${what}: last published for ${uri}: ${JSON.stringify(last?.map(d => [d.code, d.severity]))}`);
    await new Promise(r => setTimeout(r, 50));
  }
}

const has = (rule: string, severity?: number) => (ds: Diagnostic[]) => ds.some(d => d.code === rule && (severity === undefined || d.severity === severity));
const lacks = (rule: string) => (ds: Diagnostic[]) => !ds.some(d => d.code === rule);

describe('settings and .clausewise.yaml', function () {
  let client: LspClient | undefined;
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clausewise-settings-'));
  });
  afterEach(async () => {
    if (client && client.process.exitCode === null) await client.shutdown().catch(() => client!.process.kill());
    client = undefined;
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const file = (relative: string, text?: string) => {
    const full = path.join(tmp, relative);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    if (text !== undefined) fs.writeFileSync(full, text);
    return pathToFileURL(full).href;
  };

  it('reads each document’s own folder settings and re-checks when they change', async () => {
    const first = file('first/privacy.md');
    const second = file('second/privacy.md');
    let firstRules: Record<string, string> = {};
    const started = await startClient(scope => (scope?.includes('/second/') ? { rules: { [PLACEHOLDER]: 'error' } } : { rules: firstRules }));
    client = started.client;
    await client.open(first, POLICY);
    await client.open(second, POLICY);
    await latest(client, first, has(PLACEHOLDER, WARNING), 'first folder: default warning');
    await latest(client, second, has(PLACEHOLDER, ERROR), 'second folder: its own error severity');

    firstRules = { 'hygiene/*': 'off' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await latest(client, first, lacks(PLACEHOLDER), 'first folder after hygiene/* off');
    await latest(client, second, has(PLACEHOLDER, ERROR), 'second folder unchanged');
  });

  it('applies the jurisdictions setting when the front matter declares none', async () => {
    const uri = file('privacy.md');
    const started = await startClient(() => ({ jurisdictions: ['ccpa'] }));
    client = started.client;
    await client.open(uri, UNDECLARED);
    const ds = await latest(client, uri, has(PLACEHOLDER), 'checked');
    assert.ok(lacks(ASSUMED)(ds), 'the setting names the law: nothing assumed');
    const coverage = await client.request<{ isPolicy: boolean; jurisdictions: string[]; text: string }>('clausewise/coverage', { uri });
    assert.strictEqual(coverage.isPolicy, true);
    assert.deepStrictEqual(coverage.jurisdictions, ['ccpa']);
    assert.match(coverage.text, /^CCPA \d+\/\d+$/);
  });

  it('dates the policy against clausewise.asOf, then .clausewise.yaml’s asOf', async () => {
    fs.writeFileSync(path.join(tmp, '.clausewise.yaml'), 'asOf: 2026-05-01\n');
    const uri = file('privacy.md');
    let asOf = '2028-01-15';
    const started = await startClient(() => ({ asOf }));
    client = started.client;
    await client.open(uri, '---\nclausewise:\n  jurisdictions: [gdpr]\n---\n\n# Privacy Policy\n\nLast updated: 1 March 2026\n');
    const stale = (await latest(client, uri, has('outdated/stale-date'), 'stale as of the setting’s date')).find(d => d.code === 'outdated/stale-date')!;
    assert.deepStrictEqual(stale.range.start.line, 7);
    asOf = '';
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await latest(client, uri, lacks('outdated/stale-date'), 'current as of the config file’s date once the setting is empty');
  });

  it('checks nothing when clausewise.enable is false', async () => {
    const uri = file('privacy.md');
    const started = await startClient(() => ({ enable: false }));
    client = started.client;
    await client.open(uri, POLICY);
    assert.deepStrictEqual(await client.diagnostics(uri, 1), []);
    assert.strictEqual((await client.request<{ isPolicy: boolean }>('clausewise/coverage', { uri })).isPolicy, false);
  });

  it('finds .clausewise.yaml upward from the file and re-checks when it changes', async () => {
    const config = path.join(tmp, '.clausewise.yaml');
    fs.writeFileSync(config, 'jurisdictions: [gdpr, ccpa]\nrules:\n  hygiene/placeholder: error\n');
    const uri = file('clients/acme/privacy.md');
    const started = await startClient(() => ({}));
    client = started.client;
    await client.open(uri, UNDECLARED);
    let ds = await latest(client, uri, has(PLACEHOLDER, ERROR), 'severity from the config two folders up');
    assert.ok(lacks(ASSUMED)(ds), 'the config names the laws');
    assert.deepStrictEqual((await client.request<{ jurisdictions: string[] }>('clausewise/coverage', { uri })).jurisdictions, ['gdpr', 'ccpa']);

    fs.writeFileSync(config, 'rules:\n  hygiene/placeholder: "off"\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(config).href, type: 2 }] });
    ds = await latest(client, uri, lacks(PLACEHOLDER), 'placeholder off after the config changed');
    assert.ok(has(ASSUMED)(ds), 'the edited config names no law any more');

    // A nearer config file wins over the one further up.
    fs.writeFileSync(path.join(tmp, 'clients', '.clausewise.yml'), 'rules:\n  hygiene/placeholder: hint\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(tmp, 'clients', '.clausewise.yml')).href, type: 1 }] });
    await latest(client, uri, has(PLACEHOLDER, HINT), 'the nearer config file');
  });

  it('lets settings win over the config file', async () => {
    fs.writeFileSync(path.join(tmp, '.clausewise.yaml'), 'rules:\n  hygiene/placeholder: error\n');
    const uri = file('privacy.md');
    const started = await startClient(() => ({ rules: { [PLACEHOLDER]: 'hint' } }));
    client = started.client;
    await client.open(uri, POLICY);
    await latest(client, uri, has(PLACEHOLDER, HINT), 'the setting’s severity');
  });

  it('ignores a broken config file with one warning, and still checks', async () => {
    fs.writeFileSync(path.join(tmp, '.clausewise.yaml'), 'rules: [not, a, mapping]\n');
    const uri = file('privacy.md');
    const started = await startClient(() => ({}));
    client = started.client;
    await client.open(uri, POLICY);
    await latest(client, uri, has(PLACEHOLDER, WARNING), 'default severity despite the broken config');
    const deadline = Date.now() + 5000;
    while (!started.messages.length && Date.now() < deadline) await new Promise(r => setTimeout(r, 50));
    assert.strictEqual(started.messages.length, 1, JSON.stringify(started.messages));
    assert.match(started.messages[0], /^Clausewise ignored a configuration file: .*\.clausewise\.yaml: `rules` must map rule ids to a severity or off$/);
  });

  it('checks a file on request, even when it is not a policy by name or title', async () => {
    const uri = file('notes.md');
    const started = await startClient(() => ({}));
    client = started.client;
    await client.open(uri, '# Meeting notes\n\nAsk [COMPANY NAME].\n');
    assert.deepStrictEqual(await client.diagnostics(uri, 1), []);
    await client.request('workspace/executeCommand', { command: 'clausewise.server.checkAsPolicy', arguments: [uri] });
    const ds = await latest(client, uri, has(PLACEHOLDER), 'findings once forced');
    assert.deepStrictEqual(ds.find(d => d.code === PLACEHOLDER)!.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 18 } });
  });
});
