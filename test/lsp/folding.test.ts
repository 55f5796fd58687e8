import * as assert from 'assert';
import type { FoldingRange } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';

const URI = 'file:///tmp/clausewise-folding/privacy-policy.md';
const TEXT = [
  '---', // 0
  'clausewise:', // 1
  '  jurisdictions: [gdpr]', // 2
  '---', // 3
  '', // 4
  '# Privacy Policy', // 5
  '', // 6
  'Intro line.', // 7
  '', // 8
  '## Data we collect', // 9
  '', // 10
  'Email addresses.', // 11
  '', // 12
  '', // 13
  '## Contact', // 14
  '', // 15
  'Write to us.', // 16
  '',
].join('\n');

describe('folding ranges', function () {
  let client: LspClient;
  afterEach(async () => {
    if (client && client.process.exitCode === null) await client.shutdown().catch(() => client.process.kill());
  });

  it('folds the front matter and each section up to its last non-blank line', async () => {
    client = new LspClient();
    const init = await client.initialize({});
    assert.ok(init.capabilities.foldingRangeProvider);
    await client.open(URI, TEXT);
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: URI } });
    const byStart = new Map(ranges.map(r => [r.startLine, r]));
    assert.deepStrictEqual(byStart.get(0), { startLine: 0, endLine: 3, kind: 'region' });
    assert.deepStrictEqual(byStart.get(5), { startLine: 5, endLine: 16 });
    assert.deepStrictEqual(byStart.get(9), { startLine: 9, endLine: 11 }, 'trailing blank lines stay unfolded');
    assert.deepStrictEqual(byStart.get(14), { startLine: 14, endLine: 16 });
    assert.strictEqual(ranges.length, 4);
  });

  it('gives no ranges for a file that is not a policy', async () => {
    client = new LspClient();
    await client.initialize({});
    const uri = 'file:///tmp/clausewise-folding/README.md';
    await client.open(uri, '# Project\n\nText.\n\n## Install\n\nRun it.\n');
    assert.deepStrictEqual(await client.request('textDocument/foldingRange', { textDocument: { uri } }), []);
  });
});
