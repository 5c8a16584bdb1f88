/**
 * Metrics of a subscription: the sink interface (per handler call: duration and lag; per message:
 * the outcome) and a CloudWatch Embedded Metric Format writer for it.
 *
 * The EMF writer is written here, not taken from `aws-embedded-metrics` or Powertools Metrics,
 * because the root entry has no runtime dependencies and EMF is one JSON object per log line
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html):
 * a `_aws` member naming the metrics, and their values beside it. Users of those libraries plug
 * them in through the sink instead (see the Powertools recipe in docs/production.md).
 * @module
 */
import type { S3ObjectEvent } from '../events/normalized.js';
import type { MessageOutcome } from './consumer-types.js';

/**
 * One handler call, as a metrics sink sees it.
 *
 * @example
 * ```ts
 * import type { HandlerCallSample } from 's3-event-kit';
 * const slow = (sample: HandlerCallSample): boolean => sample.durationMs > 1_000;
 * ```
 * @category Observe
 */
export interface HandlerCallSample {
  readonly event: S3ObjectEvent;
  /** How long the handler took, in milliseconds (also when it failed). */
  readonly durationMs: number;
  /**
   * Milliseconds from the event's `time` to the handler's start: how far behind the handler is.
   * Undefined when the event's time cannot be read.
   */
  readonly lagMs: number | undefined;
  /** Whether the handler resolved. */
  readonly ok: boolean;
  readonly transport: 'lambda' | 'sqs';
}

/**
 * One message, once it is done with, as a metrics sink sees it.
 *
 * @example
 * ```ts
 * import type { MessageSample } from 's3-event-kit';
 * const acknowledged = (sample: MessageSample): boolean => sample.outcome !== 'failed' && sample.outcome !== 'invalid';
 * ```
 * @category Observe
 */
export interface MessageSample {
  readonly messageId: string | undefined;
  readonly outcome: MessageOutcome;
  /** Events the handler ran for and finished. */
  readonly handled: number;
  /** Events acknowledged without calling the handler (filter, dedupe, latestOnly). */
  readonly skipped: number;
  readonly transport: 'lambda' | 'sqs';
}

/**
 * Where a subscription sends its metrics. Every method is optional and called synchronously; a
 * method that throws is logged and ignored. `flush()` is called at the end of every Lambda
 * invocation, and by the consumer every minute and when it stops.
 *
 * @example
 * ```ts
 * import { subscribe, type MetricsSink } from 's3-event-kit';
 * const durations: number[] = [];
 * const metrics: MetricsSink = {
 *   handlerCall: (sample) => durations.push(sample.durationMs),
 *   message: (sample) => { if (sample.outcome === 'failed') console.warn('failed', sample.messageId); },
 * };
 * export const handler = subscribe({ metrics }, async (event) => console.log(event.key));
 * ```
 * @category Observe
 */
export interface MetricsSink {
  handlerCall?(sample: HandlerCallSample): void;
  message?(sample: MessageSample): void;
  flush?(): void;
}

/**
 * Options of {@link emfMetrics}.
 *
 * @example
 * ```ts
 * import { emfMetrics, type EmfMetricsOptions } from 's3-event-kit';
 * const options: EmfMetricsOptions = { namespace: 'Thumbnails', dimensions: { Service: 'thumbnailer' } };
 * const metrics = emfMetrics(options);
 * ```
 * @category Observe
 */
export interface EmfMetricsOptions {
  /**
   * The CloudWatch namespace.
   * @defaultValue 's3-event-kit'
   */
  readonly namespace?: string | undefined;
  /**
   * Dimensions of every metric (at most 30).
   * @defaultValue `{ FunctionName: AWS_LAMBDA_FUNCTION_NAME }` in Lambda, else none
   */
  readonly dimensions?: Readonly<Record<string, string>> | undefined;
  /** Where each JSON line goes. @defaultValue `console.log` (in Lambda, CloudWatch Logs reads it) */
  readonly write?: ((line: string) => void) | undefined;
}

