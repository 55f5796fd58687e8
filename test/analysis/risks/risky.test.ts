import * as assert from 'assert';
import { analyseFixture, analyseText, applyFix, rangeOf } from '../../helpers/fixtureFindings';

describe('risk/consent-by-use', () => {
  const rule = 'risk/consent-by-use';

  it('flags consent to processing inferred from visiting, and acceptance by continued use as a hint', () => {
    const { text, findings } = analyseFixture('risks/consent-by-use.md', rule);
    assert.deepStrictEqual(
      findings.map(f => [f.range.start.line, f.severity]),
      [
        [rangeOf(text, 'By visiting').start.line, 'warning'],
        [rangeOf(text, 'Your continued use').start.line, 'hint'],
      ],
    );
    assert.deepStrictEqual(findings[0].range.start, rangeOf(text, 'By visiting').start);
    assert.match(findings[0].message, /Art\. 4\(11\)/);
    assert.match(findings[0].citation ?? '', /Planet49/);
  });

  it('does not flag a clause that says use is not consent', () => {
    const { text, findings } = analyseFixture('risks/consent-by-use.md', rule);
    assert.ok(findings.every(f => f.range.start.line !== rangeOf(text, 'Using the app does not mean').start.line));
  });

  it('flags consent that is “automatically submitted”', () => {
    const text = '# Privacy Policy\n\nWhile you use the app, your consent to the transfer of your data abroad is automatically submitted.\n';
    assert.strictEqual(analyseText(text, rule).findings.length, 1);
  });
});

describe('risk/absolute-security', () => {
  const rule = 'risk/absolute-security';

  it('flags absolute claims and offers wording without the absolute', () => {
    const { text, findings, raw } = analyseFixture('risks/absolute-security.md', rule);
    assert.deepStrictEqual(findings.map(f => f.range), [rangeOf(text, 'completely secure'), rangeOf(text, 'guarantee the security')]);
    assert.strictEqual(applyFix(text, raw[0].fixes![0]), text.replace('is completely secure', 'is secure'));
    assert.strictEqual(applyFix(text, raw[1].fixes![0]), text.replace('We guarantee the security', 'We take reasonable measures to protect the security'));
    assert.ok(raw.every(f => f.fixes!.every(x => x.safe === false)));
  });

  it('does not flag disclaimers: “no method … is 100% secure”, “we cannot guarantee absolute security”', () => {
    const { text, findings } = analyseFixture('risks/absolute-security.md', rule);
    const disclaimerLine = rangeOf(text, 'However, no method').start.line;
    assert.ok(findings.every(f => f.range.start.line !== disclaimerLine));
  });
});

describe('risk/vague-language', () => {
  const rule = 'risk/vague-language';

  it('marks open-ended hedges as hints and offers the closed wording', () => {
    const text = '# Privacy Policy\n\nWe collect data, including but not limited to your name, and we may change this policy from time to time.\n';
    const { findings, raw } = analyseText(text, rule);
    assert.deepStrictEqual(findings.map(f => [f.range, f.severity]), [
      [rangeOf(text, 'including but not limited to'), 'hint'],
      [rangeOf(text, 'from time to time'), 'hint'],
    ]);
    assert.strictEqual(applyFix(text, raw[0].fixes![0]), text.replace('including but not limited to', 'including'));
    assert.strictEqual(raw[1].fixes, undefined);
  });

  it('leaves concrete lists alone', () => {
    assert.deepStrictEqual(analyseText('# Privacy Policy\n\nWe collect your name and email address.\n', rule).findings, []);
  });
});
