/** Field readers that validate as they read and say where a value was wrong. @internal @module */
import { S3EventParseError, type S3EventParseErrorCode } from './errors.js';

/** A parsed JSON object. */
export type JsonObject = { readonly [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Where the reader is: the JSON path so far and the message the value belongs to. Paths are only
 * built when something fails, so reading a valid payload allocates no strings.
 */
export class Scope {
  constructor(
    readonly path: string,
    readonly messageId: string | undefined,
  ) {}

  /** A scope one step deeper (`field`, `a.b`, `Records[3]`). */
  child(step: string): Scope {
    return new Scope(join(this.path, step), this.messageId);
  }

  /** A scope inside the JSON text held at `step`: its paths read `Records[0].body → Message → …`. */
  enter(step: string): Scope {
    return new Scope(`${join(this.path, step)}${ARROW}`, this.messageId);
  }

  /** The same place, attributed to a message. */
  forMessage(messageId: string | undefined): Scope {
    return new Scope(this.path, messageId);
  }

  /** The path of a step below this scope. */
  at(step: string): string {
    const path = join(this.path, step);
    return path.endsWith(ARROW) ? path.slice(0, -ARROW.length) : path;
  }

  fail(code: S3EventParseErrorCode, problem: string, step: string, input: unknown, cause?: unknown): never {
    throw new S3EventParseError(problem, { code, path: this.at(step), input, messageId: this.messageId, cause });
  }
}

const ARROW = ' → ';

/** `a` + `b.c` → `a.b.c`; at the start or after an arrow, the step as is. Steps carry their own `[i]`. */
function join(path: string, step: string): string {
  if (step === '') return path;
  return path === '' || path.endsWith(ARROW) ? path + step : `${path}.${step}`;
}

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

function wrongType(scope: Scope, step: string, expected: string, value: unknown): never {
  return scope.fail(
    'INVALID_FIELD',
    value === undefined ? `${expected} is missing` : `expected ${expected}, got ${describe(value)}`,
    step,
    value,
  );
}

export function object(parent: JsonObject, key: string, scope: Scope, step: string): JsonObject {
  const value = parent[key];
  return isObject(value) ? value : wrongType(scope, step, 'an object', value);
}

export function optionalObject(parent: JsonObject, key: string, scope: Scope, step: string): JsonObject | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  return isObject(value) ? value : wrongType(scope, step, 'an object', value);
}

export function string(parent: JsonObject, key: string, scope: Scope, step: string): string {
  const value = parent[key];
  return typeof value === 'string' ? value : wrongType(scope, step, 'a string', value);
}

/** An optional string; `null` and `""` read as absent (AWS documents `null`, samples show `""`). */
export function optionalString(parent: JsonObject, key: string, scope: Scope, step: string): string | undefined {
  const value = parent[key];
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? value : wrongType(scope, step, 'a string', value);
}

export function optionalSize(parent: JsonObject, key: string, scope: Scope, step: string): number | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
    ? value
    : wrongType(scope, step, 'a size in bytes (a whole number)', value);
}

const HEX = /^[0-9A-Fa-f]+$/;

export function optionalSequencer(parent: JsonObject, key: string, scope: Scope, step: string): string | undefined {
  const value = optionalString(parent, key, scope, step);
  return value === undefined || HEX.test(value) ? value : wrongType(scope, step, 'a hexadecimal sequencer', value);
}

/** A map of string to string (tags), or absent. */
export function optionalTags(
  parent: JsonObject,
  key: string,
  scope: Scope,
  step: string,
): Readonly<Record<string, string>> | undefined {
  const value = optionalObject(parent, key, scope, step);
  if (value === undefined) return undefined;
  for (const tag in value) {
    if (typeof value[tag] !== 'string') wrongType(scope, `${step}[${JSON.stringify(tag)}]`, 'a string', value[tag]);
  }
  return value as Readonly<Record<string, string>>;
}

/** `JSON.parse` that reports where the text was. */
export function parseJson(text: string, scope: Scope, step: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    return scope.fail('INVALID_JSON', `not JSON (${(cause as Error).message})`, step, text, cause);
  }
}
