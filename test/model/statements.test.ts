import * as assert from 'assert';
import * as fs from 'fs';
import { buildDocument } from '../../server/src/model/document';
import { companyAliases } from '../../server/src/model/statements';
import { ontology } from '../../server/src/model/ontology';
import type { PolicyDocument, Statement } from '../../server/src/model/types';
import { fixture } from '../helpers/paths';

const policy = buildDocument(fs.readFileSync(fixture('semantics/statements-policy.md'), 'utf8'));

/** The statements read from the sentence that contains `words`. */
function readFrom(doc: PolicyDocument, words: string): Statement[] {
  const sentence = doc.sentences.find(s => s.text.includes(words));
  assert.ok(sentence, `no sentence contains "${words}"`);
  return doc.statements.filter(st => st.sentence === sentence);
}

const ids = (mentions: { id: string }[] | undefined) => (mentions ?? []).map(m => m.id);
const said = (doc: PolicyDocument, span: { start: number; end: number }) => doc.text.slice(span.start, span.end);

describe('statements', () => {
  it('reads a plain active statement: actor, action, data, recipients, modality', () => {
    const [st, ...rest] = readFrom(policy, 'share your email address with advertising networks');
    assert.strictEqual(rest.length, 0);
    assert.deepStrictEqual([st.actor, st.action, st.negated, st.modality, st.voice], ['we', 'share', false, 'may', 'active']);
    assert.deepStrictEqual(ids(st.dataTypes), ['data/email-address']);
    assert.deepStrictEqual(ids(st.recipients), ['entity/advertising-network']);
    assert.strictEqual(said(policy, st.actionSpan), 'share');
    assert.strictEqual(said(policy, st.actorSpan!), 'We');
  });

  it('gives one statement per coordinated verb, each negated, with the purpose that qualifies the denial', () => {
    const sts = readFrom(policy, 'We do not sell, rent, or lease');
    assert.deepStrictEqual(sts.map(s => said(policy, s.actionSpan)), ['sell', 'rent', 'lease']);
    assert.deepStrictEqual(sts.map(s => s.action), ['sell', 'rent', 'rent']);
    for (const st of sts) {
      assert.strictEqual(st.negated, true);
      assert.deepStrictEqual(ids(st.dataTypes), ['data/personal-information']);
      assert.deepStrictEqual(ids(st.recipients), ['entity/third-party']);
      assert.deepStrictEqual(ids(st.purposes), ['purpose/third-party-marketing']);
    }
  });

  it('negates both verbs of "neither … nor"', () => {
    const sts = readFrom(policy, 'We neither sell nor trade');
    assert.deepStrictEqual(sts.map(s => [s.action, s.negated]), [['sell', true], ['trade', true]]);
  });

  it('scopes negation to its own verb group', () => {
    const doc = buildDocument(
      [
        '# Privacy',
        '',
        'We have not, and will not, sell your data.',
        '',
        "We don't sell your data but we share your email address with our affiliates.",
        '',
        'We not only collect your phone number but also store it.',
        '',
        'Your personal data is not sold or rented to anyone.',
        '',
        'Do we sell your personal data?',
        '',
      ].join('\n'),
    );
    const read = (words: string) => readFrom(doc, words).map(s => [s.action, s.negated]);
    assert.deepStrictEqual(read('We have not, and will not'), [['sell', true]]);
    assert.deepStrictEqual(read("We don't sell"), [['sell', true], ['share', false]]);
    assert.deepStrictEqual(read('not only collect'), [['collect', false]]);
    assert.deepStrictEqual(read('is not sold or rented'), [['sell', true], ['rent', true]]);
    assert.deepStrictEqual(read('Do we sell'), []);
  });

  it('reads passive voice: "may be shared with", "No personal data is sold by us"', () => {
    const [shared] = readFrom(policy, 'order history may be shared');
    assert.deepStrictEqual([shared.actor, shared.action, shared.voice, shared.negated, shared.modality], ['we', 'share', 'passive', false, 'may']);
    assert.deepStrictEqual(ids(shared.dataTypes), ['data/usage-data']);
    assert.deepStrictEqual(ids(shared.recipients), ['entity/analytics-provider']);
    const [sold] = readFrom(policy, 'No personal data is sold');
    assert.deepStrictEqual([sold.actor, sold.action, sold.voice, sold.negated], ['we', 'sell', 'passive', true]);
  });

  it('names the company as the actor when the policy defines it ("Larkspur does not obtain …")', () => {
    assert.ok(companyAliases(policy.text).includes('Larkspur'));
    const [st] = readFrom(policy, 'Larkspur does not obtain');
    assert.deepStrictEqual([st.actor, st.action, st.negated], ['we', 'collect', true]);
    assert.deepStrictEqual(ids(st.dataTypes), ['data/health-information']);
  });

  it('records exceptions with the concepts they name, and keeps them out of the recipients', () => {
    const [st] = readFrom(policy, 'except our payment processors');
    assert.strictEqual(st.negated, true);
    assert.deepStrictEqual(ids(st.recipients), ['entity/third-party']);
    assert.strictEqual(st.exceptions.length, 1);
    assert.strictEqual(said(policy, st.exceptions[0].span), 'except our payment processors and delivery partners');
    assert.deepStrictEqual(ids(st.exceptions[0].terms), ['entity/service-provider', 'entity/service-provider']);

    const [consent] = readFrom(policy, 'without your prior written consent');
    assert.deepStrictEqual([consent.negated, consent.modality], [true, 'will']);
    assert.strictEqual(said(policy, consent.exceptions[0].span), 'without your prior written consent');

    const [leading] = readFrom(policy, 'Except as described in this notice');
    assert.strictEqual(leading.negated, true);
    assert.strictEqual(said(policy, leading.exceptions[0].span), 'Except as described in this notice');
  });

  it('lets third parties act: as subject, and when we allow them to', () => {
    const [ads] = readFrom(policy, 'Third-party advertisers may collect');
    assert.deepStrictEqual([ads.actor, ads.action, ads.modality], ['third-party', 'collect', 'may']);
    assert.deepStrictEqual(ids(ads.dataTypes), ['data/usage-data']);
    const [allowed] = readFrom(policy, 'We allow analytics providers to use cookies');
    assert.deepStrictEqual([allowed.actor, allowed.action], ['third-party', 'use']);
    assert.deepStrictEqual(ids(allowed.technologies), ['tech/cookie']);
  });

  it('reads Do Not Track answers without taking "Not" in the signal name as negation of the verb', () => {
    const [st] = readFrom(policy, 'respond to Do Not Track');
    assert.deepStrictEqual([st.action, st.negated], ['respond', true]);
    assert.deepStrictEqual(ids(st.technologies), ['tech/do-not-track']);
    // The verb phrase is tracking, not the signal's name.
    const doc = buildDocument('# Privacy\n\nWe do not track our visitors across other websites.\n');
    assert.deepStrictEqual(doc.statements.map(s => [s.action, s.negated, ids(s.technologies)]), [['track', true, []]]);
  });

  it('reads user rights as requests, with the right requested', () => {
    const ask = readFrom(policy, 'You may ask us to delete');
    assert.deepStrictEqual(ask.map(s => [s.actor, s.action, s.requested]), [['user', 'request', 'delete']]);
    const access = readFrom(policy, 'right to request access');
    assert.deepStrictEqual(access.map(s => s.requested), ['access']);
    const three = readFrom(policy, 'right to access, correct, or delete');
    assert.deepStrictEqual(three.map(s => s.requested), ['access', 'correct', 'delete']);
    assert.ok(three.every(s => s.actor === 'user' && s.action === 'request'));
    const optOut = readFrom(policy, 'opt out of marketing emails');
    assert.deepStrictEqual(optOut.map(s => s.requested), ['opt-out']);
  });

  it('marks statements governed by a condition', () => {
    const sts = readFrom(policy, 'If you ask us to erase your account');
    assert.deepStrictEqual(sts.map(s => [s.actor, s.action, s.requested ?? null, s.conditional]), [
      ['user', 'request', 'delete', true],
      ['we', 'delete', null, true],
    ]);
  });

  it('says nothing where the sentence asserts nothing', () => {
    assert.deepStrictEqual(readFrom(policy, 'We are not responsible for how third parties use'), []);
    assert.deepStrictEqual(readFrom(policy, 'explains what personal data we collect'), []);
    const doc = buildDocument('# Privacy\n\nYour use of the Service is subject to our terms. Click Do Not Sell My Personal Information to opt out.\n');
    assert.deepStrictEqual(doc.statements.filter(s => s.actor !== 'user').map(s => s.action), []);
  });

  it('sees "we do not share personal information" collide with "we share your email address with advertising networks"', () => {
    const o = ontology();
    const doc = buildDocument('# Privacy\n\nWe do not share personal information with third parties.\n\nWe share your email address with advertising networks.\n\nWe share aggregate data with third parties.\n');
    const [denial, sharing, aggregate] = doc.statements;
    assert.deepStrictEqual([denial.negated, sharing.negated, aggregate.negated], [true, false, false]);
    const collide = (a: Statement, b: Statement) =>
      a.action === b.action &&
      a.dataTypes.some(x => b.dataTypes.some(y => o.overlaps(x.id, y.id))) &&
      a.recipients.some(x => b.recipients.some(y => o.overlaps(x.id, y.id)));
    assert.ok(collide(denial, sharing));
    assert.ok(!collide(denial, aggregate));
  });

  it('keeps ranges on the original text with CRLF line ends and emoji', () => {
    const text = '# Privacy 🍞\r\n\r\n🍞 We never sell\r\nyour phone number.\r\n';
    const doc = buildDocument(text);
    const [st] = doc.statements;
    assert.deepStrictEqual([st.action, st.negated], ['sell', true]);
    assert.strictEqual(text.slice(st.actionSpan.start, st.actionSpan.end), 'sell');
    assert.strictEqual(text.slice(st.dataTypes[0].span.start, st.dataTypes[0].span.end), 'phone number');
    assert.deepStrictEqual(doc.lines.range(st.dataTypes[0].span).start, { line: 3, character: 5 });
  });

  it('never throws on odd input', () => {
    for (const text of ['', 'we', 'We do not', 'We share with with with.', '((((( "we" ', 'We may be shared by by.', '\u0000We sell']) {
      assert.doesNotThrow(() => buildDocument(text));
    }
  });

  it('reads a run-on "sentence" of many kilobytes in pieces: statements near its end are kept, on the whole sentence', () => {
    const filler = 'your account settings, your newsletter choices, your display preferences, '.repeat(120);
    const doc = buildDocument(`We keep ${filler}and we sell your email address to data brokers, ${filler}end`);
    assert.strictEqual(doc.sentences.length, 1);
    assert.ok(doc.sentences[0].text.length > 10000);
    const sold = doc.statements.filter(st => st.action === 'sell');
    assert.strictEqual(sold.length, 1);
    assert.strictEqual(sold[0].sentence, doc.sentences[0]);
    assert.strictEqual(said(doc, sold[0].actionSpan), 'sell');
    assert.deepStrictEqual(ids(sold[0].dataTypes), ['data/email-address']);
    assert.deepStrictEqual(ids(sold[0].recipients), ['entity/data-broker']);
  });
});
