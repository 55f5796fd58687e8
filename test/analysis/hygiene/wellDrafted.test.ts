import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../../server/src/analysis';
import { fixture, SHARED } from '../../helpers/paths';
import { AS_OF } from '../../helpers/fixtureFindings';

const FAMILIES = /^(?:conflict|outdated|risk|hygiene)\//;

describe('contradictions, risks and hygiene on a well-drafted policy', () => {
  it('report nothing on test/fixtures/complete-policy.md (hints aside)', () => {
    const text = fs.readFileSync(fixture('complete-policy.md'), 'utf8');
    const found = analyze(text, { asOf: AS_OF }).findings.filter(f => FAMILIES.test(f.ruleId) && f.severity !== 'hint');
    assert.deepStrictEqual(found.map(f => `${f.ruleId} line ${f.range.start.line + 1}: ${f.message}`), []);
  });
});

describe('contradictions, risks and hygiene on the shared seed policies', function () {
  const seeds = path.join(SHARED, 'seeds');
  before(function () {
    if (!fs.existsSync(seeds)) this.skip();
  });
  const run = (prefix: string) => {
    const name = fs.readdirSync(seeds).find(n => n.startsWith(prefix))!;
    return analyze(fs.readFileSync(path.join(seeds, name), 'utf8'), { jurisdictions: ['gdpr', 'ccpa', 'caloppa', 'coppa'], asOf: AS_OF }).findings;
  };

  it('reports a Privacy Shield passage once, not once per mention', () => {
    const shield = run('001_').filter(f => f.ruleId === 'outdated/privacy-shield');
    assert.strictEqual(shield.length, 1);
    assert.ok(shield[0].related.length >= 3);
  });

  it('finds the CPRA sharing contradiction between “no sale” and advertising cookies', () => {
    const conflicts = run('000_').filter(f => f.ruleId === 'conflict/sale-vs-advertising');
    assert.ok(conflicts.length >= 1);
    assert.ok(conflicts[0].related.length >= 2);
  });
});
