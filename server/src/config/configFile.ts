import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

export const CONFIG_NAMES = ['.clausewise.yaml', '.clausewise.yml'];

/** A `.clausewise.yaml`: the same keys as the `clausewise.*` settings. */
export interface ConfigFile {
  path: string;
  jurisdictions?: string[];
  rules?: Record<string, string>;
  asOf?: string;
  files?: string[];
}

export class ConfigError extends Error {}

/** Finds the nearest config file upward from a directory, as markdownlint does. */
export function findConfigFile(startDir: string, stopAt?: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = path.join(dir, name);
      if (fs.existsSync(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir || (stopAt && path.resolve(dir) === path.resolve(stopAt))) return undefined;
    dir = parent;
  }
}

/** Reads and checks a config file; throws ConfigError with a message fit for a user. */
export function readConfigFile(file: string): ConfigFile {
  let raw: unknown;
  try {
    raw = parse(fs.readFileSync(file, 'utf8'), { maxAliasCount: 50 });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ConfigError(`config file not found: ${file}`);
    if (code === 'EACCES') throw new ConfigError(`config file not readable: ${file}`);
    throw new ConfigError(`${file}: not valid YAML: ${String((e as Error).message).split('\n')[0]}`);
  }
  const out: ConfigFile = { path: file };
  if (raw === null || raw === undefined) return out;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${file}: must be a mapping (jurisdictions, rules, asOf, files)`);
  const r = raw as Record<string, unknown>;
  const list = (key: string) => {
    const v = r[key];
    if (v === undefined) return undefined;
    if (typeof v === 'string') return v.split(/[,\s]+/).filter(Boolean);
    if (Array.isArray(v) && v.every(x => typeof x === 'string')) return v as string[];
    throw new ConfigError(`${file}: \`${key}\` must be a list of strings`);
  };
  out.jurisdictions = list('jurisdictions');
  out.files = list('files');
  if (r.asOf !== undefined) {
    const v = r.asOf instanceof Date ? r.asOf.toISOString().slice(0, 10) : r.asOf;
    if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new ConfigError(`${file}: \`asOf\` must be a date YYYY-MM-DD`);
    out.asOf = v;
  }
  if (r.rules !== undefined) {
    if (!r.rules || typeof r.rules !== 'object' || Array.isArray(r.rules)) throw new ConfigError(`${file}: \`rules\` must map rule ids to a severity or off`);
    out.rules = {};
    for (const [k, v] of Object.entries(r.rules as Record<string, unknown>)) {
      if (v === false) out.rules[k] = 'off';
      else if (typeof v === 'string' && ['error', 'warning', 'info', 'hint', 'off'].includes(v)) out.rules[k] = v;
      else throw new ConfigError(`${file}: rules.${k} must be error, warning, info, hint or off`);
    }
  }
  return out;
}
