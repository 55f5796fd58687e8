// The five seed policies (third-party text, read at test time, never copied)
// as judged by eye: their dates, child ages and the key statements a lawyer
// would mark in them.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { buildDocument } from '../../server/src/model/document';
import type { PolicyDocument } from '../../server/src/model/types';
import { SHARED } from '../helpers/paths';

const SEEDS = path.join(SHARED, 'seeds');

function seed(prefix: string): PolicyDocument {
  const file = fs.readdirSync(SEEDS).find(f => f.startsWith(prefix));
  assert.ok(file, `no seed ${prefix}`);
  return buildDocument(fs.readFileSync(path.join(SEEDS, file), 'utf8'));
}

describe('statements and facts of the seed policies', function () {
  before(function () {
    if (!fs.existsSync(SEEDS)) this.skip();
  });

  it('reads each seed’s policy dates and child-age thresholds', () => {
    const dates = (d: PolicyDocument) => d.facts.dates.map(x => `${x.role} ${x.iso}`);
    const ages = (d: PolicyDocument) => [...new Set(d.facts.ages.map(a => a.age))];
    assert.deepStrictEqual(dates(seed('000')), ['effective 2024-01-14']);
    assert.deepStrictEqual(dates(seed('004')), ['last-updated 2019-07-15']);
    for (const p of ['001', '002', '003']) assert.deepStrictEqual(dates(seed(p)), [], p);
    assert.deepStrictEqual(ages(seed('000')), [18]);
    assert.deepStrictEqual(ages(seed('001')), [13]);
    assert.deepStrictEqual(ages(seed('004')), [13]);
  });

  it('reads the qualified no-sale clause of 000 as three denials for the recipients’ own marketing', () => {
    const denials = seed('000').statements.filter(s => s.negated && ['sell', 'rent', 'trade'].includes(s.action));
    assert.deepStrictEqual(denials.map(s => s.action).sort(), ['rent', 'sell', 'sell', 'trade']);
    const qualified = denials.filter(s => s.purposes?.some(p => p.id === 'purpose/third-party-marketing'));
    assert.strictEqual(qualified.length, 3);
    assert.ok(qualified.every(s => s.recipients.some(r => r.id === 'entity/third-party')));
  });

  it('reads the Do Not Track answer of 004 as a negated response', () => {
    const dnt = seed('004').statements.filter(s => s.technologies?.some(t => t.id === 'tech/do-not-track'));
    assert.deepStrictEqual(dnt.map(s => [s.actor, s.action, s.negated]), [['we', 'respond', true]]);
  });

  it('reads the user rights of 004 (access, correction, erasure, restriction, portability, objection, withdrawal)', () => {
    const rights = new Set(seed('004').statements.filter(s => s.actor === 'user' && s.action === 'request').map(s => s.requested));
    for (const r of ['access', 'correct', 'delete', 'restrict', 'port', 'object', 'withdraw-consent']) assert.ok(rights.has(r), r);
  });

  it('finds no statement of the company in a sentence that only describes what the policy explains', () => {
    for (const p of ['000', '001', '002', '003', '004']) {
      const doc = seed(p);
      for (const st of doc.statements) {
        const before = doc.text.slice(st.sentence.span.start, st.actionSpan.start);
        assert.ok(!/\b(?:explains|describes)\s+(?:what|how)\b[^.]*$/i.test(before) || st.actor === 'user', `${p}: ${st.sentence.text}`);
      }
    }
  });
});
