import type { PolicyDocument, Section, Span } from '../../server/src/model/types';

/** The outline as lines "  2.1 Title" (two spaces per level below the top), for readable assertions. */
export function outlineLines(doc: Pick<PolicyDocument, 'outline'>): string[] {
  const out: string[] = [];
  const walk = (sections: Section[], depth: number) => {
    for (const s of sections) {
      out.push(`${'  '.repeat(depth)}${s.number ? `${s.number} ` : ''}${s.title}`);
      walk(s.children, depth + 1);
    }
  };
  walk(doc.outline, 0);
  return out;
}

export const slice = (doc: Pick<PolicyDocument, 'text'>, span: Span) => doc.text.slice(span.start, span.end);

export function sectionTitled(doc: Pick<PolicyDocument, 'sections'>, title: string): Section {
  const s = doc.sections.find(x => x.title === title);
  if (!s) throw new Error(`no section titled "${title}"; have ${doc.sections.map(x => JSON.stringify(x.title)).join(', ')}`);
  return s;
}
