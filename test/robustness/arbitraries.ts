// Generators of what lawyers paste: policy prose that triggers rules, mixed
// with mis-decoded characters, lone surrogates, control bytes, every line
// ending, BOMs, deep nesting and broken front matter. The prose fragments are
// our own wording, written to exercise the rule families.
import fc from 'fast-check';

/** Characters that break naive offset arithmetic. */
const NASTY = [
  '\u0000', '\u0001', '\u0007', '\b', '\t', '\u000b', '\f', '\u001b', '\u007f', '\u0085',
  '\ufeff', '\u00a0', '\u2007', '\u202f', '\u200b', '\u200d', '\u2028', '\u2029', '\u200e', '\u202e',
  '\ufffd', '\u0301', '\u20ac', 'â€™', 'Ã©', '“', '”', '‘', '’', '–', '—', '…', '•',
  '😀', '👩‍⚖️', '𝔘', '🇪🇺', '\ud800', '\udc00', '\udfff\ud800', '\r', '\n', '\r\n', '\n\r',
];

export const nastyChar = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map(c => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x1f }).map(c => String.fromCharCode(c)) },
);

/** Policy wording that the rule families react to (placeholders, risks, outdated law, requirements, references). */
const PROSE = [
  'We are [COMPANY NAME].',
  'Contact us at {{email}} or privacy [at] example [dot] com.',
  'TODO: insert the retention period.',
  'Lorem ipsum dolor sit amet.',
  'Our address is XXX.',
  'We may share your personal data with trusted partners for any purpose.',
  'We will never sell your personal information.',
  'We sell your personal information to advertisers.',
  'We transfer data to the United States under the EU-U.S. Privacy Shield.',
  'We use Flash cookies to remember you.',
  'We keep your data indefinitely.',
  'We may change this policy at any time without notice.',
  'You have the right to access, correct and delete your personal data.',
  'You may lodge a complaint with a supervisory authority.',
  'Our legal basis is your consent, which you can withdraw at any time.',
  'We do not knowingly collect information from children under 13.',
  'Our website does not respond to Do Not Track signals.',
  'California residents have the right to opt out of the sale of personal information.',
  'See section 14 for details.',
  'As defined in the Terms, "Affiliates" means our group companies.',
  'We collect your name, email address, IP address and precise geolocation.',
  'Last updated: 1 January 2019.',
  'Effective date: 2024-02-30.',
  'This policy is governed by the laws of England.',
  'Your data is 100% secure with us.',
  'By using the site you consent to everything in this policy.',
  'The data controller is Acme Ltd, 1 Main Street, Dublin.',
  'Email dpo@acme.example to reach our Data Protection Officer.',
  'We retain account data for 30 days after you close your account.',
  'Cookies: see our cookie banner. <!-- clausewise-disable-next-line hygiene/placeholder -->',
];

const PREFIX = ['', '', '', '# ', '## ', '### ', '- ', '* ', '1. ', '2) ', '> ', '> - ', '    ', '\t', '| a | ', '<div>', '```', '~~~', '---', '***', '[ref]: ', '  - ', '1) ', '#'];

export const lineEnd = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');

const word = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PROSE) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 2, arbitrary: nastyChar },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('a', ' ', '.', '[', ']', '{', '}', '*', '_', '`', '#', '>', '|', '-', '<', '!'), maxLength: 20 }) },
);

const line = fc.tuple(fc.constantFrom(...PREFIX), fc.array(word, { maxLength: 5 })).map(([p, words]) => p + words.join(' '));

/** Valid, broken and hostile YAML front matter bodies. */
export const FRONT_MATTERS = [
  'title: Privacy Policy',
  'clausewise:\n  jurisdictions: [gdpr, ccpa]',
  'clausewise:\n  jurisdictions: gdpr, coppa\n  controller: {name: Acme, email: a@b.example}\n  effectiveDate: 2024-01-01',
  'clausewise:\n  jurisdictions: [mars]\n  audience: {children: maybe}\n  sells: "no"',
  'clausewise: 42',
  'clausewise: [1, 2, 3]',
  'clausewise:\n  rules: {hygiene/placeholder: off, risk/*: error, x: 3}',
  'clausewise:\n  effectiveDate: 2024-13-45\n  lastUpdated: [yesterday]',
  'key: [unclosed',
  'a: b: c',
  ': : :',
  '{{{{',
  '- just\n- a\n- list',
  '"unterminated',
  'clausewise: &a\n  jurisdictions: *a',
  'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
  'dup: 1\ndup: 2',
  '!!binary |\n  R0lGODlhDAAMAIQAAP',
  '\t\ttabs: are not indentation',
  'x: !!js/function "function(){}"',
  '',
];

const frontMatter = fc.oneof(
  fc.constantFrom(...FRONT_MATTERS),
  fc.array(fc.oneof(fc.constantFrom(...FRONT_MATTERS), fc.string({ unit: 'grapheme', maxLength: 40 })), { maxLength: 4 }).map(a => a.join('\n')),
);

/** A whole document: optional BOM, optional front matter (sometimes unclosed), lines joined by any line end. */
export const hostileDocument = fc
  .record({
    bom: fc.boolean(),
    fm: fc.option(fc.tuple(frontMatter, fc.constantFrom('---', '...', '', '--- ')), { freq: 3 }),
    lines: fc.array(fc.tuple(line, lineEnd), { maxLength: 40 }),
    trailing: fc.constantFrom('', '\n', '\r\n', '\r'),
  })
  .map(({ bom, fm, lines, trailing }) => {
    let text = bom ? '\ufeff' : '';
    if (fm) text += `---\n${fm[0]}\n${fm[1]}\n`;
    text += lines.map(([l, e]) => l + e).join('');
    return text + trailing;
  });

/** Policy-like documents (mostly well-formed) that produce findings with fixes: the edit-safety input. */
export const policyDocument = fc
  .record({
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    bom: fc.boolean(),
    fm: fc.option(fc.constantFrom(...FRONT_MATTERS.slice(0, 4), 'title: Notice'), { freq: 2 }),
    title: fc.constantFrom('# Privacy Policy', '# Privacy Notice of [COMPANY NAME]', 'PRIVACY POLICY', '# Cookie Notice 🍪'),
    sections: fc.array(
      fc.record({
        heading: fc.constantFrom('## Who we are', '## Your rights', '## Sharing', '## Cookies', 'Retention', '## Children', '## Contact us', '## Transfers'),
        paragraphs: fc.array(
          fc.tuple(fc.constantFrom('', '', '- ', '1. ', '> '), fc.array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...PROSE) }, { weight: 1, arbitrary: nastyChar }), { minLength: 1, maxLength: 4 })),
          { minLength: 1, maxLength: 4 },
        ),
      }),
      { maxLength: 6 },
    ),
  })
  .map(({ eol, bom, fm, title, sections }) => {
    const parts: string[] = [];
    if (fm !== null) parts.push(`---${eol}${fm.replace(/\n/g, eol)}${eol}---`);
    parts.push(title);
    for (const s of sections) {
      parts.push(s.heading);
      for (const [prefix, sentences] of s.paragraphs) parts.push(prefix + sentences.join(' ').replace(/\r\n|\r|\n/g, ' '));
    }
    return (bom ? '\ufeff' : '') + parts.join(eol + eol) + eol;
  });