/** EMF: at most 100 values in a metric's array. */
const MAX_VALUES = 100;

const OUTCOME_METRICS: Record<MessageOutcome, string> = {
  handled: 'MessagesHandled',
  skipped: 'MessagesSkipped',
  failed: 'MessagesFailed',
  invalid: 'MessagesInvalid',
  dropped: 'MessagesDropped',
};

/**
 * A metrics sink that writes CloudWatch Embedded Metric Format: on each `flush()`, one JSON line
 * (more when over 100 handler calls were gathered, EMF's limit of values per metric) with
 * `HandlerDuration` and `EventLag` (milliseconds, every value, so CloudWatch computes
 * percentiles), `HandlerErrors` and `Messages<Outcome>` (counts). In Lambda, CloudWatch Logs turns
 * the lines into metrics with no API call and no dependency.
 *
 * @example
 * ```ts
 * import { emfMetrics, subscribe } from 's3-event-kit';
 * export const handler = subscribe(
 *   { metrics: emfMetrics({ namespace: 'Thumbnails' }) },
 *   async (event) => console.log(event.key),
 * );
 * // After each invocation, a line such as:
 * // {"_aws":{"Timestamp":…,"CloudWatchMetrics":[{"Namespace":"Thumbnails","Dimensions":[["FunctionName"]],"Metrics":[{"Name":"HandlerDuration","Unit":"Milliseconds"},…]}]},"FunctionName":"thumbs","HandlerDuration":[12.5],"EventLag":[830],"MessagesHandled":1}
 * ```
 * @category Observe
 */
export function emfMetrics(options: EmfMetricsOptions = {}): MetricsSink {
  const namespace = options.namespace ?? 's3-event-kit';
  const functionName = typeof process === 'undefined' ? undefined : process.env['AWS_LAMBDA_FUNCTION_NAME'];
  const dimensions = options.dimensions ?? (functionName === undefined ? {} : { FunctionName: functionName });
  const write = options.write ?? ((line: string) => console.log(line));
  let durations: number[] = [];
  let lags: number[] = [];
  let counts: Record<string, number> = {};
  const count = (name: string): void => {
    counts[name] = (counts[name] ?? 0) + 1;
  };
  return {
    handlerCall(sample) {
      durations.push(round(sample.durationMs));
      if (sample.lagMs !== undefined) lags.push(Math.max(0, Math.round(sample.lagMs)));
      if (!sample.ok) count('HandlerErrors');
    },
    message(sample) {
      count(OUTCOME_METRICS[sample.outcome]);
    },
    flush() {
      const lines = Math.max(Math.ceil(durations.length / MAX_VALUES), Math.ceil(lags.length / MAX_VALUES), Object.keys(counts).length > 0 ? 1 : 0);
      for (let i = 0; i < lines; i++) {
        const values: Record<string, number | number[]> = {};
        const duration = durations.slice(i * MAX_VALUES, (i + 1) * MAX_VALUES);
        const lag = lags.slice(i * MAX_VALUES, (i + 1) * MAX_VALUES);
        if (duration.length > 0) values['HandlerDuration'] = duration;
        if (lag.length > 0) values['EventLag'] = lag;
        if (i === 0) Object.assign(values, counts);
        write(emfLine(namespace, dimensions, values));
      }
      durations = [];
      lags = [];
      counts = {};
    },
  };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

function emfLine(namespace: string, dimensions: Readonly<Record<string, string>>, values: Record<string, number | number[]>): string {
  const metrics = Object.keys(values).map((Name) => ({ Name, Unit: Name === 'HandlerDuration' || Name === 'EventLag' ? 'Milliseconds' : 'Count' }));
  return JSON.stringify({
    _aws: { Timestamp: Date.now(), CloudWatchMetrics: [{ Namespace: namespace, Dimensions: [Object.keys(dimensions)], Metrics: metrics }] },
    ...dimensions,
    ...values,
  });
}
