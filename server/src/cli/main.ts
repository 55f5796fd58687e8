// The command-line checker: the same engine as the language server, for CI.
import * as path from 'path';
import { analyze } from '../analysis';
import { ConfigError, findConfigFile, readConfigFile, type ConfigFile } from '../config/configFile';
import { parseCheckArgs, USAGE, UsageError, type FailOn } from './args';
import { collectFiles, readPolicy } from './files';
import { formatJson, formatSarif, formatText, type CheckedFile } from './formats';
import type { Severity } from '../analysis';

const VERSION = '0.1.0';
const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };
const THRESHOLD: Record<FailOn, number> = { error: 3, warning: 2, info: 1, never: Infinity };

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}

/** Runs the CLI; returns the exit status (0, 1 or 2). */
export function runCli(argv: string[], io: CliIO): number {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE + '\n');
    return command ? 0 : 2;
  }
  if (command === '--version') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (command !== 'check') {
    io.stderr(`clausewise: unknown command "${command}"\n${USAGE}\n`);
    return 2;
  }
  let args;
  try {
    args = parseCheckArgs(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`clausewise: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }

  let failedInput = false;
  const problem = (m: string) => {
    failedInput = true;
    io.stderr(`clausewise: ${m}\n`);
  };
  let explicitConfig: ConfigFile | undefined;
  if (args.config) {
    try {
      explicitConfig = readConfigFile(path.resolve(io.cwd, args.config));
    } catch (e) {
      io.stderr(`clausewise: ${e instanceof ConfigError ? e.message : String(e)}\n`);
      return 2;
    }
  }

  const checked: CheckedFile[] = [];
  const configs = new Map<string, ConfigFile | null>();
  for (const input of collectFiles(args.paths.map(p => path.resolve(io.cwd, p)), problem)) {
    const read = readPolicy(input.path);
    const shown = path.relative(io.cwd, input.path) || input.path;
    if ('error' in read) {
      problem(`${shown}: ${read.error}`);
      continue;
    }
    const config = explicitConfig ?? nearestConfig(path.dirname(input.path), configs, problem);
    const result = analyze(read.text, {
      jurisdictions: args.jurisdictions,
      defaultJurisdictions: config?.jurisdictions,
      rules: config?.rules,
      asOf: args.asOf ?? config?.asOf,
    });
    checked.push({ path: shown, result });
  }

  if (args.format === 'json') io.stdout(formatJson(checked));
  else if (args.format === 'sarif') io.stdout(formatSarif(checked, VERSION));
  else io.stdout(formatText(checked));

  if (failedInput) return 2;
  const worst = Math.max(-1, ...checked.flatMap(c => c.result.findings.map(f => RANK[f.severity])));
  return worst >= THRESHOLD[args.failOn] ? 1 : 0;
}

function nearestConfig(dir: string, cache: Map<string, ConfigFile | null>, problem: (m: string) => void): ConfigFile | undefined {
  if (cache.has(dir)) return cache.get(dir) ?? undefined;
  let config: ConfigFile | null = null;
  const found = findConfigFile(dir);
  if (found) {
    try {
      config = readConfigFile(found);
    } catch (e) {
      problem(e instanceof ConfigError ? e.message : String(e));
    }
  }
  cache.set(dir, config);
  return config ?? undefined;
}

if (require.main === module) {
  const code = runCli(process.argv.slice(2), { stdout: s => process.stdout.write(s), stderr: s => process.stderr.write(s), cwd: process.cwd() });
  process.exitCode = code;
}
