import * as fs from 'fs';
import * as path from 'path';

/** Every policy text (.md, .txt) under `dir`, recursively, in directory order. */
export function policyFilesUnder(dir: string): string[] {
  const files: string[] = [];
  const walk = (at: string) => {
    for (const e of fs.readdirSync(at, { withFileTypes: true })) {
      const p = path.join(at, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(?:md|txt)$/.test(e.name)) files.push(p);
    }
  };
  walk(dir);
  return files;
}
