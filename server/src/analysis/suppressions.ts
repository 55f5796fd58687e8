import type { LineIndex } from '../model/positions';

/**
 * Inline control comments, as in markdownlint:
 *   <!-- clausewise-disable [ids] -->            until enable (or the end)
 *   <!-- clausewise-enable [ids] -->
 *   <!-- clausewise-disable-line [ids] -->       on the comment's own line
 *   <!-- clausewise-disable-next-line [ids] -->  on the next line
 *   <!-- clausewise-disable-file [ids] -->       everywhere in the file
 * Without ids a comment applies to every rule.
 */
export interface Suppressions {
  isSuppressed(ruleId: string, line: number): boolean;
}

const COMMENT = /<!--\s*clausewise-(disable-file|disable-next-line|disable-line|disable|enable)((?:\s+[\w/*-]+)*)\s*-->/g;

export function readSuppressions(text: string, lines: LineIndex): Suppressions {
  const fileWide = new Set<string>();
  const lineRules = new Map<number, Set<string>>();
  const toggles: { line: number; enable: boolean; ids: string[] }[] = [];
  if (!text.includes('clausewise-')) return { isSuppressed: () => false };
  for (const m of text.matchAll(COMMENT)) {
    const ids = m[2].trim() ? m[2].trim().split(/\s+/) : ['*'];
    const line = lines.positionAt(m.index!).line;
    switch (m[1]) {
      case 'disable-file':
        ids.forEach(id => fileWide.add(id));
        break;
      case 'disable-line':
      case 'disable-next-line': {
        const target = m[1] === 'disable-line' ? line : line + 1;
        const set = lineRules.get(target) ?? new Set<string>();
        ids.forEach(id => set.add(id));
        lineRules.set(target, set);
        break;
      }
      default:
        toggles.push({ line, enable: m[1] === 'enable', ids });
    }
  }
  const matches = (ids: Iterable<string>, ruleId: string) => {
    for (const id of ids) if (id === '*' || id === ruleId || (id.endsWith('/*') && ruleId.startsWith(id.slice(0, -1)))) return true;
    return false;
  };
  return {
    isSuppressed(ruleId, line) {
      if (matches(fileWide, ruleId)) return true;
      const onLine = lineRules.get(line);
      if (onLine && matches(onLine, ruleId)) return true;
      let disabled = false;
      for (const t of toggles) {
        if (t.line > line) break;
        if (matches(t.ids, ruleId)) disabled = !t.enable;
      }
      return disabled;
    },
  };
}
