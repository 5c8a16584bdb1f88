/**
 * A local EventBridge event-pattern matcher, faithful to the documented semantics (the open-source
 * Event Ruler that EventBridge runs) for the operators this library emits and a few more, so that
 * patterns can be tested without AWS. Unsupported operators throw instead of guessing.
 * @module
 */
import { S3ConfigError } from './errors.js';

/**
 * A comparison in an event pattern: an exact value, or one of the operator objects.
 *
 * @example
 * ```ts
 * import type { EventPatternCondition } from 's3-event-kit/config';
 * const conditions: EventPatternCondition[] = ['aws.s3', { prefix: 'uploads/' }, { wildcard: 'uploads/*.jpg' }];
 * ```
 * @category Config
 */
export type EventPatternCondition =
  | string
  | number
  | boolean
  | null
  | { readonly prefix: string | { readonly 'equals-ignore-case': string } }
  | { readonly suffix: string | { readonly 'equals-ignore-case': string } }
  | { readonly 'equals-ignore-case': string }
  | { readonly wildcard: string }
  | { readonly exists: boolean }
  | { readonly numeric: readonly (string | number)[] }
  | {
      readonly 'anything-but':
        | string
        | number
        | readonly string[]
        | readonly number[]
        | { readonly prefix: string }
        | { readonly suffix: string }
        | { readonly 'equals-ignore-case': string | readonly string[] }
        | { readonly wildcard: string | readonly string[] };
    };

/**
 * An EventBridge event pattern: field names map to arrays of conditions (any may match), to nested
 * patterns, or (`$or`) to alternative patterns.
 *
 * @example
 * ```ts
 * import type { EventPattern } from 's3-event-kit/config';
 * const pattern: EventPattern = { source: ['aws.s3'], detail: { object: { key: [{ suffix: '.png' }] } } };
 * ```
 * @category Config
 */
export interface EventPattern {
  readonly [field: string]: readonly EventPatternCondition[] | EventPattern | readonly EventPattern[] | undefined;
}

function invalidPattern(message: string): never {
  throw new S3ConfigError(`Invalid or unsupported event pattern: ${message}`, { code: 'INVALID_INPUT' });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The leaf values at a path: arrays are flattened, objects are not leaves (Event Ruler semantics). */
function leavesOf(value: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) for (const item of value) leavesOf(item, out);
  else if (!isPlainObject(value)) out.push(value);
  return out;
}

/** Every value at `field` of the objects in `scope` (arrays of objects are searched element by element). */
function childrenOf(scope: readonly unknown[], field: string): unknown[] {
  const out: unknown[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) visit(item);
    else if (isPlainObject(value) && Object.hasOwn(value, field)) out.push(value[field]);
  };
  for (const value of scope) visit(value);
  return out;
}

/**
 * Converts an EventBridge wildcard to a regular expression: `*` matches any run of characters,
 * `\*` a literal asterisk, `\\` a backslash; consecutive wildcards and other escapes are invalid.
 */
function wildcardRegExp(wildcard: string): RegExp {
  let source = '';
  let lastWasStar = false;
  for (let i = 0; i < wildcard.length; i++) {
    const char = wildcard[i] as string;
    if (char === '\\') {
      const next = wildcard[i + 1];
      if (next !== '*' && next !== '\\') invalidPattern(`wildcard ${JSON.stringify(wildcard)}: a backslash may only escape "*" or "\\"`);
      source += next === '*' ? '\\*' : '\\\\';
      i++;
      lastWasStar = false;
    } else if (char === '*') {
      if (lastWasStar) invalidPattern(`wildcard ${JSON.stringify(wildcard)}: consecutive wildcard characters are not allowed`);
      source += '[\\s\\S]*';
      lastWasStar = true;
    } else {
      source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      lastWasStar = false;
    }
  }
  return new RegExp(`^${source}$`);
}

