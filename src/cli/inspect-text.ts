/**
 * Reads what `console.log('event', event)` prints: Node's `util.inspect` text (unquoted keys,
 * single-, double- or backtick-quoted strings with escapes, `[Object]`/`[Array]` where the depth
 * limit cut, `... N more items`, `'…'... N more characters`), possibly multi-line and after a
 * CloudWatch Logs prefix (`2024-01-01T00:00:00.000Z\t<request id>\tINFO\tevent { … }`). A small
 * recursive-descent parser: no `eval`, no `Function`, objects built with own properties only.
 * @internal @module
 */

/** Where `util.inspect` left something out, and how (`[Object]`, `... 3 more items`, …). */
export interface Truncation {
  readonly path: string;
  readonly marker: string;
}

/** A value read from `util.inspect` text, and what it lacks. */
export interface Inspected {
  readonly value: unknown;
  /** Empty when the text held the whole value. */
  readonly truncations: readonly Truncation[];
}

/** Thrown inside the parser; {@link readInspected} turns it into `undefined`. */
class NotInspectText extends Error {}

/** How deep the parser follows nesting (a guard against stack exhaustion on hostile input). */
const MAX_DEPTH = 500;

const IDENTIFIER = /[A-Za-z_$][A-Za-z0-9_$]*/y;
const NUMBER = /-?(?:Infinity|NaN|(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?n?)/y;
const MORE_ITEMS = /\.\.\. (\d+) more items?/y;
const MORE_CHARACTERS = /\.\.\. (\d+) more characters?/y;

/**
 * The value in a text printed by `util.inspect` (after any log prefix or label), or `undefined`
 * when the text holds none. Tries each `{` or `[` from the start, so a prefix such as `[INFO]` or a
 * label is skipped.
 */
export function readInspected(text: string): Inspected | undefined {
  let attempts = 0;
  for (let start = text.search(/[{[]/); start !== -1 && attempts < 20; start = nextOpening(text, start + 1), attempts++) {
    try {
      const parser = new Parser(text, start);
      const value = parser.value('', 0);
      // The value must end its line (later lines, e.g. the END line of a Lambda log, may follow),
      // so an inner "{" (a nested object, JSON inside a string) is never taken for the whole.
      if (!parser.endsLine()) continue;
      return { value, truncations: parser.truncations };
    } catch (error) {
      if (!(error instanceof NotInspectText)) throw error;
    }
  }
  return undefined;
}

function nextOpening(text: string, from: number): number {
  const rest = text.slice(from).search(/[{[]/);
  return rest === -1 ? -1 : from + rest;
}

class Parser {
  readonly truncations: Truncation[] = [];

  constructor(
    private readonly text: string,
    private at: number,
  ) {}

  value(path: string, depth: number): unknown {
    if (depth > MAX_DEPTH) throw new NotInspectText();
    this.space();
    const char = this.text[this.at];
    if (char === '{') return this.object(path, depth);
    if (char === '[') {
      if (this.take('[Object]')) return this.truncated(path, '[Object]', {});
      if (this.take('[Array]')) return this.truncated(path, '[Array]', []);
      return this.array(path, depth);
    }
    if (char === "'" || char === '"' || char === '`') return this.string(path);
    for (const [word, literal] of LITERALS) if (this.word(word)) return literal;
    NUMBER.lastIndex = this.at;
    const number = NUMBER.exec(this.text);
    if (number !== null) {
      this.at = NUMBER.lastIndex;
      const written = number[0];
      return written.endsWith('n') ? BigInt(written.slice(0, -1)) : Number(written);
    }
    throw new NotInspectText();
  }

  private object(path: string, depth: number): Record<string, unknown> {
    this.at++; // {
    const result: Record<string, unknown> = {};
    this.space();
    if (this.take('}')) return result;
    for (;;) {
      this.space();
      const key = this.key();
      this.space();
      this.expect(':');
      const child = path === '' ? key : /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
      Object.defineProperty(result, key, { value: this.value(child, depth + 1), enumerable: true, writable: true, configurable: true });
      this.space();
      if (this.take('}')) return result;
      this.expect(',');
    }
  }

  private key(): string {
    const char = this.text[this.at];
    if (char === "'" || char === '"' || char === '`') return this.quoted();
    if (char === '[') {
      // An own `__proto__` key is printed as ['__proto__'].
      this.at++;
      const key = this.quoted();
      this.expect(']');
      return key;
    }
    IDENTIFIER.lastIndex = this.at;
    const name = IDENTIFIER.exec(this.text);
    if (name === null) throw new NotInspectText();
    this.at = IDENTIFIER.lastIndex;
    return name[0];
  }

  private array(path: string, depth: number): unknown[] {
    this.at++; // [
    const result: unknown[] = [];
    this.space();
    if (this.take(']')) return result;
    for (;;) {
      this.space();
      MORE_ITEMS.lastIndex = this.at;
      const more = MORE_ITEMS.exec(this.text);
      if (more !== null) {
        this.at = MORE_ITEMS.lastIndex;
        this.truncations.push({ path: `${path}[${result.length}]`, marker: more[0] });
      } else {
        result.push(this.value(`${path}[${result.length}]`, depth + 1));
      }
      this.space();
      if (this.take(']')) return result;
      this.expect(',');
    }
  }

  /** Whether only spaces follow, up to the end of the line or of the text. */
  endsLine(): boolean {
    const end = this.text.indexOf('\n', this.at);
    return this.text.slice(this.at, end === -1 ? undefined : end).trim() === '';
  }

  private string(path: string): string {
    let text = this.quoted();
    // util.inspect splits a multi-line string longer than breakLength: 'line 1\n' +\n  'line 2'
    for (;;) {
      const back = this.at;
      this.space();
      if (!this.take('+')) {
        this.at = back;
        break;
      }
      this.space();
      text += this.quoted();
    }
    MORE_CHARACTERS.lastIndex = this.at;
    const more = MORE_CHARACTERS.exec(this.text);
    if (more !== null) {
      this.at = MORE_CHARACTERS.lastIndex;
      this.truncations.push({ path, marker: more[0] });
    }
    return text;
  }

  /** A string in the quotes `util.inspect` chose (`'`, else `"`, else `` ` ``), escapes resolved. */
  private quoted(): string {
    const quote = this.text[this.at++];
    if (quote !== "'" && quote !== '"' && quote !== '`') throw new NotInspectText();
    let result = '';
    for (;;) {
      const char = this.text[this.at++];
      if (char === undefined || char === '\n') throw new NotInspectText();
      if (char === quote) return result;
      if (char !== '\\') {
        result += char;
        continue;
      }
      const escape = this.text[this.at++];
      const simple = escape === undefined ? undefined : ESCAPES[escape];
      if (simple !== undefined) result += simple;
      else if (escape === 'x') result += String.fromCharCode(this.hex(2));
      else if (escape === 'u' && this.text[this.at] === '{') {
        const end = this.text.indexOf('}', this.at);
        if (end === -1) throw new NotInspectText();
        const code = Number.parseInt(this.text.slice(this.at + 1, end), 16);
        if (!Number.isInteger(code) || code > 0x10ffff) throw new NotInspectText();
        result += String.fromCodePoint(code);
        this.at = end + 1;
      } else if (escape === 'u') result += String.fromCharCode(this.hex(4));
      else throw new NotInspectText();
    }
  }

  private hex(digits: number): number {
    const written = this.text.slice(this.at, this.at + digits);
    if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(written)) throw new NotInspectText();
    this.at += digits;
    return Number.parseInt(written, 16);
  }

  private truncated<T>(path: string, marker: string, placeholder: T): T {
    this.truncations.push({ path: path === '' ? '(the whole value)' : path, marker });
    return placeholder;
  }

  private space(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at] as string)) this.at++;
  }

  private take(token: string): boolean {
    if (!this.text.startsWith(token, this.at)) return false;
    this.at += token.length;
    return true;
  }

  /** A bare word (`null`, `true`, …) not followed by more identifier characters. */
  private word(word: string): boolean {
    if (!this.text.startsWith(word, this.at) || /[\w$]/.test(this.text[this.at + word.length] ?? '')) return false;
    this.at += word.length;
    return true;
  }

  private expect(token: string): void {
    if (!this.take(token)) throw new NotInspectText();
  }
}

const LITERALS: ReadonlyArray<readonly [string, unknown]> = [
  ['null', null],
  ['undefined', undefined],
  ['true', true],
  ['false', false],
];

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  v: '\v',
  0: '\0',
  "'": "'",
  '"': '"',
  '`': '`',
  '\\': '\\',
};
