/**
 * Logging for `subscribe()`: the logger interface a subscription writes to (`console` and the
 * Powertools `Logger` both fit it), and the default: one JSON object per line on the console.
 *
 * Written here rather than taken from a logging library because the root entry has no runtime
 * dependencies, and what it needs is small: four levels, a threshold, `Error`s (and their causes)
 * turned into plain fields, and never a message body.
 * @module
 */
import { SubscribeOptionsError } from './errors.js';

/**
 * Anything with the four methods of `console`: `console` itself, the Powertools `Logger`, pino,
 * winston, or an object of your own. Each call passes a one-line message and one object of fields
 * (`messageId`, `bucket`, `key`, `event`, `error`, …), the form all of these accept.
 *
 * @example
 * ```ts
 * import { subscribe, type S3EventLogger } from 's3-event-kit';
 * // Plain console output instead of the default JSON lines:
 * const logger: S3EventLogger = console;
 * export const handler = subscribe({ logger }, async (event) => console.log(event.key));
 * ```
 * @category Observe
 */
export interface S3EventLogger {
  error(message: string, fields: LogFields): void;
  warn(message: string, fields: LogFields): void;
  info(message: string, fields: LogFields): void;
  debug(message: string, fields: LogFields): void;
}

/**
 * The fields of a log line. Which are present depends on what is known: a message that could not
 * be read has no event, a direct S3 invocation has no message id.
 *
 * @example
 * ```ts
 * import type { LogFields } from 's3-event-kit';
 * const fields: LogFields = { messageId: '059f36b4-87a3-44ab-83d2-661975830a7d', bucket: 'photos', key: 'a.jpg', event: 'ObjectCreated:Put' };
 * ```
 * @category Observe
 */
export interface LogFields {
  /** The SQS, SNS or EventBridge message id. */
  readonly messageId?: string | undefined;
  /** SQS `ApproximateReceiveCount` of the delivery. */
  readonly receiveCount?: number | undefined;
  /** The event's name, e.g. `ObjectCreated:Put`. */
  readonly event?: string | undefined;
  readonly bucket?: string | undefined;
  readonly key?: string | undefined;
  readonly versionId?: string | undefined;
  /** `lambda` or `sqs` (the `start()` consumer). */
  readonly transport?: 'lambda' | 'sqs' | undefined;
  /** The queue, for the consumer's lines. */
  readonly queueUrl?: string | undefined;
  /** What became of the message. */
  readonly outcome?: string | undefined;
  /** The error, as thrown (the default logger turns it into name, message, code, stack and cause). */
  readonly error?: unknown;
  readonly [field: string]: unknown;
}

/**
 * Levels of {@link jsonLogger}, lowest first.
 *
 * @example
 * ```ts
 * import { jsonLogger, type LogLevel } from 's3-event-kit';
 * const level: LogLevel = 'warn';
 * const logger = jsonLogger({ level });
 * ```
 * @category Observe
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/**
 * Options of {@link jsonLogger}.
 *
 * @example
 * ```ts
 * import { jsonLogger, type JsonLoggerOptions } from 's3-event-kit';
 * const lines: string[] = [];
 * const options: JsonLoggerOptions = { level: 'debug', write: (line) => lines.push(line) };
 * const logger = jsonLogger(options);
 * ```
 * @category Observe
 */
export interface JsonLoggerOptions {
  /**
   * The lowest level written.
   * @defaultValue `AWS_LAMBDA_LOG_LEVEL` (Lambda's advanced logging controls) or `LOG_LEVEL` from
   * the environment when one names a level (`TRACE` counts as debug, `FATAL` as error, `SILENT`
   * writes nothing), else `'info'`
   */
  readonly level?: LogLevel | undefined;
  /** Where lines go: by default `console.error` for errors and warnings, `console.log` for the rest. */
  readonly write?: ((line: string, level: Exclude<LogLevel, 'silent'>) => void) | undefined;
}

