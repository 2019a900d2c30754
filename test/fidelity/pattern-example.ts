/**
 * A string that a regular expression of the kind specs use matches, or
 * undefined for constructs this does not know (lookarounds, backreferences).
 * It takes the first alternative and the least repetition that is not zero;
 * ajv checks the result, so a wrong guess costs a sample, never a verdict.
 */
export function patternExample(pattern: string): string | undefined {
  try {
    const p = new Parser(pattern);
    const out = p.alternation();
    return p.done() ? out : undefined;
  } catch {
    return undefined;
  }
}

const CLASS_ESCAPES: Record<string, string> = { w: 'a', d: '1', s: ' ', W: '-', D: 'a', S: 'a', b: '', B: '' };

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  done(): boolean {
    return this.i >= this.src.length;
  }

  alternation(): string {
    const first = this.sequence();
    while (this.src[this.i] === '|') {
      this.i++;
      this.sequence();
    }
    return first;
  }

  private sequence(): string {
    let out = '';
    while (!this.done() && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom();
      const [min, max] = this.quantifier();
      const times = Math.min(Math.max(min, 1), max);
      out += atom.repeat(times);
    }
    return out;
  }

  private atom(): string {
    const c = this.src[this.i++]!;
    if (c === '^' || c === '$') return '';
    if (c === '.') return 'a';
    if (c === '(') {
      if (this.src[this.i] === '?') {
        if (this.src[this.i + 1] !== ':') throw new Error('lookaround');
        this.i += 2;
      }
      const inner = this.alternation();
      if (this.src[this.i++] !== ')') throw new Error('unclosed group');
      return inner;
    }
    if (c === '[') return this.characterClass();
    if (c === '\\') return this.escape(false);
    return c;
  }

  private escape(inClass: boolean): string {
    const c = this.src[this.i++]!;
    if (c in CLASS_ESCAPES) return CLASS_ESCAPES[c]!;
    if (/[1-9]/.test(c) && !inClass) throw new Error('backreference');
    if (c === 'n') return '\n';
    if (c === 't') return '\t';
    if (c === 'u') {
      const hex = this.src.slice(this.i, this.i + 4);
      this.i += 4;
      return String.fromCharCode(parseInt(hex, 16));
    }
    return c;
  }

  private characterClass(): string {
    const negated = this.src[this.i] === '^';
    if (negated) this.i++;
    const members: string[] = [];
    const ranges: [string, string][] = [];
    let first = true;
    while (this.src[this.i] !== ']' || first) {
      first = false;
      if (this.done()) throw new Error('unclosed class');
      let c = this.src[this.i++]!;
      if (c === '\\') c = this.escape(true);
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && this.src[this.i + 1] !== undefined) {
        this.i++;
        let end = this.src[this.i++]!;
        if (end === '\\') end = this.escape(true);
        ranges.push([c, end]);
      } else members.push(c);
    }
    this.i++;
    if (!negated) return ranges[0]?.[0] ?? members[0] ?? 'a';
    const inside = (ch: string) => members.includes(ch) || ranges.some(([a, b]) => ch >= a && ch <= b);
    return ['a', 'Z', '0', '_', 'x', '-', '.'].find((ch) => !inside(ch)) ?? '~';
  }

  private quantifier(): [number, number] {
    const c = this.src[this.i];
    let bounds: [number, number] = [1, 1];
    if (c === '*') bounds = [0, Infinity];
    else if (c === '+') bounds = [1, Infinity];
    else if (c === '?') bounds = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return bounds;
      this.i += m[0].length - 1;
      bounds = [Number(m[1]), m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3])];
    } else return bounds;
    this.i++;
    if (this.src[this.i] === '?') this.i++;
    return bounds;
  }
}