function ignoreCase(value: unknown, key: string): string | undefined {
  if (isPlainObject(value) && Object.keys(value).length === 1 && typeof value['equals-ignore-case'] === 'string') {
    return value['equals-ignore-case'];
  }
  if (isPlainObject(value)) invalidPattern(`unsupported ${key} operand ${JSON.stringify(value)}`);
  return undefined;
}

function numericMatches(spec: readonly unknown[], value: number): boolean {
  if (spec.length === 0 || spec.length % 2 !== 0) invalidPattern(`numeric ${JSON.stringify(spec)}`);
  for (let i = 0; i < spec.length; i += 2) {
    const op = spec[i];
    const bound = spec[i + 1];
    if (typeof bound !== 'number') invalidPattern(`numeric ${JSON.stringify(spec)}: bounds must be numbers`);
    const ok =
      op === '=' ? value === bound : op === '<' ? value < bound : op === '<=' ? value <= bound : op === '>' ? value > bound : op === '>=' ? value >= bound : invalidPattern(`numeric operator ${JSON.stringify(op)}`);
    if (!ok) return false;
  }
  return true;
}

/** Whether one leaf value satisfies one condition (not `exists`, handled per field). */
function conditionHolds(condition: unknown, value: unknown): boolean {
  if (condition === null || typeof condition !== 'object') {
    if (typeof condition === 'number') return typeof value === 'number' && value === condition;
    return value === condition;
  }
  if (Array.isArray(condition)) return invalidPattern(`nested array ${JSON.stringify(condition)}`);
  const entries = Object.entries(condition);
  if (entries.length !== 1) invalidPattern(`an operator object must have exactly one key: ${JSON.stringify(condition)}`);
  const [operator, operand] = entries[0] as [string, unknown];
  switch (operator) {
    case 'prefix': {
      if (typeof value !== 'string') return false;
      const loose = ignoreCase(operand, 'prefix');
      if (loose !== undefined) return value.toLowerCase().startsWith(loose.toLowerCase());
      if (typeof operand !== 'string') return invalidPattern(`prefix ${JSON.stringify(operand)}`);
      return value.startsWith(operand);
    }
    case 'suffix': {
      if (typeof value !== 'string') return false;
      const loose = ignoreCase(operand, 'suffix');
      if (loose !== undefined) return value.toLowerCase().endsWith(loose.toLowerCase());
      if (typeof operand !== 'string') return invalidPattern(`suffix ${JSON.stringify(operand)}`);
      return value.endsWith(operand);
    }
    case 'equals-ignore-case':
      if (typeof operand !== 'string') return invalidPattern(`equals-ignore-case ${JSON.stringify(operand)}`);
      return typeof value === 'string' && value.toLowerCase() === operand.toLowerCase();
    case 'wildcard':
      if (typeof operand !== 'string') return invalidPattern(`wildcard ${JSON.stringify(operand)}`);
      return typeof value === 'string' && wildcardRegExp(operand).test(value);
    case 'numeric':
      if (!Array.isArray(operand)) return invalidPattern(`numeric ${JSON.stringify(operand)}`);
      return typeof value === 'number' && numericMatches(operand, value);
    case 'anything-but':
      return anythingBut(operand, value);
    case 'cidr':
      return invalidPattern('cidr matching is not supported by this matcher');
    default:
      return invalidPattern(`unknown operator ${JSON.stringify(operator)}`);
  }
}

function anythingBut(operand: unknown, value: unknown): boolean {
  if (typeof operand === 'string' || typeof operand === 'number') return value !== operand && value !== null && value !== undefined;
  if (Array.isArray(operand)) return value !== null && value !== undefined && !operand.includes(value);
  if (isPlainObject(operand)) {
    const entries = Object.entries(operand);
    if (entries.length !== 1) invalidPattern(`anything-but ${JSON.stringify(operand)}`);
    const [operator, inner] = entries[0] as [string, unknown];
    if (typeof value !== 'string') return false;
    const list = Array.isArray(inner) ? inner : [inner];
    for (const item of list) if (typeof item !== 'string') invalidPattern(`anything-but ${JSON.stringify(operand)}`);
    const strings = list as string[];
    switch (operator) {
      case 'prefix':
        return !strings.some((s) => value.startsWith(s));
      case 'suffix':
        return !strings.some((s) => value.endsWith(s));
      case 'equals-ignore-case':
        return !strings.some((s) => value.toLowerCase() === s.toLowerCase());
      case 'wildcard':
        return !strings.some((s) => wildcardRegExp(s).test(value));
      default:
        return invalidPattern(`anything-but ${JSON.stringify(operand)}`);
    }
  }
  return invalidPattern(`anything-but ${JSON.stringify(operand)}`);
}