const RANK: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const ENV_LEVELS: Record<string, LogLevel> = { trace: 'debug', debug: 'debug', info: 'info', warn: 'warn', error: 'error', fatal: 'error', silent: 'silent' };

function levelFromEnv(): LogLevel {
  const env = typeof process === 'undefined' ? undefined : process.env;
  const named = (env?.['AWS_LAMBDA_LOG_LEVEL'] ?? env?.['LOG_LEVEL'] ?? '').toLowerCase();
  return ENV_LEVELS[named] ?? 'info';
}

/**
 * The default logger of `subscribe()`: one JSON object per line — `level`, `time`, `message`,
 * then the fields — so CloudWatch Logs Insights, Datadog or Loki can query `messageId`, `key` or
 * `error.name` without parsing text. Errors become `{ name, message, code, stack, cause }`; the
 * input an error carries (a message body) is never written.
 *
 * @example
 * ```ts
 * import { jsonLogger, subscribe } from 's3-event-kit';
 * export const handler = subscribe({ logger: jsonLogger({ level: 'debug' }) }, async (event) => {
 *   console.log(event.key);
 * });
 * // A failure prints one line such as:
 * // {"level":"error","time":"…","message":"handler failed for ObjectCreated:Put s3://b/k (message m1): disk full","messageId":"m1","event":"ObjectCreated:Put","bucket":"b","key":"k","error":{…}}
 * ```
 * @category Observe
 */
export function jsonLogger(options: JsonLoggerOptions = {}): S3EventLogger {
  const level = options.level ?? levelFromEnv();
  const threshold = RANK[level];
  if (threshold === undefined || !Object.hasOwn(RANK, level)) {
    throw new SubscribeOptionsError('jsonLogger.level', options.level, `must be one of ${Object.keys(RANK).map((l) => `'${l}'`).join(', ')}`);
  }
  const write =
    options.write ?? ((line: string, level: string) => (level === 'error' || level === 'warn' ? console.error(line) : console.log(line)));
  const at =
    (level: Exclude<LogLevel, 'silent'>) =>
    (message: string, fields: LogFields): void => {
      if (RANK[level] < threshold) return;
      write(toJsonLine({ level, time: new Date().toISOString(), message, ...fields }, message), level);
    };
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

/** JSON of a log record: errors as plain fields, no input bodies, cycles and BigInts survived. */
function toJsonLine(record: Record<string, unknown>, lineMessage: string): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(record, (_key, value: unknown) => {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value !== 'object' || value === null) return value;
    if (seen.has(value)) return '[Circular]';
    seen.add(value);
    return value instanceof Error ? errorFields(value, lineMessage) : value;
  });
}

/**
 * The library's own errors: they wrap what went wrong (the `cause`) and are made inside the
 * library, so their stack says nothing the line does not.
 */
const WRAPPERS = /* @__PURE__ */ new Set(['S3EventHandlerError', 'S3EventBatchError', 'SqsConsumerError', 'S3EventParseError', 'MissingPeerDependencyError']);

/**
 * What a log line says of an error: name, code, path, operation and reason; the message unless it
 * is a library error whose message the line already says; the stack of errors not made by the library (the handler's own); the
 * cause. Never its `input` (it may hold a message body).
 */
function errorFields(error: Error, lineMessage: string): Record<string, unknown> {
  const { name, message, stack } = error;
  const extra = error as Error & { code?: unknown; path?: unknown; operation?: unknown; reason?: unknown; cause?: unknown };
  const fields: Record<string, unknown> = { name };
  // A wrapper's message is usually the line's own message: said once is enough.
  if (!(WRAPPERS.has(name) && lineMessage.includes(message))) fields['message'] = message;
  for (const key of ['code', 'path', 'operation', 'reason'] as const) {
    const value = extra[key];
    if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  }
  if (stack !== undefined && !WRAPPERS.has(name)) fields['stack'] = stack;
  // A parse error's cause is the JSON.parse or URIError text, which quotes the body: leave it out.
  if (extra.cause !== undefined && name !== 'S3EventParseError') fields['cause'] = extra.cause;
  return fields;
}
