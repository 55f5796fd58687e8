import * as assert from 'assert';
import { LspClient } from '../helpers/lspClient';

const URI = 'file:///tmp/clausewise-test/privacy-policy.md';
const TEXT = '# Privacy Policy\n\nWe are [COMPANY NAME].\n';

describe('language server over stdio', function () {
  let client: LspClient;
  afterEach(async () => {
    if (client && client.process.exitCode === null) await client.shutdown().catch(() => client.process.kill());
  });

  it('publishes diagnostics with the rule id and the exact range, then follows edits', async () => {
    client = new LspClient();
    const init = await client.initialize({ workspace: { configuration: false } });
    assert.strictEqual((init.capabilities.textDocumentSync as { change: number }).change, 2, 'incremental sync');
    await client.open(URI, TEXT, 1);
    const first = await client.diagnostics(URI, 1);
    const placeholder = first.find(d => d.code === 'hygiene/placeholder');
    assert.ok(placeholder, `placeholder diagnostic expected, got ${JSON.stringify(first)}`);
    assert.deepStrictEqual(placeholder.range, { start: { line: 2, character: 7 }, end: { line: 2, character: 21 } });
    assert.strictEqual(placeholder.source, 'clausewise');

    // Replace the placeholder with a real name: the diagnostic goes away.
    await client.change(URI, 2, [{ range: placeholder.range, text: 'Acme Ltd' }]);
    const second = await client.diagnostics(URI, 2);
    assert.ok(!second.some(d => d.code === 'hygiene/placeholder'), JSON.stringify(second));

    // Insert a line above: a new placeholder lands on the shifted line.
    await client.change(URI, 3, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'Contact: {{email}}\n' }]);
    const third = await client.diagnostics(URI, 3);
    const moved = third.find(d => d.code === 'hygiene/placeholder');
    assert.deepStrictEqual(moved?.range, { start: { line: 1, character: 9 }, end: { line: 1, character: 18 } });

    assert.strictEqual(await client.shutdown(), 0);
  });

  it('answers pull diagnostics when the client supports them', async () => {
    client = new LspClient();
    const init = await client.initialize({ textDocument: { diagnostic: { dynamicRegistration: false } } });
    assert.ok(init.capabilities.diagnosticProvider, 'diagnosticProvider advertised');
    await client.open(URI, TEXT, 1);
    const report = await client.request<{ kind: string; items: { code: string }[] }>('textDocument/diagnostic', { textDocument: { uri: URI } });
    assert.strictEqual(report.kind, 'full');
    assert.ok(report.items.some(d => d.code === 'hygiene/placeholder'));
    assert.strictEqual(client.allPublished(URI).length, 0, 'no push diagnostics in pull mode');
  });

  it('gives a README no legal findings', async () => {
    client = new LspClient();
    await client.initialize({});
    const uri = 'file:///tmp/clausewise-test/README.md';
    await client.open(uri, '# My project\n\nTODO: write docs\n', 1);
    assert.deepStrictEqual(await client.diagnostics(uri, 1), []);
  });
});
