import * as path from 'path';

const POLICY_NAME = /privacy|policy|policies|notice|cookie|datenschutz|gdpr|ccpa/i;
const POLICY_TITLE = /^(?:#{1,6}\s*)?.*\b(?:privacy|policy|notice|cookies?)\b/im;

/**
 * Whether a Markdown document is a policy: by its file name, its first
 * heading (or first line), a `clausewise:` front matter block, a glob from
 * settings, or an explicit "check this file" request.
 */
export function isPolicyDocument(uri: string, text: string, globs: readonly string[], forced: boolean): boolean {
  if (forced) return true;
  const file = decodeURIComponent(uri.replace(/^[a-z]+:\/\//i, ''));
  const base = path.posix.basename(file);
  if (/^readme(\.|$)|^changelog(\.|$)|^contributing(\.|$)/i.test(base)) return hasClausewiseFrontMatter(text);
  if (POLICY_NAME.test(base.replace(/\.(md|markdown|txt)$/i, ''))) return true;
  if (hasClausewiseFrontMatter(text)) return true;
  if (globs.some(g => globMatch(g, file))) return true;
  const head = firstHeading(text);
  return head !== null && POLICY_TITLE.test(head);
}

function hasClausewiseFrontMatter(text: string): boolean {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\s*(?:\r?\n|$)/.exec(text.slice(0, 65536));
  return !!m && /^clausewise\s*:/m.test(m[1]);
}

function firstHeading(text: string): string | null {
  const body = text.slice(0, 4096).replace(/^\uFEFF?---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)\s*\r?\n/, '');
  const atx = /^#{1,6}\s+(.+)$/m.exec(body);
  if (atx) return atx[1];
  const first = body.split(/\r?\n/).find(l => l.trim().length > 0);
  return first ?? null;
}

/** Minimal glob: `**`, `*`, `?` against a path's tail (workspace-relative globs match anywhere). */
export function globMatch(glob: string, file: string): boolean {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`(^|/)${re}$`).test(file);
}
