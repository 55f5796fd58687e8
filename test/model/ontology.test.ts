import * as assert from 'assert';
import { parseKnowledge } from '../../server/src/knowledge/loader';
import { ontologyFile } from '../../server/src/knowledge/files/ontology';
import { ontology } from '../../server/src/model/ontology';
import { ANY_CHAR, SPACE_CHAR, firstChars, firstPrefixes } from '../../server/src/model/regexFirstChars';

const mentioned = (text: string) => ontology().findMentions(text).map(m => [m.id, text.slice(m.span.start, m.span.end)]);

describe('ontology (server/knowledge/ontology.yaml)', () => {
  it('reads "third party" followed by nothing but white space (the end of a piece of a long sentence)', () => {
    // This used to throw, and the reader then dropped every statement of that piece.
    const found = mentioned('We never sell your data to any third party   ');
    assert.ok(found.some(([, words]) => /third party/i.test(words)), JSON.stringify(found));
  });

  const o = ontology();

  it('places email address under contact information under personal information', () => {
    assert.ok(o.subsumes('data/personal-information', 'data/email-address'));
    assert.ok(o.subsumes('data/contact-information', 'data/email-address'));
    assert.ok(!o.subsumes('data/email-address', 'data/personal-information'));
    assert.ok(o.overlaps('data/email-address', 'data/personal-information'));
  });

  it('places advertising networks and social media platforms under third parties', () => {
    assert.ok(o.subsumes('entity/third-party', 'entity/advertising-network'));
    assert.ok(o.subsumes('entity/third-party', 'entity/social-media-platform'));
    assert.ok(o.isThirdParty('entity/analytics-provider'));
  });

  it('keeps aggregated and de-identified data apart from personal information', () => {
    assert.ok(!o.overlaps('data/aggregated-data', 'data/personal-information'));
    assert.ok(!o.overlaps('data/deidentified-data', 'data/email-address'));
    assert.ok(!o.isPersonal('data/aggregated-data'));
    assert.ok(o.isPersonal('data/ip-address'));
    // "any information" covers both.
    assert.ok(o.overlaps('data/information', 'data/aggregated-data'));
  });

  it('keeps service providers outside "third parties" (CCPA), but inside any recipient', () => {
    assert.ok(!o.isThirdParty('entity/service-provider'));
    assert.ok(!o.overlaps('entity/third-party', 'entity/service-provider'));
    assert.ok(o.subsumes('entity/recipient', 'entity/service-provider'));
  });

  it('lets two branches meet: precise geolocation is location data and sensitive data', () => {
    assert.ok(o.subsumes('data/location', 'data/precise-geolocation'));
    assert.ok(o.subsumes('data/sensitive-information', 'data/precise-geolocation'));
    assert.ok(o.overlaps('data/location', 'data/sensitive-information'));
    assert.ok(!o.overlaps('data/health-information', 'data/location'));
  });

  it('finds the longest concept at each place, whole words only', () => {
    assert.deepStrictEqual(mentioned('We share non-personal information and personal information from children.'), [
      ['data/non-personal-information', 'non-personal information'],
      ['data/children-information', 'personal information from children'],
    ]);
    assert.deepStrictEqual(mentioned('third-party advertising networks, third parties, and third party analytics providers'), [
      ['entity/advertising-network', 'third-party advertising networks'],
      ['entity/third-party', 'third parties'],
      ['entity/analytics-provider', 'third party analytics providers'],
    ]);
    assert.deepStrictEqual(mentioned('Emails, an e-mail address, IP addresses; see our cookie policy about session cookies.'), [
      ['data/email-address', 'e-mail address'],
      ['data/ip-address', 'IP addresses'],
      ['tech/cookie', 'session cookies'],
    ]);
    assert.deepStrictEqual(mentioned('We honour Do Not Track signals.'), [['tech/do-not-track', 'Do Not Track signals']]);
    assert.deepStrictEqual(mentioned('cookiesless IPaddress'), []);
  });

  it('gives mention spans in the original text, across CRLF and emoji', () => {
    const text = '😀 We keep\r\nyour email address.';
    const [m] = o.findMentions(text);
    assert.strictEqual(m.id, 'data/email-address');
    assert.strictEqual(text.slice(m.span.start, m.span.end), 'email address');
    assert.strictEqual(m.span.start, text.indexOf('email'));
  });

  it('rejects a concept whose parent does not exist, with the line', () => {
    const yaml = ['concepts:', '  - id: data/a', '    label: a', "    patterns: ['a']", '  - id: data/b', '    parent: data/missing', '    label: b', "    patterns: ['b']", ''].join('\n');
    assert.throws(() => parseKnowledge(ontologyFile, yaml, 'ontology.yaml'), /ontology\.yaml:6: concepts\.1\.parent "data\/missing" is not a concept/);
  });

  it('rejects a parent in another family and a cycle', () => {
    const crossFamily = ['concepts:', '  - id: data/a', '    label: a', '    parent: entity/b', "    patterns: ['a']", '  - id: entity/b', '    label: b', "    patterns: ['b']", ''].join('\n');
    assert.throws(() => parseKnowledge(ontologyFile, crossFamily, 'ontology.yaml'), /another family/);
    const cycle = ['concepts:', '  - id: data/a', '    label: a', '    parent: data/b', "    patterns: ['a']", '  - id: data/b', '    label: b', '    parent: data/a', "    patterns: ['b']", ''].join('\n');
    assert.throws(() => parseKnowledge(ontologyFile, cycle, 'ontology.yaml'), /its own ancestor/);
  });

  it('reads which characters a pattern can start with (the matcher only tries those)', () => {
    assert.deepStrictEqual([...firstChars('(?:(?:tele|mobile\\s+)?phone|cell)\\s+numbers?')!].sort(), ['c', 'm', 'p', 't']);
    assert.deepStrictEqual([...firstChars('e-?mail')!], ['e']);
    assert.strictEqual(firstChars('\\w+ly'), null);
    // Every pattern of the file is either read or tried everywhere: none is lost.
    for (const id of o.ids()) assert.ok(o.label(id).length > 0);
  });

  it('reads the first characters a pattern can start with (the matcher indexes patterns by them)', () => {
    assert.deepStrictEqual([...firstPrefixes('e-?mail', 4)!].sort(), ['e-ma', 'emai']);
    // White space is one class of its own: text looked up has its white space mapped to SPACE_CHAR.
    assert.deepStrictEqual([...firstPrefixes('IP\\s+address', 4)!].sort(), [`ip${SPACE_CHAR}${SPACE_CHAR}`, `ip${SPACE_CHAR}a`]);
    assert.deepStrictEqual([...firstPrefixes('opt out', 5)!], [`opt${SPACE_CHAR}o`]);
    assert.deepStrictEqual([...firstPrefixes('IP\\S', 4)!], [`ip${ANY_CHAR}`]);
    assert.deepStrictEqual([...firstPrefixes('(?:any|all)\\s+data|pii', 3)!].sort(), [`all`, `any`, 'pii']);
    assert.deepStrictEqual([...firstPrefixes('ad(?:vertising)?[\\s-]*tech', 4)!].sort(), [`ad${ANY_CHAR}`, 'adte', 'adve']);
    assert.strictEqual(firstPrefixes('(?:data)?', 4), null);
    assert.strictEqual(firstPrefixes('(?<name>x)', 4), null);
  });
});