function fieldMatches(conditions: readonly unknown[], values: readonly unknown[]): boolean {
  if (conditions.length === 0) invalidPattern('an empty condition list matches nothing and is rejected by EventBridge');
  const leaves: unknown[] = [];
  for (const value of values) leavesOf(value, leaves);
  for (const condition of conditions) {
    if (isPlainObject(condition) && Object.hasOwn(condition, 'exists')) {
      if (typeof condition['exists'] !== 'boolean') invalidPattern(`exists ${JSON.stringify(condition['exists'])}`);
      if ((leaves.length > 0) === condition['exists']) return true;
      continue;
    }
    if (leaves.some((leaf) => conditionHolds(condition, leaf))) return true;
  }
  return false;
}

function isOr(value: unknown): value is readonly Record<string, unknown>[] {
  return Array.isArray(value) && value.length >= 2 && value.every(isPlainObject);
}

function patternMatches(pattern: Record<string, unknown>, scope: readonly unknown[]): boolean {
  for (const [field, spec] of Object.entries(pattern)) {
    if (spec === undefined) continue;
    if (field === '$or' && isOr(spec)) {
      if (!spec.some((branch) => patternMatches(branch, scope))) return false;
      continue;
    }
    const values = childrenOf(scope, field);
    if (Array.isArray(spec)) {
      if (!fieldMatches(spec, values)) return false;
    } else if (isPlainObject(spec)) {
      if (!patternMatches(spec, values)) return false;
    } else {
      invalidPattern(`field ${JSON.stringify(field)} must map to an array or an object, not ${JSON.stringify(spec)}`);
    }
  }
  return true;
}

/**
 * Whether an event matches an EventBridge event pattern, evaluated locally with EventBridge's
 * rules: every field named in the pattern must match (AND), any condition in a field's array may
 * match (OR), array values in the event match if any element does, `exists` looks at leaf values
 * only, and `$or` (two or more alternatives) matches if any alternative does. Supports exact
 * values, `prefix`, `suffix`, `equals-ignore-case`, `wildcard`, `exists`, `numeric` and
 * `anything-but`; throws on `cidr` and on malformed patterns rather than guessing.
 *
 * @param pattern - The pattern object, or its JSON text.
 * @param event - The event object, or its JSON text.
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 * @example
 * ```ts
 * import { matchesEventPattern, s3EventPattern } from 's3-event-kit/config';
 * const pattern = s3EventPattern({ buckets: 'my-bucket', events: ['ObjectCreated:*'], suffix: '.png' });
 * matchesEventPattern(pattern, {
 *   source: 'aws.s3', 'detail-type': 'Object Created',
 *   detail: { bucket: { name: 'my-bucket' }, object: { key: 'cat.png' }, reason: 'PutObject' },
 * }); //=> true
 * ```
 * @category Config
 */
export function matchesEventPattern(pattern: EventPattern | string, event: unknown): boolean {
  const parsedPattern: unknown = typeof pattern === 'string' ? JSON.parse(pattern) : pattern;
  const parsedEvent: unknown = typeof event === 'string' ? JSON.parse(event) : event;
  if (!isPlainObject(parsedPattern)) return invalidPattern('the pattern must be a JSON object');
  if (!isPlainObject(parsedEvent)) return false;
  return patternMatches(parsedPattern, [parsedEvent]);
}
