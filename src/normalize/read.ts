/** Field readers that validate as they read and say where a value was wrong. @internal @module */
import { S3EventParseError, type S3EventParseErrorCode } from './errors.js';

/** A parsed JSON object. */
export type JsonObject = { readonly [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Where the reader is: a chain of steps up to the input's root, and the message the value belongs
 * to. The path string (`Records[3].body → Message → Records[0].s3.object.key`) is only built when
 * something fails, so reading a valid payload builds no strings.
 */
export class Scope {
  private constructor(
    readonly parent: Scope | undefined,
    /** A field (`s3.object`), an index (`3` → `[3]`), or `''` for the same place. */
    readonly step: string | number,
    /** Whether this step enters a JSON string held at `step` (`body → …`). */
    readonly entered: boolean,
    readonly messageId: string | undefined,
  ) {}

  /** The root of an input. */
  static root(): Scope {
    return new Scope(undefined, '', false, undefined);
  }

  /** A scope one step deeper: a field path (`'Sns'`, `'s3.object'`) or an array index; optionally a message's own. */
  child(step: string | number, messageId: string | undefined = this.messageId): Scope {
    return new Scope(this, step, false, messageId);
  }

  /** A scope inside the JSON text held at `step`: its paths read `Records[0].body → Message → …`. */
  enter(step: string): Scope {
    return new Scope(this, step, true, this.messageId);
  }


  /** The path of a step below this scope. */
  at(step: string | number): string {
    const steps: Array<{ step: string | number; entered: boolean }> = [{ step, entered: false }];
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) steps.push(scope);
    let path = '';
    for (let index = steps.length - 1; index >= 0; index--) {
      const { step: next, entered } = steps[index] as { step: string | number; entered: boolean };
      if (typeof next === 'number') path += `[${next}]`;
      else if (next !== '') path = path === '' || path.endsWith(ARROW) ? path + next : `${path}.${next}`;
      if (entered) path += ARROW;
    }
    // A failure at the root of a JSON string is reported at the field that held the string.
    return path.endsWith(ARROW) ? path.slice(0, -ARROW.length) : path;
  }

  fail(code: S3EventParseErrorCode, problem: string, step: string | number, input: unknown, cause?: unknown): never {
    throw new S3EventParseError(problem, { code, path: this.at(step), input, messageId: this.messageId, cause });
  }
}

const ARROW = ' → ';

/** A short rendering of any value for an error message; never throws (BigInt, cycles, symbols). */
export function show(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
    case 'object':
      return value === null ? 'null' : Array.isArray(value) ? 'an array' : 'an object';
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(value);
    default:
      return `a ${typeof value}`;
  }
}

function describe(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? `${typeof value} ${show(value)}`
    : show(value);
}

function wrongType(scope: Scope, step: string | number, expected: string, value: unknown): never {
  return scope.fail(
    'INVALID_FIELD',
    value === undefined ? `${expected} is missing` : `expected ${expected}, got ${describe(value)}`,
    step,
    value,
  );
}

// The readers take the value, not (object, key): each call site reads its field with a literal
// property access, which V8 keeps monomorphic; a shared keyed read would be megamorphic.

export function object(value: unknown, scope: Scope, step: string | number): JsonObject {
  return isObject(value) ? value : wrongType(scope, step, 'an object', value);
}

export function optionalObject(value: unknown, scope: Scope, step: string): JsonObject | undefined {
  if (value === undefined || value === null) return undefined;
  return isObject(value) ? value : wrongType(scope, step, 'an object', value);
}

export function string(value: unknown, scope: Scope, step: string): string {
  return typeof value === 'string' ? value : wrongType(scope, step, 'a string', value);
}

/** ISO-8601 date and time, as S3 (`2024-03-14T19:02:45.087Z`) and EventBridge (`2021-11-12T00:00:00Z`) write them. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** A required ISO-8601 timestamp, kept as sent. */
export function timestamp(value: unknown, scope: Scope, step: string): string {
  return typeof value === 'string' && TIMESTAMP.test(value) ? value : wrongType(scope, step, 'an ISO-8601 timestamp', value);
}

/** An optional string; `null` and `""` read as absent (AWS documents `null`, samples show `""`). */
export function optionalString(value: unknown, scope: Scope, step: string): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  return value === undefined || value === null ? undefined : wrongType(scope, step, 'a string', value);
}

export function optionalSize(value: unknown, scope: Scope, step: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
    ? value
    : wrongType(scope, step, 'a size in bytes (a whole number)', value);
}

/** Whether every character is a hex digit (a loop: cheaper than a regular expression on this hot path). */
function isHex(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x30 && code <= 0x39) continue; // 0-9
    const letter = code | 0x20; // A-F folded onto a-f; only A-F and a-f land in a-f
    if (letter < 0x61 || letter > 0x66) return false;
  }
  return text.length > 0;
}

export function optionalSequencer(value: unknown, scope: Scope, step: string): string | undefined {
  const sequencer = optionalString(value, scope, step);
  return sequencer === undefined || isHex(sequencer) ? sequencer : wrongType(scope, step, 'a hexadecimal sequencer', sequencer);
}

/** A map of string to string (tags), or absent. */
export function optionalTags(value: unknown, scope: Scope, step: string): Readonly<Record<string, string>> | undefined {
  const tags = optionalObject(value, scope, step);
  if (tags === undefined) return undefined;
  for (const tag in tags) {
    if (typeof tags[tag] !== 'string') wrongType(scope, `${step}[${JSON.stringify(tag)}]`, 'a string', tags[tag]);
  }
  return tags as Readonly<Record<string, string>>;
}

/**
 * `JSON.parse` that reports where the text was. The message keeps `JSON.parse`'s reason but not
 * the piece of the text it quotes (V8 writes `Unexpected token 'x', "…" is not valid JSON`): error
 * messages end up in logs, and a message body may hold personal data. The text stays on `input`.
 */
export function parseJson(text: string, scope: Scope, step: string | number): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    // No cause: its message is the reason below plus the quoted text, and loggers write causes.
    const reason = (cause as Error).message.replace(/, ".*"(?:\.\.\.)? is not valid JSON$/s, '');
    return scope.fail('INVALID_JSON', `not JSON (${reason})`, step, text);
  }
}
