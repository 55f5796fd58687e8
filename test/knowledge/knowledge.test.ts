import * as assert from 'assert';
import { KNOWLEDGE_FILES } from '../../server/src/knowledge/files';
import { KnowledgeError, parseKnowledge, readKnowledgeFile } from '../../server/src/knowledge/loader';
import { hygieneFile } from '../../server/src/knowledge/files/hygiene';

describe('knowledge files', () => {
  for (const spec of KNOWLEDGE_FILES) {
    it(`${spec.file} is well-formed`, () => {
      readKnowledgeFile(spec);
    });
  }

  it('names the file and line of a malformed entry', () => {
    const yaml = ['patternRules:', '  - id: hygiene/x', '    title: t', '    explanation: e', '    severity: loud', '    message: m', "    patterns: ['a']", ''].join('\n');
    assert.throws(() => parseKnowledge(hygieneFile, yaml, 'hygiene.yaml'), (e: Error) => e instanceof KnowledgeError && /hygiene\.yaml:5: patternRules\.0\.severity must be one of/.test(e.message));
  });

  it('rejects an invalid regular expression with its line', () => {
    const yaml = ['patternRules:', '  - id: hygiene/x', '    title: t', '    explanation: e', '    severity: info', '    message: m', "    patterns: ['(unclosed']", ''].join('\n');
    assert.throws(() => parseKnowledge(hygieneFile, yaml, 'hygiene.yaml'), /hygiene\.yaml:7: .*not a valid regular expression/);
  });
});
