import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../helpers/paths';

interface Rule {
  name?: string;
  match?: string;
  include?: string;
  patterns?: Rule[];
  captures?: Record<string, { name: string }>;
}
interface Grammar {
  scopeName: string;
  injectionSelector: string;
  patterns: Rule[];
  repository: Record<string, Rule>;
}

const GRAMMAR_FILE = path.join(ROOT, 'syntaxes', 'clausewise.injection.tmLanguage.json');
const grammar = JSON.parse(fs.readFileSync(GRAMMAR_FILE, 'utf8')) as Grammar;

/** The grammar's match rules in the order TextMate tries them. */
function matchRules(rules: Rule[] = grammar.patterns): Rule[] {
  return rules.flatMap(r => {
    if (r.include) return matchRules([grammar.repository[r.include.replace(/^#/, '')]]);
    if (r.patterns) return matchRules(r.patterns);
    return [r];
  });
}

const compiled = matchRules().map(rule => ({ rule, regex: new RegExp(rule.match!, 'dg') }));

/**
 * A line scanned as TextMate scans it with match rules: at each point the
 * earliest match wins (the first rule on a tie), then scanning resumes after it.
 * Returns [text, scope] of every scoped piece.
 */
function scan(line: string): [string, string][] {
  const out: [string, string][] = [];
  let pos = 0;
  while (pos < line.length) {
    let best: { rule: Rule; m: RegExpExecArray } | undefined;
    for (const { rule, regex } of compiled) {
      regex.lastIndex = pos;
      const m = regex.exec(line);
      if (m && m[0].length && (!best || m.index < best.m.index)) best = { rule, m };
    }
    if (!best) break;
    const { rule, m } = best;
    if (rule.name) out.push([m[0], rule.name]);
    for (const [group, capture] of Object.entries(rule.captures ?? {})) {
      const at = m.indices![Number(group)];
      if (at) out.push([line.slice(at[0], at[1]), capture.name]);
    }
    pos = m.index + m[0].length;
  }
  return out;
}

const scoped = (line: string, scope: string) => scan(line).filter(([, s]) => s.startsWith(scope)).map(([t]) => t);

describe('Markdown injection grammar', () => {
  it('is registered for Markdown and compiles as JavaScript regexes without Oniguruma-only syntax', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const entry = pkg.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === grammar.scopeName);
    assert.deepStrictEqual(entry, { scopeName: 'text.clausewise.injection', path: './syntaxes/clausewise.injection.tmLanguage.json', injectTo: ['text.html.markdown'] });
    assert.match(grammar.injectionSelector, /^L:text\.html\.markdown /);
    assert.match(grammar.injectionSelector, /-markup\.fenced_code/, 'not inside code blocks');
    assert.ok(compiled.length >= 10);
    for (const { rule } of compiled) {
      assert.ok(!/\\G|\\A|\\z|\\h|\(\?[imx-]+[):]|\(\?<[=!][^)]*[*+?{]/.test(rule.match!), `portable regex: ${rule.match}`);
      assert.ok(rule.name || rule.captures, `scoped rule: ${rule.match}`);
      for (const c of [rule.name, ...Object.values(rule.captures ?? {}).map(x => x.name)]) if (c) assert.match(c, /\.clausewise$/);
    }
  });

  it('scopes statutory citations', () => {
    const cite = 'constant.numeric.citation';
    assert.deepStrictEqual(scoped('Information under Art. 13(1)(a) and Art. 14 GDPR.', cite), ['Art. 13(1)(a)', 'Art. 14 GDPR']);
    assert.deepStrictEqual(scoped('Our legal basis is Article 6(1)(f) of the GDPR.', cite), ['Article 6(1)(f) of the GDPR']);
    assert.deepStrictEqual(scoped('As defined in §1798.140(v), personal information…', cite), ['§1798.140(v)']);
    assert.deepStrictEqual(scoped('Under Cal. Civ. Code § 1798.100 you may ask.', cite), ['Cal. Civ. Code § 1798.100']);
    assert.deepStrictEqual(scoped('See California Civil Code Section 1798.83.', cite), ['California Civil Code Section 1798.83']);
    assert.deepStrictEqual(scoped('Notice under 16 CFR 312.4 and 16 C.F.R. § 312.5(c)(4).', cite), ['16 CFR 312.4', '16 C.F.R. § 312.5(c)(4)']);
    assert.deepStrictEqual(scoped('COPPA, 15 U.S.C. § 6501', cite), ['15 U.S.C. § 6501']);
    assert.deepStrictEqual(scoped('Cal. Code Regs. tit. 11, § 7011(e)(1)', cite), ['Cal. Code Regs. tit. 11, § 7011(e)(1)']);
    assert.deepStrictEqual(scoped('The artist painted 6 articles of furniture in 2024.', cite), []);
  });

  it('scopes section references, but not statutory sections', () => {
    const ref = 'support.variable.section-reference';
    assert.deepStrictEqual(scoped('For your rights, see Section 7.', ref), ['see Section 7']);
    assert.deepStrictEqual(scoped('as described in Section 4.2 and Clause 9(b)', ref), ['Section 4.2', 'Clause 9(b)']);
    assert.deepStrictEqual(scoped('see the section “Your Rights” below', ref), ['see the section “Your Rights”']);
    assert.deepStrictEqual(scoped('Civil Code Section 1798.83 applies', ref), []);
    assert.deepStrictEqual(scoped('this section explains cookies', ref), []);
  });

  it('scopes defined terms in parentheses and before “means”', () => {
    const term = 'entity.name.type.defined-term';
    assert.deepStrictEqual(scoped('Acme Ltd. ("Acme", "we") runs the Acme app (the "Services").', term), ['Acme', 'Services']);
    assert.deepStrictEqual(scoped('our website (the “Site”)', term), ['Site']);
    assert.deepStrictEqual(scoped('"Personal Data" means any information relating to you.', term), ['Personal Data']);
    assert.deepStrictEqual(scoped('He said "hello" (twice).', term), []);
  });

  it('scopes template placeholders, not links or checkboxes', () => {
    const ph = 'invalid.illegal.placeholder';
    assert.deepStrictEqual(scoped('We are [COMPANY NAME] at {{address}}; TODO add DPO.', ph), ['[COMPANY NAME]', '{{address}}', 'TODO']);
    assert.deepStrictEqual(scoped('Effective [Insert date], contact <<DPO email>>. TBD.', ph), ['[Insert date]', '<<DPO email>>', 'TBD']);
    assert.deepStrictEqual(scoped('Read [OUR TERMS](https://example.com/terms) and [FAQ][1].', ph), []);
    assert.deepStrictEqual(scoped('- [x] done, see [1] and todo list', ph), []);
  });
});
