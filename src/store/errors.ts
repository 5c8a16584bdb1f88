/**
 * Errors of the production helpers (stores, dedupe, latestOnly, backfill): a bad option, and a
 * store call that failed. Each has a stable `name`, says what and where, and keeps the cause.
 * @module
 */

function show(value: unknown): string {
  try {
    return typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? value);
  } catch {
    return String(value);
  }
}

/**
 * An option of a store, `createDeduper`, `createLatestOnly` or `backfill` is out of range or of
 * the wrong type. Says which option (`option`) and keeps the value given (`value`).
 *
 * @example
 * ```ts
 * import { memoryStore, InvalidOptionError } from 's3-event-kit';
 * try {
 *   memoryStore({ maxEntries: 0 });
 * } catch (error) {
 *   if (error instanceof InvalidOptionError) console.log(error.option); // maxEntries
 * }
 * ```
 * @category Production
 */
export class InvalidOptionError extends TypeError {
  override readonly name = 'InvalidOptionError' as const;
  /** The option's name, e.g. `ttlSeconds`. */
  readonly option: string;
  /** The value that was given. */
  readonly value: unknown;

  constructor(where: string, option: string, value: unknown, expected: string) {
    super(`${where}: option ${option} must be ${expected}, got ${show(value)}`);
    this.option = option;
    this.value = value;
  }
}

/** Checks a whole number within bounds, or throws {@link InvalidOptionError}. @internal */
export function checkInteger(where: string, option: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `${min} to ${max}`;
    throw new InvalidOptionError(where, option, value, `a whole number, ${range}`);
  }
  return value;
}

/** Checks a finite number ≥ `min`, or throws {@link InvalidOptionError}. @internal */
export function checkNumber(where: string, option: string, value: number, min: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new InvalidOptionError(where, option, value, `a finite number, at least ${min}`);
  }
  return value;
}

/**
 * A call to a shared store failed (for example DynamoDB throttled, or the table does not exist).
 * Says which store, operation and key; the SDK's error is the `cause`.
 *
 * @example
 * ```ts
 * import { EventStoreError } from 's3-event-kit';
 * declare const error: unknown;
 * if (error instanceof EventStoreError) console.log(error.operation, error.key, error.cause);
 * ```
 * @category Production
 */
export class EventStoreError extends Error {
  override readonly name = 'EventStoreError' as const;
  /** What was called, e.g. `PutItem`. */
  readonly operation: string;
  /** The store key involved. */
  readonly key: string;

  constructor(store: string, operation: string, key: string, cause: unknown) {
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : show(cause);
    super(`${store} ${operation} for key ${show(key)} failed: ${reason}`, { cause });
    this.operation = operation;
    this.key = key;
  }
}
