import * as assert from 'assert';
import * as fs from 'fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent, Position } from 'vscode-languageserver';
import { analyze, ruleMeta } from '../../server/src/analysis';
import { loadKnowledge, parseKnowledge } from '../../server/src/knowledge/loader';
import { glossaryFile } from '../../server/src/knowledge/files/glossary';
import { hoverAt, termIndex } from '../../server/src/lsp/hover';
import { fixture } from '../helpers/paths';

const AS_OF = '2026-11-22';

function docOf(text: string) {
  return TextDocument.create('file:///tmp/privacy-policy.md', 'markdown', 1, text);
}

/** The position of the `nth` occurrence of `needle`, plus `offset` characters. */
function at(text: string, needle: string, offset = 0, nth = 0): Position {
  let i = -1;
  for (let n = 0; n <= nth; n++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, `"${needle}" not in the text`);
  return docOf(text).positionAt(i + offset);
}

const value = (h: ReturnType<typeof hoverAt>) => (h?.contents as MarkupContent | undefined)?.value ?? '';

describe('glossary', () => {
  it('has at least 50 terms, each with a citation and an official link per sense', () => {
    const terms = loadKnowledge(glossaryFile).terms;
    assert.ok(terms.length >= 50, `${terms.length} terms`);
    for (const t of terms) for (const s of t.senses) assert.match(s.url, /^https:\/\/(eur-lex\.europa\.eu|leginfo\.legislature\.ca\.gov|www\.ecfr\.gov|cppa\.ca\.gov)\//, `${t.id}: ${s.url}`);
  });

  it('refuses a spelling claimed by two terms, naming the line', () => {
    const sense = ['    senses:', '      - law: gdpr', '        explanation: e', '        citation: c', '        url: https://eur-lex.europa.eu/eli/reg/2016/679/oj'];
    const yaml = ['terms:', '  - id: a', '    term: data controller', ...sense, '  - id: b', '    term: controller', '    variants: [Data-Controller]', ...sense, ''].join('\n');
    assert.throws(() => parseKnowledge(glossaryFile, yaml, 'glossary.yaml'), /glossary\.yaml:11: terms\.1\.variants "Data-Controller" is already a spelling of "a"/);
  });

  it('cites the CPRA letters of §1798.140 for the CCPA definitions', () => {
    const terms = loadKnowledge(glossaryFile).terms;
    const ccpa = (id: string) => terms.find(t => t.id === id)!.senses.find(s => s.law === 'ccpa')!.citation;
    assert.match(ccpa('sale'), /§1798\.140\(ad\)/);
    assert.match(ccpa('share'), /§1798\.140\(ah\)/);
    assert.match(ccpa('cross-context-behavioral-advertising'), /§1798\.140\(k\)/);
    assert.match(ccpa('personal-information'), /§1798\.140\(v\)/);
    assert.match(ccpa('sensitive-personal-information'), /§1798\.140\(ae\)/);
    assert.match(ccpa('service-provider'), /§1798\.140\(ag\)/);
    assert.match(ccpa('contractor'), /§1798\.140\(j\)/);
    assert.match(ccpa('third-party'), /§1798\.140\(ai\)/);
    assert.match(ccpa('consumer'), /§1798\.140\(i\)/);
    assert.match(ccpa('business'), /§1798\.140\(d\)/);
    assert.match(ccpa('business-purpose'), /§1798\.140\(e\)/);
    assert.match(ccpa('deidentified'), /§1798\.140\(m\)/);
  });
});

describe('term index', () => {
  const ids = (line: string) => termIndex().scan(line).map(m => [m.term.id, line.slice(m.start, m.end)]);

  it('prefers the longest term at a position', () => {
    assert.deepStrictEqual(ids('We never sell sensitive personal information.'), [
      ['sale', 'sell'],
      ['sensitive-personal-information', 'sensitive personal information'],
    ]);
  });

  it('matches case-insensitively, across hyphens and line-wrapped spacing, and plurals', () => {
    assert.deepStrictEqual(ids('Our Third-Party processors and Data  Controllers'), [
      ['third-party', 'Third-Party'],
      ['processor', 'processors'],
      ['controller', 'Data  Controllers'],
    ]);
    assert.deepStrictEqual(ids('three third parties'), [['third-party', 'third parties']]);
  });

  it('matches acronyms only in capitals and only as whole words', () => {
    assert.deepStrictEqual(ids('Write to our DPO at dpo@example.com'), [['data-protection-officer', 'DPO']]);
    assert.deepStrictEqual(ids('cookies-free saleable'), [['cookie', 'cookies']]);
  });
});

describe('hover', () => {
  const text = fs.readFileSync(fixture('lsp/markdown-policy.md'), 'utf8');
  const result = analyze(text, { asOf: AS_OF });

  it('explains a term with its citation and link, the range being the term', () => {
    const h = hoverAt(docOf(text), at(text, 'personal data described', 3), result);
    assert.deepStrictEqual(h?.range, { start: at(text, 'personal data described'), end: at(text, 'personal data described', 'personal data'.length) });
    assert.match(value(h), /^\*\*personal data\*\*/);
    assert.match(value(h), /\*GDPR Art\. 4\(1\)\* · \[official text\]\(https:\/\/eur-lex\.europa\.eu\/eli\/reg\/2016\/679\/oj\)/);
  });

  it('shows both the GDPR and the CCPA sense of "third party"', () => {
    const line = 'We never give your data to a third party.';
    const h = hoverAt(docOf(line), { line: 0, character: line.indexOf('party') }, null);
    assert.deepStrictEqual(h?.range, { start: { line: 0, character: line.indexOf('third') }, end: { line: 0, character: line.indexOf('.') } });
    assert.match(value(h), /\*\*GDPR\*\* — .*\n\*GDPR Art\. 4\(10\)\*/);
    assert.match(value(h), /\*\*CCPA\/CPRA\*\* — .*\n\*Cal\. Civ\. Code §1798\.140\(ai\)\*/);
  });

  it('counts UTF-16 code units on lines with emoji and CRLF', () => {
    const crlf = 'Intro 🌲🌲 text\r\nOur 🌲 Data Protection Officer helps.\r\n';
    const h = hoverAt(docOf(crlf), { line: 1, character: 8 }, null);
    // "Our " (4) + 🌲 (2 code units) + " " (1) = 7.
    assert.deepStrictEqual(h?.range, { start: { line: 1, character: 7 }, end: { line: 1, character: 7 + 'Data Protection Officer'.length } });
  });

  it('is empty off any term, heading or finding', () => {
    const line = 'The weather is nice.';
    assert.strictEqual(hoverAt(docOf(line), { line: 0, character: 4 }, null), null);
  });

  it('lists on a section heading the requirements its text satisfies', () => {
    const h = hoverAt(docOf(text), at(text, 'Your Rights', 2), result);
    const listed = [...value(h).matchAll(/^- `([^`]+)`/gm)].map(m => m[1]);
    assert.ok(listed.length > 0, value(h));
    const section = result.document.sections.find(s => s.title === 'Your Rights')!;
    const expected = result.requirements
      .filter(r => r.status === 'present' && r.evidence.some(e => {
        const o = result.document.lines.offsetAt(e.range.start);
        return o >= section.span.start && o < section.span.end;
      }))
      .map(r => r.id);
    assert.deepStrictEqual(listed, expected);
    assert.deepStrictEqual(h?.range, result.document.lines.range(section.titleSpan));
    for (const id of listed) assert.ok(value(h).includes(ruleMeta(id)!.title), id);
  });

  it('adds the rule explanation on a finding', () => {
    const placeholder = '# Privacy Policy\n\nWe are [COMPANY NAME] and we keep your data safe.\n';
    const r = analyze(placeholder, { asOf: AS_OF, jurisdictions: ['gdpr'] });
    const f = r.findings.find(x => x.ruleId === 'hygiene/placeholder');
    assert.ok(f, JSON.stringify(r.findings.map(x => x.ruleId)));
    const h = hoverAt(docOf(placeholder), { line: f.range.start.line, character: f.range.start.character + 2 }, r);
    assert.ok(value(h).includes(`**hygiene/placeholder** — ${ruleMeta('hygiene/placeholder')!.title}`), value(h));
    assert.ok(value(h).includes(ruleMeta('hygiene/placeholder')!.explanation), value(h));
    assert.deepStrictEqual(h?.range, f.range);
  });

  it('answers in at most 10 ms (p95) on a 60 KB policy', function () {
    this.timeout(120000); // the analysis of 60 KB, not the hovers
    const chunk = text.slice(text.indexOf('## Information'));
    let big = text;
    while (big.length < 60 * 1024) big += `\n${chunk}`;
    const doc = docOf(big);
    const r = analyze(big, { asOf: AS_OF });
    // The best of three rounds, so that a busy machine's pauses do not count against the hover itself.
    let p95 = Infinity;
    let seed = 7;
    for (let round = 0; round < 3; round++) {
      const times: number[] = [];
      for (let i = 0; i < 300; i++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        const position = doc.positionAt(seed % big.length);
        const t0 = process.hrtime.bigint();
        hoverAt(doc, position, r);
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      times.sort((a, b) => a - b);
      p95 = Math.min(p95, times[Math.floor(times.length * 0.95)]);
    }
    assert.ok(p95 <= 10, `p95 ${p95.toFixed(2)} ms`);
  });
});
