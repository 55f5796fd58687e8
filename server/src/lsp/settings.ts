/** The `clausewise.*` settings, as the client sends them. */
export interface ClausewiseSettings {
  enable: boolean;
  jurisdictions: string[];
  /** Rule id (or `family/*`) → severity or "off". */
  rules: Record<string, string>;
  /** "Today" for date rules (YYYY-MM-DD); empty = the machine's date. */
  asOf: string;
  /** Extra globs of files to check as policies. */
  files: string[];
}

export const DEFAULT_SETTINGS: ClausewiseSettings = { enable: true, jurisdictions: [], rules: {}, asOf: '', files: [] };

export function normaliseSettings(raw: unknown): ClausewiseSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const rules: Record<string, string> = {};
  if (r.rules && typeof r.rules === 'object') for (const [k, v] of Object.entries(r.rules as object)) if (typeof v === 'string') rules[k] = v;
  return {
    enable: r.enable !== false,
    jurisdictions: strings(r.jurisdictions),
    rules,
    asOf: typeof r.asOf === 'string' ? r.asOf : '',
    files: strings(r.files),
  };
}
