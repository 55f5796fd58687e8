import type { Span } from '../../model/types';
import type { CheckContext } from '../check';
import type { Severity } from '../types';

export interface ConflictMeta {
  id: string;
  severity: string;
  citation?: string;
  url?: string;
}

/** The most other clauses a finding names. */
export const MAX_RELATED = 5;

/** Reports one contradiction: anchored on one clause, the others as related locations. */
export function reportConflict(ctx: CheckContext, rule: ConflictMeta, anchor: Span, message: string, related: { span: Span; message: string }[]): void {
  ctx.report({
    ruleId: rule.id,
    kind: 'conflict',
    severity: rule.severity as Severity,
    message: message.trim().replace(/\s+/g, ' '),
    citation: rule.citation,
    url: rule.url,
    span: anchor,
    related: related.slice(0, MAX_RELATED).map(r => ({ span: r.span, message: r.message.trim().replace(/\s+/g, ' ') })),
  });
}

/** The part of a sentence's text before `at` that belongs to the same clause. */
export function clauseBefore(text: string, at: number): string {
  const before = text.slice(Math.max(0, at - 100), at);
  const cut = Math.max(before.lastIndexOf(';'), before.lastIndexOf(':'), before.lastIndexOf('. '), before.lastIndexOf(', but'), before.lastIndexOf(' but '));
  return cut >= 0 ? before.slice(cut + 1) : before;
}

/** Tests a global regular expression from the start. */
export function test(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  return re.test(text);
}
