export type Format = 'text' | 'json' | 'sarif';
export type FailOn = 'error' | 'warning' | 'info' | 'never';

export interface CheckArgs {
  format: Format;
  jurisdictions?: string[];
  failOn: FailOn;
  config?: string;
  asOf?: string;
  paths: string[];
}

export class UsageError extends Error {}

export const USAGE = `usage: clausewise check [--format text|json|sarif] [--jurisdictions gdpr,ccpa,caloppa,coppa]
                       [--fail-on error|warning|info|never] [--config FILE] [--as-of YYYY-MM-DD] PATH...

Checks privacy policies (Markdown or plain text). Directories are searched for
*.md, *.markdown and *.txt files. Exit status: 0 no finding at or above
--fail-on (default error), 1 such findings exist, 2 usage error or unreadable input.`;

const JURISDICTIONS = ['gdpr', 'ccpa', 'caloppa', 'coppa'];

export function parseCheckArgs(argv: string[]): CheckArgs {
  const args: CheckArgs = { format: 'text', failOn: 'error', paths: [] };
  const value = (i: number, flag: string) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let inline: string | undefined;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    if (eq > 0) {
      inline = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    const take = () => (inline !== undefined ? inline : value(i++, a));
    switch (a) {
      case '--format': {
        const v = take();
        if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not "${v}"`);
        args.format = v;
        break;
      }
      case '--jurisdictions': {
        const list = take().split(',').map(s => s.trim().toLowerCase()).filter(Boolean);
        const bad = list.filter(j => !JURISDICTIONS.includes(j));
        if (bad.length || !list.length) throw new UsageError(`--jurisdictions takes a comma-separated list of ${JURISDICTIONS.join(', ')}${bad.length ? `; unknown: ${bad.join(', ')}` : ''}`);
        args.jurisdictions = list;
        break;
      }
      case '--fail-on': {
        const v = take();
        if (!['error', 'warning', 'info', 'never'].includes(v)) throw new UsageError(`--fail-on must be error, warning, info or never, not "${v}"`);
        args.failOn = v as FailOn;
        break;
      }
      case '--config':
        args.config = take();
        break;
      case '--as-of': {
        const v = take();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw new UsageError(`--as-of must be a date YYYY-MM-DD, not "${v}"`);
        args.asOf = v;
        break;
      }
      case '--':
        args.paths.push(...argv.slice(i + 1));
        i = argv.length;
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
        args.paths.push(a);
    }
  }
  if (args.paths.length === 0) throw new UsageError('no PATH given');
  return args;
}
