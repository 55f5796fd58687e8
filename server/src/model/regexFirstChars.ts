// Which characters a regular expression's match can begin with, read from its
// source. The ontology matcher uses it to try, at a position where some
// concept matched, only the patterns that could start there.

/** Lower-case first characters, or null when any character may come first (or the source is beyond this reader). */
export function firstChars(source: string): Set<string> | null {
  try {
    const reader = new Reader(source);
    const result = reader.alternation();
    if (reader.pos !== source.length) return null;
    return result.any ? null : result.chars;
  } catch {
    return null;
  }
}

interface First {
  chars: Set<string>;
  any: boolean;
  /** The construct can match the empty string. */
  nullable: boolean;
}

class Reader {
  pos = 0;
  constructor(private readonly s: string) {}

  alternation(): First {
    const out: First = { chars: new Set(), any: false, nullable: false };
    for (;;) {
      const seq = this.sequence();
      merge(out, seq);
      out.nullable ||= seq.nullable;
      if (this.s[this.pos] !== '|') return out;
      this.pos++;
    }
  }

  private sequence(): First {
    const out: First = { chars: new Set(), any: false, nullable: true };
    while (this.pos < this.s.length && this.s[this.pos] !== '|' && this.s[this.pos] !== ')') {
      const atom = this.quantified();
      if (out.nullable) {
        merge(out, atom);
        out.nullable = atom.nullable;
      }
    }
    return out;
  }

  private quantified(): First {
    const atom = this.atom();
    const c = this.s[this.pos];
    if (c === '?' || c === '*') {
      this.pos++;
      atom.nullable = true;
    } else if (c === '+') this.pos++;
    else if (c === '{') {
      const m = /^\{(\d*)(?:,\d*)?\}/.exec(this.s.slice(this.pos));
      if (!m) throw new Error('quantifier');
      this.pos += m[0].length;
      if (m[1] === '' || Number(m[1]) === 0) atom.nullable = true;
    }
    if (this.s[this.pos] === '?') this.pos++;
    return atom;
  }

  private atom(): First {
    const c = this.s[this.pos];
    if (c === '(') {
      this.pos++;
      let zeroWidth = false;
      if (this.s[this.pos] === '?') {
        const head = this.s.slice(this.pos, this.pos + 3);
        if (head.startsWith('?:')) this.pos += 2;
        else if (head === '?<=' || head === '?<!') {
          this.pos += 3;
          zeroWidth = true;
        } else if (head.startsWith('?=') || head.startsWith('?!')) {
          this.pos += 2;
          zeroWidth = true;
        } else throw new Error('group');
      }
      const inner = this.alternation();
      if (this.s[this.pos] !== ')') throw new Error('unclosed');
      this.pos++;
      return zeroWidth ? { chars: new Set(), any: false, nullable: true } : inner;
    }
    if (c === '[') return this.charClass();
    if (c === '\\') {
      const e = this.s[this.pos + 1];
      this.pos += 2;
      if (e === 'p' || e === 'P') {
        if (this.s[this.pos] === '{') this.pos = this.s.indexOf('}', this.pos) + 1;
        return anyChar();
      }
      if (e === 'b' || e === 'B') return { chars: new Set(), any: false, nullable: true };
      if (e === 's') return literal(' \t\n\r\f\v\u00a0');
      if (/[dwDWS]/.test(e)) return anyChar();
      return literal(e);
    }
    if (c === '.') {
      this.pos++;
      return anyChar();
    }
    if (c === '^' || c === '$') {
      this.pos++;
      return { chars: new Set(), any: false, nullable: true };
    }
    this.pos++;
    return literal(c);
  }

  private charClass(): First {
    const end = this.s.indexOf(']', this.pos + 2);
    if (end < 0) throw new Error('class');
    const body = this.s.slice(this.pos + 1, end);
    this.pos = end + 1;
    if (body.startsWith('^') || /\\[pPwWdDS]/.test(body) || /.-./.test(body.replace(/\\./g, ''))) return anyChar();
    return literal(body.replace(/\\s/g, ' \t\n\r').replace(/\\(.)/g, '$1'));
  }
}

function literal(chars: string): First {
  const set = new Set<string>();
  for (const ch of chars) {
    set.add(ch.toLowerCase());
    set.add(ch.toUpperCase().toLowerCase());
  }
  return { chars: set, any: false, nullable: false };
}

function anyChar(): First {
  return { chars: new Set(), any: true, nullable: false };
}

function merge(into: First, from: First): void {
  for (const ch of from.chars) into.chars.add(ch);
  into.any ||= from.any;
}
