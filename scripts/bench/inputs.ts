// The benchmark inputs: our own fixture policies, repeated to a target size.
// Repetition keeps the text realistic (headings, lists, tables, quotes, pasted
// plain text) while scaling it to what a 400-page policy bundle weighs.
import * as fs from 'fs';
import * as path from 'path';

const FIXTURES = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../../test/fixtures/bench' : '../../test/fixtures/bench');

export interface BenchInput {
  name: 'small' | 'medium' | 'large';
  text: string;
}

export const TARGET_SIZES = { small: 10 * 1024, medium: 60 * 1024, large: 3 * 1024 * 1024 } as const;

function read(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** A policy of about `bytes` UTF-8 bytes: the full fixture once, then its body (without front matter) and the pasted notice, repeated. */
export function policyOfSize(bytes: number): string {
  const policy = read('policy.md');
  const pasted = read('pasted-notice.txt');
  const body = policy.replace(/^---\n[\s\S]*?\n---\n/, '');
  const parts = [policy, pasted];
  let size = Buffer.byteLength(policy) + Buffer.byteLength(pasted);
  for (let copy = 2; size < bytes * 0.9; copy++) {
    // Renumber the title so each copy reads as the next policy of a bundle.
    const part = `${body.replace(/^# (.*)$/m, `# $1 (part ${copy})`)}\n${pasted}`;
    parts.push(part);
    size += Buffer.byteLength(part) + 1;
  }
  return parts.join('\n');
}

export function benchInputs(): BenchInput[] {
  return (['small', 'medium', 'large'] as const).map(name => ({ name, text: policyOfSize(TARGET_SIZES[name]) }));
}
