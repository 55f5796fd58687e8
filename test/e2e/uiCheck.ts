// Drives the real VS Code UI like a person: opens the fixture policy from the
// Explorer, waits for the squiggles, reads the Problems panel, hovers a
// finding, reads the coverage in the status bar, opens the coverage report and
// follows an evidence link, inspects the grammar's scopes, and applies quick
// fixes from the light bulb and from Ctrl+. — checking the inserted clause and
// the coverage count going up. A screenshot of each step goes to
// test-results/vscode-ui/. Exit code 0 when every step passed.
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../helpers/paths';
import type { Page } from './playwright';
import { copyEditorFixtures, EXTENSION, openBrowser, startVsCodeServer, workbenchUrl } from './workbench';

const SHOTS = path.join(ROOT, 'test-results', 'vscode-ui');
const WAIT = 30_000;

/** Line and column (1-based, as Go to Line wants them) of `needle` in a fixture file. */
function locate(file: string, needle: string): { line: number; column: number } {
  const text = fs.readFileSync(file, 'utf8');
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`“${needle}” not in ${file}`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

class UiCheck {
  private readonly started = Date.now();
  private shot = 0;
  passed: string[] = [];

  constructor(private readonly page: Page, private readonly workspace: string) {}

  log(message: string) {
    console.log(`[ui ${((Date.now() - this.started) / 1000).toFixed(1)}s] ${message}`);
  }

  async screenshot(name: string) {
    const file = path.join(SHOTS, `${String(++this.shot).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  async step(name: string, body: () => Promise<string>) {
    const detail = await body();
    this.passed.push(name);
    this.log(`ok ${name}: ${detail}`);
    await this.screenshot(name);
  }

  async openFromExplorer(file: string) {
    const item = this.page.getByRole('treeitem', { name: file, exact: true });
    await item.waitFor({ timeout: WAIT });
    await item.click();
    await this.page.locator('.tab.active', { hasText: file }).waitFor({ timeout: WAIT });
    await this.page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: WAIT });
  }

  /** Puts the cursor at `needle` in `file` with Go to Line (Ctrl+G), as a keyboard user would. */
  async cursorAt(file: string, needle: string, offset = 0) {
    const { line, column } = locate(path.join(this.workspace, file), needle);
    await this.page.locator('.monaco-editor textarea').first().click({ force: true });
    await this.page.keyboard.press('Control+G');
    await this.page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: WAIT });
    await this.page.keyboard.type(`${line}:${column + offset}`);
    await this.page.keyboard.press('Enter');
    await this.page.waitForTimeout(300);
  }

  /**
   * Opens the quick-fix menu (`open` clicks the light bulb or presses Ctrl+.)
   * until it offers `title`: right after an edit, code actions are still being
   * recomputed and the first request can come back empty, as a person sees too.
   */
  async quickFixMenuWith(title: string, open: () => Promise<void>) {
    const row = this.page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
    const deadline = Date.now() + WAIT;
    for (;;) {
      await open();
      try {
        await row.waitFor({ state: 'visible', timeout: 5000 });
        return row;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await this.page.keyboard.press('Escape');
      }
    }
  }

  async runCommand(title: string) {
    await this.page.keyboard.press('F1');
    await this.page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: WAIT });
    await this.page.keyboard.type(title);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: WAIT });
    await this.page.keyboard.press('Enter');
  }
}

async function main(): Promise<number> {
  fs.rmSync(SHOTS, { recursive: true, force: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  const server = await startVsCodeServer(m => console.log(`[ui] ${m}`));
  const { folder } = copyEditorFixtures(server.scratch);
  const browser = await openBrowser();
  const { page } = browser;
  const ui = new UiCheck(page, folder);
  let failed = false;
  try {
    await page.goto(workbenchUrl(server, { workspace: folder, extensionDevelopmentPath: EXTENSION }));
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    ui.log('workbench loaded');

    await ui.step('squiggles', async () => {
      await ui.openFromExplorer('privacy-policy.md');
      await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ state: 'attached', timeout: 60_000 });
      return `${await page.locator('.monaco-editor .squiggly-warning').count()} warning squiggle(s) in privacy-policy.md`;
    });

    await ui.step('problems', async () => {
      await page.keyboard.press('Control+Shift+M');
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'hygiene/placeholder' }).first();
      await row.waitFor({ timeout: WAIT });
      const text = flat(await row.innerText());
      if (!/Placeholder “\[COMPANY NAME\]” is still in the policy/.test(text)) throw new Error(`Problems row without the message: ${text}`);
      const requirement = page.locator('.markers-panel .monaco-list-row', { hasText: 'gdpr/recipients' }).first();
      await requirement.waitFor({ timeout: WAIT });
      return `${text} | ${flat(await requirement.innerText())}`;
    });

    await ui.step('hover', async () => {
      await ui.cursorAt('privacy-policy.md', '[COMPANY NAME]', 2);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      // The server's hover explains the rule, beside VS Code's rendering of the diagnostic.
      const hover = page.locator('.monaco-hover', { hasText: 'leftover from a template' }).first();
      await hover.waitFor({ state: 'visible', timeout: WAIT });
      const text = flat(await hover.innerText());
      if (!text.includes('hygiene/placeholder — Template placeholders left in the policy')) throw new Error(`hover without the rule title: ${text}`);
      return text.slice(0, 200);
    });

    let coverageBefore = '';
    await ui.step('status-bar', async () => {
      await page.keyboard.press('Escape');
      const item = page.locator('.statusbar-item', { hasText: /GDPR \d+\/\d+ · CCPA \d+\/\d+/ }).first();
      await item.waitFor({ timeout: WAIT });
      coverageBefore = flat(await item.innerText());
      return coverageBefore;
    });

    await ui.step('coverage-report', async () => {
      await page.locator('.statusbar-item', { hasText: /GDPR \d+\/\d+/ }).first().click();
      await page.locator('.tab', { hasText: 'Coverage: privacy-policy.md' }).first().waitFor({ timeout: WAIT });
      const report = page.frameLocator('iframe.webview').frameLocator('#active-frame');
      const missing = report.locator('tr.missing', { hasText: 'gdpr/complaint-to-authority' }).first();
      await missing.waitFor({ timeout: WAIT });
      const retention = report.locator('tr.present', { hasText: 'gdpr/retention-period' }).first();
      const row = flat(await retention.innerText());
      // Evidence links reveal the clause in the policy: the editor selects it.
      await retention.locator('a.evidence').first().click();
      const selection = page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+ \(\d+ selected\)/ }).first();
      await selection.waitFor({ timeout: WAIT });
      return `${row.slice(0, 140)} → ${flat(await selection.innerText())}`;
    });

    await ui.step('token-scopes', async () => {
      await ui.cursorAt('privacy-policy.md', 'Art. 6(1)(b)', 1);
      await ui.runCommand('Developer: Inspect Editor Tokens and Scopes');
      const widget = page.locator('.token-inspect-widget').first();
      await widget.waitFor({ state: 'visible', timeout: WAIT });
      const text = flat(await widget.innerText());
      if (!text.includes('constant.numeric.citation.clausewise')) throw new Error(`citation scope missing: ${text}`);
      return 'Art. 6(1)(b) is scoped constant.numeric.citation.clausewise';
    });

    const clause = 'Insert a clause “Your Right to Lodge a Complaint” after “Your rights”';
    await ui.step('light-bulb-menu', async () => {
      await page.keyboard.press('Escape');
      await ui.cursorAt('privacy-policy.md', 'Your rights', 2);
      const bulb = page.locator('.monaco-editor .lightBulbWidget').first();
      await ui.quickFixMenuWith(clause, async () => {
        await bulb.waitFor({ state: 'visible', timeout: WAIT });
        await bulb.click();
      });
      return `light bulb offers “${clause}”`;
    });

    await ui.step('light-bulb-fix-applied', async () => {
      await page.locator('.action-widget .monaco-list-row', { hasText: clause }).first().click();
      await page.locator('.monaco-editor .view-line', { hasText: '## Your Right to Lodge a Complaint' }).first().waitFor({ timeout: WAIT });
      const present = (s: string) => Number(/GDPR (\d+)\//.exec(s)?.[1]);
      const after = page.locator('.statusbar-item', { hasText: `GDPR ${present(coverageBefore) + 1}/` }).first();
      await after.waitFor({ timeout: WAIT });
      return `clause inserted, requirement now present: status bar ${coverageBefore} → ${flat(await after.innerText())}`;
    });

    const recipients = 'Insert a clause “Recipients of Your Personal Data” after “Sharing”';
    await ui.step('quick-fix-menu', async () => {
      await ui.cursorAt('privacy-policy.md', '3. Sharing', 4);
      await ui.quickFixMenuWith(recipients, () => page.keyboard.press('Control+.'));
      return `Ctrl+. offers “${recipients}”`;
    });

    await ui.step('quick-fix-applied', async () => {
      await page.locator('.action-widget .monaco-list-row', { hasText: recipients }).first().click();
      await page.locator('.monaco-editor .view-line', { hasText: '## Recipients of Your Personal Data' }).first().waitFor({ timeout: WAIT });
      const after = page.locator('.statusbar-item', { hasText: /GDPR \d+\/\d+/ }).first();
      const present = async () => Number(/GDPR (\d+)\//.exec(await after.innerText())?.[1]);
      const deadline = Date.now() + WAIT;
      while ((await present()) < Number(/GDPR (\d+)\//.exec(coverageBefore)?.[1]) + 2) {
        if (Date.now() > deadline) throw new Error(`status bar did not count the second clause: ${await after.innerText()}`);
        await page.waitForTimeout(200);
      }
      return `clause inserted; status bar ${flat(await after.innerText())}`;
    });
  } catch (error) {
    failed = true;
    console.error(`[ui] FAILED after: ${ui.passed.join(', ') || 'nothing'}\n${error instanceof Error ? error.message : String(error)}`);
    await page.screenshot({ path: path.join(SHOTS, 'failure.png') }).catch(() => undefined);
  } finally {
    await browser.close();
    await server.stop(failed && !!process.env.CLAUSEWISE_E2E_KEEP);
  }
  console.log(`UI check: ${ui.passed.length} step(s) passed${failed ? ', 1 failed' : ''}; screenshots in ${path.relative(ROOT, SHOTS)}/`);
  return failed ? 1 : 0;
}

main().then(
  code => process.exit(code),
  error => {
    console.error('[ui] harness error:', error);
    process.exit(2);
  },
);
