// The extension-host suite's entry point, in the shape @vscode/test-electron
// expects: run() resolves when every test passed. Launched by
// test/e2e/runExtensionTests.ts (VS Code server + web workbench) and by
// test/runVscodeTests.ts (downloaded VS Code desktop).
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.CLAUSEWISE_SUITE_GREP;
  if (grep) mocha.grep(grep);
  for (const file of fs.readdirSync(__dirname).sort()) if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    const runner = mocha.run(failures => {
      // The line CI logs show: the launchers only see the exit code.
      console.log(`extension-host suite: ${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      if (failures) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
  });
}
