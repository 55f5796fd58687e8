import * as fs from 'fs';
import * as path from 'path';

const POLICY_EXTENSIONS = /\.(md|markdown|txt)$/i;
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
/** Project documents that are never policies: a directory walk passes them over (named explicitly, they are checked). */
const NOT_POLICIES = /^(?:readme|changelog|changes|contributing|code_of_conduct|license|licence|authors|security)(?:\.|$)/i;

export interface InputFile {
  path: string;
}

/** Expands PATH arguments into files; problems are reported, never thrown. */
export function collectFiles(paths: string[], problem: (message: string) => void): InputFile[] {
  const out: InputFile[] = [];
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      problem(`${p}: ${describe(e)}`);
      continue;
    }
    if (stat.isDirectory()) {
      const before = out.length;
      walk(p, out, problem);
      if (out.length === before) problem(`${p}: no policy files (*.md, *.markdown, *.txt) found in this directory`);
    } else out.push({ path: p });
  }
  return out;
}

function walk(dir: string, out: InputFile[], problem: (message: string) => void) {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    problem(`${dir}: ${describe(e)}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIPPED_DIRS.has(e.name)) walk(full, out, problem);
    } else if (POLICY_EXTENSIONS.test(e.name) && !NOT_POLICIES.test(e.name)) out.push({ path: full });
  }
}

/** Reads a policy as text; refuses binary files (NUL bytes in the first 8 KB). */
export function readPolicy(file: string): { text: string } | { error: string } {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    return { error: describe(e) };
  }
  if (buf.subarray(0, 8192).includes(0)) return { error: 'looks like a binary file, not a policy text; skipped' };
  return { text: buf.toString('utf8') };
}

function describe(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return err.message ?? String(e);
  }
}
