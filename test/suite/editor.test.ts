// Clausewise in a real VS Code: the extension activates, its language server
// checks the fixture workspace (test/fixtures/editor), and hovers, code
// actions, settings, config files and commands behave as a user sees them.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CoverageReport } from '../../server/src/lsp/report';
import { codeOf, describe as describeDiagnostics, diagnosticsWhere, EXTENSION_ID, fileIn, folder, hoverText, open, ours, rangeOf, settle, withoutRule, withRule } from './vscodeHelpers';

const PLACEHOLDER = 'hygiene/placeholder';
const ASSUMED = 'general/jurisdictions-assumed';

async function setFolderSetting(key: string, value: unknown, folderIndex = 0) {
  await vscode.workspace.getConfiguration('clausewise', folder(folderIndex)).update(key, value, vscode.ConfigurationTarget.WorkspaceFolder);
}

async function closeAll() {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

describe('Clausewise in VS Code', function () {
  this.timeout(90_000);

  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded from the development path`);
    await extension.activate();
  });

  afterEach(closeAll);

  it('reports a placeholder with its rule id, exact range and severity', async () => {
    const editor = await open(fileIn('privacy-policy.md'));
    const found = await diagnosticsWhere(editor.document.uri, withRule(PLACEHOLDER), PLACEHOLDER);
    const placeholder = found.find(d => codeOf(d) === PLACEHOLDER)!;
    assert.deepStrictEqual(placeholder.range, rangeOf(editor.document, '[COMPANY NAME]'));
    assert.strictEqual(placeholder.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(placeholder.message, /Placeholder “\[COMPANY NAME\]” is still in the policy/);
    // The front matter declares the laws: nothing is "assumed".
    assert.ok(!found.some(d => codeOf(d) === ASSUMED), describeDiagnostics(found));
  });

  it('applies the quick fix that declares the assumed jurisdictions in front matter', async () => {
    const editor = await open(fileIn('data-notice.md'));
    const doc = editor.document;
    const [assumed] = (await diagnosticsWhere(doc.uri, withRule(ASSUMED), ASSUMED)).filter(d => codeOf(d) === ASSUMED);
    assert.deepStrictEqual(assumed.range, rangeOf(doc, 'Data Notice'));
    assert.strictEqual(assumed.severity, vscode.DiagnosticSeverity.Information);
    assert.match(assumed.message, /Checked against GDPR because the text mentions “GDPR”/);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, assumed.range, vscode.CodeActionKind.QuickFix.value);
    const declare = actions.find(a => a.title === 'Declare jurisdictions [gdpr] in a front matter block');
    assert.ok(declare?.edit, `quick fix expected, got ${JSON.stringify(actions.map(a => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(declare.edit));
    assert.ok(doc.getText().startsWith('---\nclausewise:\n  jurisdictions: [gdpr]\n---\n\n# Data Notice\n'), doc.getText());
    await diagnosticsWhere(doc.uri, withoutRule(ASSUMED), `${ASSUMED} to go once the front matter declares the law`);
  });

  it('explains a missing disclosure in its hover and inserts the clause from its quick fix', async () => {
    const editor = await open(fileIn('privacy-policy.md'));
    const doc = editor.document;
    const rule = 'gdpr/complaint-to-authority';
    const [missing] = (await diagnosticsWhere(doc.uri, withRule(rule), rule)).filter(d => codeOf(d) === rule);
    const rightsHeading = rangeOf(doc, '## 5. Your rights');
    assert.strictEqual(missing.range.start.line, rightsHeading.start.line, 'reported on the rights section it belongs in');
    assert.strictEqual(missing.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(missing.message, /complaint with a data protection supervisory authority.*\(GDPR Art\. 13\(2\)\(d\), Art\. 77\)$/);

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, missing.range.start.translate(0, 1));
    const hover = hoverText(hovers);
    assert.ok(hover.includes(`**${rule}**`), `hover names the rule: ${hover}`);
    assert.match(hover, /supervisory authority/i);

    const completions = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(doc.lineCount - 1, 0));
    const clause = completions.items.find(i => i.detail === `Missing · ${rule}`);
    assert.ok(clause, `a completion for the missing clause: ${JSON.stringify(completions.items.map(i => i.detail).filter(Boolean).slice(0, 20))}`);
    assert.strictEqual(typeof clause.label === 'string' ? clause.label : clause.label.label, 'Your Right to Lodge a Complaint');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, missing.range, vscode.CodeActionKind.QuickFix.value);
    const insert = actions.find(a => a.title === 'Insert a clause “Your Right to Lodge a Complaint” after “Your rights”');
    assert.ok(insert?.edit, `quick fix expected, got ${JSON.stringify(actions.map(a => a.title))}`);
    const before = doc.getText();
    assert.ok(await vscode.workspace.applyEdit(insert.edit));
    const after = doc.getText();
    const inserted = after.indexOf('## Your Right to Lodge a Complaint\n\nYou have the right to lodge a complaint with a supervisory authority');
    assert.ok(inserted > after.indexOf('Cal. Civ. Code § 1798.100 to § 1798.199.') && inserted < after.indexOf('## 6. Contact'), `inserted at the end of “Your rights”:\n${after}`);
    assert.strictEqual(after.replace(/\n\n## Your Right to Lodge a Complaint\n[\s\S]*?(?=\n\n## 6\. Contact)/, ''), before, 'nothing else changed');
    await diagnosticsWhere(doc.uri, withoutRule(rule), `${rule} satisfied by the inserted clause`);
  });

  it('follows edits: typing the real name removes the placeholder finding', async () => {
    const editor = await open(fileIn('privacy-policy.md'));
    await diagnosticsWhere(editor.document.uri, withRule(PLACEHOLDER), PLACEHOLDER);
    const range = rangeOf(editor.document, '[COMPANY NAME]');
    assert.ok(await editor.edit(b => b.replace(range, 'Northwind Travel GmbH')));
    await diagnosticsWhere(editor.document.uri, withoutRule(PLACEHOLDER), 'no placeholder after the edit');
    assert.ok(await editor.edit(b => b.insert(new vscode.Position(9, 0), 'Contact: {{dpo_email}}\n')));
    const moved = (await diagnosticsWhere(editor.document.uri, withRule(PLACEHOLDER), 'the new placeholder')).find(d => codeOf(d) === PLACEHOLDER)!;
    assert.deepStrictEqual(moved.range, rangeOf(editor.document, '{{dpo_email}}'));
  });

  it('re-checks open policies when a rule setting changes (severity, then off)', async () => {
    const uri = fileIn('privacy-policy.md');
    await open(uri);
    await diagnosticsWhere(uri, ds => ds.some(d => codeOf(d) === PLACEHOLDER && d.severity === vscode.DiagnosticSeverity.Warning), 'a placeholder warning');
    try {
      await setFolderSetting('rules', { [PLACEHOLDER]: 'error' });
      await diagnosticsWhere(uri, ds => ds.some(d => codeOf(d) === PLACEHOLDER && d.severity === vscode.DiagnosticSeverity.Error), 'the placeholder as an error');
      await setFolderSetting('rules', { 'hygiene/*': 'off' });
      await diagnosticsWhere(uri, withoutRule(PLACEHOLDER), 'no placeholder with hygiene/* off');
    } finally {
      await setFolderSetting('rules', undefined);
    }
    await diagnosticsWhere(uri, ds => ds.some(d => codeOf(d) === PLACEHOLDER && d.severity === vscode.DiagnosticSeverity.Warning), 'the warning back after the reset');
  });

  it('reads settings per workspace folder (multi-root)', async () => {
    const first = fileIn('privacy-policy.md', 0);
    const second = fileIn('privacy-policy.md', 1);
    await open(first);
    await open(second);
    // second-folder/.vscode/settings.json raises the placeholder to an error; the first folder keeps the default.
    await diagnosticsWhere(second, ds => ds.some(d => codeOf(d) === PLACEHOLDER && d.severity === vscode.DiagnosticSeverity.Error), 'an error in the second folder');
    await diagnosticsWhere(first, ds => ds.some(d => codeOf(d) === PLACEHOLDER && d.severity === vscode.DiagnosticSeverity.Warning), 'a warning in the first folder');
  });

  it('re-checks when a .clausewise.yaml appears, changes and goes', async () => {
    const uri = fileIn('legal/cookie-notice.md');
    const config = fileIn('legal/.clausewise.yaml');
    await open(uri);
    await diagnosticsWhere(uri, ds => withRule(PLACEHOLDER)(ds) && withRule(ASSUMED)(ds), 'placeholder and assumed laws without a config file');
    try {
      await vscode.workspace.fs.writeFile(config, Buffer.from('jurisdictions: [ccpa]\nrules:\n  hygiene/placeholder: error\n'));
      const withConfig = await diagnosticsWhere(uri, ds => ds.some(d => codeOf(d) === PLACEHOLDER && d.severity === vscode.DiagnosticSeverity.Error), 'the config file’s severity');
      assert.ok(!withConfig.some(d => codeOf(d) === ASSUMED), `the config names the law: ${describeDiagnostics(withConfig)}`);
      await vscode.workspace.fs.writeFile(config, Buffer.from('jurisdictions: [ccpa]\nrules:\n  hygiene/placeholder: "off"\n'));
      await diagnosticsWhere(uri, withoutRule(PLACEHOLDER), 'the placeholder switched off by the edited config');
      // A setting wins over the config file.
      await setFolderSetting('rules', { [PLACEHOLDER]: 'hint' });
      await diagnosticsWhere(uri, ds => ds.some(d => codeOf(d) === PLACEHOLDER && d.severity === vscode.DiagnosticSeverity.Hint), 'the setting’s severity over the config file’s');
      await setFolderSetting('rules', undefined);
    } finally {
      await vscode.workspace.fs.delete(config).then(undefined, () => undefined);
    }
    await diagnosticsWhere(uri, ds => ds.some(d => codeOf(d) === PLACEHOLDER && d.severity === vscode.DiagnosticSeverity.Warning) && withRule(ASSUMED)(ds), 'the defaults back once the config file is deleted');
  });

  it('gives a README and other notes no legal findings, until asked to check a file as a policy', async () => {
    const policy = fileIn('privacy-policy.md');
    await open(policy);
    await diagnosticsWhere(policy, withRule(PLACEHOLDER), 'the policy checked (the server is up)');
    const readme = fileIn('README.md');
    const notes = fileIn('notes.md');
    await open(readme);
    await open(notes);
    await settle(1500);
    assert.deepStrictEqual(ours(readme), [], 'README.md: no findings');
    assert.deepStrictEqual(ours(notes), [], 'notes.md: no findings before the command');
    assert.strictEqual(await vscode.commands.executeCommand('clausewise.showCoverageReport', readme), undefined, 'no coverage report for a README');

    await vscode.commands.executeCommand('clausewise.checkAsPolicy', notes);
    const found = await diagnosticsWhere(notes, withRule(PLACEHOLDER), 'findings once checked as a policy');
    const notesDoc = await vscode.workspace.openTextDocument(notes);
    assert.deepStrictEqual(found.find(d => codeOf(d) === PLACEHOLDER)!.range, rangeOf(notesDoc, '[COMPANY NAME]'));
    assert.deepStrictEqual(ours(readme), [], 'README.md still clean');
  });

  it('checks files matched by the clausewise.files globs', async () => {
    const terms = fileIn('drafts/terms.md');
    await open(terms);
    await settle(1000);
    assert.deepStrictEqual(ours(terms), [], 'terms.md is not a policy by name or title');
    try {
      await setFolderSetting('files', ['drafts/*.md']);
      await diagnosticsWhere(terms, withRule(PLACEHOLDER), 'findings once the glob names the file');
    } finally {
      await setFolderSetting('files', undefined);
    }
    await diagnosticsWhere(terms, ds => ds.length === 0, 'no findings once the glob is gone');
  });

  it('outlines and folds pasted text by its implicit headings', async () => {
    const uri = fileIn('pasted-statement.md');
    const { document } = await open(uri);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
    const flat = (list: vscode.DocumentSymbol[]): vscode.DocumentSymbol[] => list.flatMap(s => [s, ...flat(s.children ?? [])]);
    const all = flat(symbols ?? []);
    // The numbered lines are headings; whether the all-caps title line is one too is the model's call.
    assert.deepStrictEqual(all.map(s => s.name).filter(n => n !== 'PRIVACY STATEMENT'), ['1. Who we are', '2. What we collect', '3. Your choices'], 'numbered as written');
    const who = all.find(s => s.name === '1. Who we are')!;
    assert.deepStrictEqual(who.selectionRange, rangeOf(document, 'Who we are'));
    assert.strictEqual(who.range.start.line, rangeOf(document, '1. Who we are').start.line);
    assert.ok(who.range.contains(rangeOf(document, 'Fjord Labs AS runs the Fjord website')), 'the section covers its body');
    assert.ok(who.range.end.isBeforeOrEqual(rangeOf(document, '2. What we collect').start), 'and ends before the next heading');

    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri);
    const whoLine = who.range.start.line;
    assert.ok(folds.some(f => f.start === whoLine && f.end === whoLine + 1), `a fold for “1. Who we are”: ${JSON.stringify(folds)}`);
  });

  it('shows the coverage report and exports it as Markdown', async () => {
    const uri = fileIn('privacy-policy.md');
    await open(uri);
    await diagnosticsWhere(uri, withRule(PLACEHOLDER), 'the policy checked');
    const report = await vscode.commands.executeCommand<CoverageReport>('clausewise.showCoverageReport', uri);
    assert.ok(report, 'a report for the policy');
    assert.deepStrictEqual(report.jurisdictions, ['gdpr', 'ccpa']);
    assert.strictEqual(report.fileName, 'privacy-policy.md');
    assert.strictEqual(report.title, 'Privacy Policy');
    assert.match(report.text, /^GDPR \d+\/\d+ · CCPA \d+\/\d+$/);
    for (const r of report.requirements) assert.ok(['gdpr', 'ccpa'].includes(r.jurisdiction) && r.id.startsWith(`${r.jurisdiction}/`), r.id);

    const memo = await vscode.commands.executeCommand<vscode.TextDocument>('clausewise.exportCoverageReport', uri);
    assert.strictEqual(memo.languageId, 'markdown');
    assert.strictEqual(memo.uri.scheme, 'untitled');
    assert.strictEqual(memo.getText(), report.markdown);
    assert.match(memo.getText(), /^# Coverage report\n\nDocument: Privacy Policy \(`privacy-policy\.md`\)/);
    assert.match(memo.getText(), /^## GDPR/m);
    await settle(1000);
    assert.deepStrictEqual(ours(memo.uri), [], 'the exported memo is not itself checked as a policy');
  });
});
