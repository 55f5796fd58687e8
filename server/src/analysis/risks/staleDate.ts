import type { StaleDateRule } from '../../knowledge/files/risks';
import type { Span } from '../../model/types';
import type { CheckContext } from '../check';
import type { Severity } from '../types';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface DatedSpan {
  iso: string;
  span: Span;
}

/**
 * outdated/stale-date: the most recent "last updated" or effective date of the
 * policy is older than the allowed age before "today" (ctx.asOf). Only the
 * most recent date counts: a policy "effective 2019, last updated last month"
 * is current.
 */
export function runStaleDate(ctx: CheckContext, rule: StaleDateRule): void {
  const dates = policyDates(ctx, rule.roles);
  if (!dates.length) return;
  const latest = dates.reduce((a, b) => (b.iso > a.iso ? b : a));
  const limit = monthsBefore(ctx.asOf, rule.maxAgeMonths);
  if (latest.iso >= limit) return;
  const written = ctx.doc.text.slice(latest.span.start, latest.span.end);
  const today = formatLike(written, ctx.asOf);
  const fill = (s: string) => s.trim().replace(/\s+/g, ' ').replace('{date}', written.trim()).replace('{months}', String(rule.maxAgeMonths)).replace(/\{today\}/g, today);
  ctx.report({
    ruleId: rule.id,
    kind: 'risk',
    severity: rule.severity as Severity,
    message: fill(rule.message),
    citation: rule.citation,
    url: rule.url,
    span: latest.span,
    // Changing the date is only honest after a review: never a "fix all" edit.
    fixes: today === written ? [] : [{ title: fill(rule.fixTitle), safe: false, edits: [{ span: latest.span, newText: today }] }],
  });
}

function policyDates(ctx: CheckContext, roles: string[]): DatedSpan[] {
  const fromText = ctx.doc.facts.dates.filter(d => roles.includes(d.role) && /^\d{4}-\d{2}-\d{2}$/.test(d.iso));
  if (fromText.length) return fromText;
  // A policy kept in Markdown may carry its dates only in the front matter.
  const fm = ctx.doc.frontMatter;
  if (!fm) return [];
  const declared = [roles.includes('last-updated') ? fm.declarations.lastUpdated : undefined, roles.includes('effective') ? fm.declarations.effectiveDate : undefined];
  const out: DatedSpan[] = [];
  for (const value of declared) {
    if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) continue;
    const at = ctx.doc.text.indexOf(value, fm.span.start);
    if (at >= 0 && at < fm.span.end) out.push({ iso: value, span: { start: at, end: at + value.length } });
  }
  return out;
}

/** The ISO date `months` calendar months before `iso` (clamped to the month's last day). */
export function monthsBefore(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** Writes `iso` in the style of `written` ("July 15, 2019", "15 July 2019", ISO); ISO otherwise. */
export function formatLike(written: string, iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const month = MONTHS[m - 1];
  const w = written.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(w)) return iso;
  if (/^[A-Za-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}$/.test(w)) return `${month} ${d}${w.includes(',') ? ',' : ''} ${y}`;
  if (/^\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\.?,?\s+\d{4}$/.test(w)) return `${d} ${month} ${y}`;
  if (/^[A-Za-z]+\s+\d{4}$/.test(w)) return `${month} ${y}`;
  return iso;
}
