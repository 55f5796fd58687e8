// Writes snippets/clausewise.code-snippets from server/knowledge/templates.yaml,
// through the same renderer the language server uses for completions, so the
// static snippets and the server's clauses cannot drift apart.
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createRequire } from 'module';
import { fileURLToPath } from 'url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clausewise-snippets-'));
try {
  const bundle = path.join(tmp, 'snippets.cjs');
  await esbuild.build({ entryPoints: [path.join(root, 'server/src/analysis/fixes/snippets.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'warning' });
  process.env.CLAUSEWISE_KNOWLEDGE_DIR = path.join(root, 'server/knowledge');
  const { vsCodeSnippetsJson } = createRequire(import.meta.url)(bundle);
  fs.mkdirSync(path.join(root, 'snippets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'snippets/clausewise.code-snippets'), vsCodeSnippetsJson());
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
