// Runs the extension-host suite (test/suite) inside a real VS Code extension
// host: VS Code's server from the e2e kit, its web workbench in headless
// Chromium. The same suite runs under @vscode/test-electron (test/runVscodeTests.ts).
// Exit code: 0 when every test passed, 1 when one failed, 2 when the harness could not run.
import * as path from 'path';
import { format } from 'util';
import { ROOT } from '../helpers/paths';
import { copyEditorFixtures, EXTENSION, openBrowser, startVsCodeServer, workbenchUrl } from './workbench';

const TIMEOUT_MS = Number(process.env.CLAUSEWISE_E2E_TIMEOUT_MS ?? 300_000);
/** Workbench chatter of an offline browser session that says nothing about the extension. */
const NOISE = /open-vsx\.org|Failed to load resource|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|authentication provider|marketplace/i;

async function main(): Promise<number> {
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  const server = await startVsCodeServer(m => console.error(`[e2e ${elapsed()}] ${m}`));
  let exitCode = 2;
  try {
    const { workspaceFile } = copyEditorFixtures(server.scratch);
    const browser = await openBrowser();
    try {
      let finish!: (code: number | 'timeout') => void;
      const finished = new Promise<number | 'timeout'>(r => (finish = r));
      // The workbench hands the extension host's console to codeAutomationLog
      // and the result of the suite's run() to codeAutomationExit.
      await browser.page.exposeFunction('codeAutomationLog', (_type: string, args: unknown) => {
        const line = format(...([] as unknown[]).concat(args));
        if (!NOISE.test(line)) console.log(line);
      });
      await browser.page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
      const timer = setTimeout(() => finish('timeout'), TIMEOUT_MS);
      await browser.page.goto(
        workbenchUrl(server, {
          workspace: workspaceFile,
          extensionDevelopmentPath: EXTENSION,
          extensionTestsPath: path.join(ROOT, 'out', 'test', 'suite', 'index.js'),
        }),
      );
      const result = await finished;
      clearTimeout(timer);
      if (result === 'timeout') {
        const shot = path.join(ROOT, 'test-results', 'extension-tests-timeout.png');
        await browser.page.screenshot({ path: shot }).catch(() => undefined);
        console.error(`[e2e ${elapsed()}] the suite did not finish within ${TIMEOUT_MS} ms; screenshot ${shot}`);
        exitCode = 2;
      } else {
        exitCode = result === 0 ? 0 : 1;
      }
      console.error(`[e2e ${elapsed()}] extension-host suite ${exitCode === 0 ? 'passed' : 'FAILED'} (exit ${result})`);
    } finally {
      await browser.close();
    }
  } finally {
    const keep = exitCode !== 0 && !!process.env.CLAUSEWISE_E2E_KEEP;
    await server.stop(keep);
    if (keep) console.error(`[e2e] kept ${server.scratch} (server.log, profile)`);
  }
  return exitCode;
}

main().then(
  code => process.exit(code),
  error => {
    console.error('[e2e] harness error:', error);
    process.exit(2);
  },
);
