import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../../server/src/analysis';
import { SHARED } from '../../helpers/paths';

// The hand-labelled seed policies (third-party texts, read at test time only):
// missing-disclosure precision and recall must both stay at or above 0.95.
describe('missing disclosures on the labelled seed policies', function () {
  this.timeout(120000);
  const labels = path.join(SHARED, 'eval', 'labels');
  const seeds = path.join(SHARED, 'seeds');

  it('keeps precision and recall at or above 95%', function () {
    if (!fs.existsSync(labels) || !fs.existsSync(seeds)) this.skip();
    let tp = 0, fp = 0, fn = 0;
    const errors: string[] = [];
    for (const name of fs.readdirSync(labels).filter(n => n.endsWith('.json'))) {
      const label = JSON.parse(fs.readFileSync(path.join(labels, name), 'utf8')) as { doc: string; requirements: Record<string, string> };
      const result = analyze(fs.readFileSync(path.join(seeds, label.doc), 'utf8'), { jurisdictions: ['gdpr', 'ccpa', 'caloppa', 'coppa'] });
      const status = new Map(result.requirements.map(r => [r.id, r.status]));
      for (const [id, truth] of Object.entries(label.requirements)) {
        const flagged = status.get(id) === 'missing';
        if (truth === 'missing' && flagged) tp++;
        else if (truth === 'missing') (fn++, errors.push(`FN ${label.doc} ${id}`));
        else if (flagged) (fp++, errors.push(`FP ${label.doc} ${id}`));
      }
    }
    const precision = tp / (tp + fp || 1), recall = tp / (tp + fn || 1);
    assert.ok(precision >= 0.95 && recall >= 0.95, `precision ${precision.toFixed(3)} recall ${recall.toFixed(3)}\n${errors.join('\n')}`);
  });
});
