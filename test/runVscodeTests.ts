// Runs the extension-host suite (test/suite) in VS Code desktop, downloaded by
// @vscode/test-electron: `npm run test:vscode`, wherever that download is
// reachable. Offline, test/e2e/runExtensionTests.ts runs the same suite in
// VS Code's server + web workbench instead (`npm run test:e2e`).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { ROOT } from './helpers/paths';

async function main(): Promise<number> {
  // The suite edits files and writes settings: give it a copy of the fixtures.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'clausewise-vscode-'));
  fs.cpSync(path.join(ROOT, 'test', 'fixtures', 'editor'), scratch, { recursive: true });
  try {
    await runTests({
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'out', 'test', 'suite', 'index.js'),
      launchArgs: [path.join(scratch, 'clausewise.code-workspace'), '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--user-data-dir', path.join(scratch, 'user-data')],
    });
    return 0;
  } catch (error) {
    console.error(`VS Code tests failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

void main().then(code => process.exit(code));
