import * as fs from 'fs';
import * as path from 'path';
import { LineCounter, parseDocument } from 'yaml';
import { validate, type Schema } from './schema';

/** One YAML file of legal knowledge and the shape its entries must have. */
export interface KnowledgeFile<T> {
  file: string;
  schema: Schema;
  /** Cross-entry checks (duplicate ids, references to other files); return messages with paths. */
  check?: (value: T) => { path: (string | number)[]; message: string }[];
}

export class KnowledgeError extends Error {}

let knowledgeDir: string | undefined;

/** server/knowledge, found upward from this file (works from out/, dist/ and the .vsix). */
export function findKnowledgeDir(): string {
  if (knowledgeDir) return knowledgeDir;
  if (process.env.CLAUSEWISE_KNOWLEDGE_DIR) return (knowledgeDir = process.env.CLAUSEWISE_KNOWLEDGE_DIR);
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, 'server', 'knowledge');
    if (fs.existsSync(path.join(candidate, 'jurisdictions.yaml'))) return (knowledgeDir = candidate);
    dir = path.dirname(dir);
  }
  throw new KnowledgeError(`Clausewise cannot find its knowledge files (server/knowledge) above ${__dirname}.`);
}

const cache = new Map<string, unknown>();
/** The last directory each file was loaded from: rules ask for their knowledge on every analysis, and a path join each time adds up. */
const lastLoaded = new Map<KnowledgeFile<unknown>, { dir: string; value: unknown }>();

/** Loads and validates a knowledge file once; a malformed entry throws with file and line. */
export function loadKnowledge<T>(spec: KnowledgeFile<T>, dir = findKnowledgeDir()): T {
  const last = lastLoaded.get(spec as KnowledgeFile<unknown>);
  if (last && last.dir === dir) return last.value as T;
  const key = path.join(dir, spec.file);
  const value = cache.has(key) ? (cache.get(key) as T) : readKnowledgeFile(spec, dir);
  cache.set(key, value);
  lastLoaded.set(spec as KnowledgeFile<unknown>, { dir, value });
  return value;
}

export function readKnowledgeFile<T>(spec: KnowledgeFile<T>, dir = findKnowledgeDir()): T {
  const file = path.join(dir, spec.file);
  const source = fs.readFileSync(file, 'utf8');
  return parseKnowledge(spec, source, file);
}

export function parseKnowledge<T>(spec: KnowledgeFile<T>, source: string, file = spec.file): T {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const line = e.pos ? lineCounter.linePos(e.pos[0]).line : 1;
    throw new KnowledgeError(`${file}:${line}: ${e.message.split('\n')[0]}`);
  }
  const value = doc.toJS() as T;
  const lineOf = (p: (string | number)[]): number => {
    for (let n = p.length; n >= 0; n--) {
      const node = doc.getIn(p.slice(0, n), true) as { range?: [number, number] } | undefined;
      if (node && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return 1;
  };
  const errors = validate(value, spec.schema);
  if (!errors.length && spec.check) errors.push(...spec.check(value));
  if (errors.length) {
    const lines = errors.slice(0, 10).map(e => `${file}:${lineOf(e.path)}: ${e.path.join('.') || '(root)'} ${e.message}`);
    throw new KnowledgeError(lines.join('\n'));
  }
  return value;
}

/** Duplicate `id`s in a list of entries, as schema errors. */
export function duplicateIds(list: { id: string }[], listPath: (string | number)[]) {
  const seen = new Set<string>();
  const out: { path: (string | number)[]; message: string }[] = [];
  list.forEach((e, i) => {
    if (seen.has(e.id)) out.push({ path: [...listPath, i, 'id'], message: `"${e.id}" is defined twice` });
    seen.add(e.id);
  });
  return out;
}

/** Compiles a knowledge pattern: case-insensitive, Unicode, global. */
export function pattern(source: string): RegExp {
  return new RegExp(source, 'giu');
}
