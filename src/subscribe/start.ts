/**
 * `subscription.start()` without the consumer in the module graph of a Lambda handler: the SQS
 * consumer (its polling, heartbeat, batching and SDK glue: a quarter of `subscribe()`) is imported
 * when a consumer starts, not when the package is. `start()` still answers at once with a consumer
 * that takes listeners and `stop()` while the module loads, and hands them over when it has.
 *
 * In the package build the consumer is a chunk of its own that only `start()` loads, so importing
 * `s3-event-kit` in Lambda never reads it; a bundler with code splitting keeps it out of the
 * handler's chunk too, and one without it (esbuild's default) keeps it in the file but does not
 * run its module code at start-up.
 * @internal @module
 */
import type { ConsumerEvents, ConsumerStats, S3EventConsumer } from './consumer-types.js';
import type { Core } from './run-message.js';
import type { ConsumerSettings } from './validate.js';

type Listener<Name extends keyof ConsumerEvents> = (...args: ConsumerEvents[Name]) => void;

const NO_STATS: ConsumerStats = {
  received: 0,
  handled: 0,
  skippedMessages: 0,
  failed: 0,
  dropped: 0,
  deleted: 0,
  released: 0,
  skipped: 0,
  inFlight: 0,
  polls: 0,
};

/** Makes the consumer once its module is loaded (subscribeBatch loads its own). */
export type ConsumerLoader = (core: Core, settings: ConsumerSettings) => Promise<S3EventConsumer>;

const loadSqsConsumer: ConsumerLoader = (core, settings) => import('./consumer.js').then(({ SqsConsumer }) => new SqsConsumer(core, settings));

export function startConsumer(core: Core, settings: ConsumerSettings, load: ConsumerLoader = loadSqsConsumer): S3EventConsumer {
  return new StartingConsumer(core, settings, load);
}

/** The consumer while its module loads, then a thin forwarder to it. */
class StartingConsumer implements S3EventConsumer {
  readonly stopped: Promise<void>;
  private consumer: S3EventConsumer | undefined;
  private stopRequested: Promise<void> | undefined;
  private readonly early: Array<['on' | 'off', keyof ConsumerEvents, Listener<keyof ConsumerEvents>]> = [];
  /** Aborted by a `stop()` that comes before the module has loaded: the consumer then never polls. */
  private readonly stopEarly = new AbortController();

  constructor(core: Core, settings: ConsumerSettings, load: ConsumerLoader) {
    const signal = settings.signal === undefined ? this.stopEarly.signal : AbortSignal.any([settings.signal, this.stopEarly.signal]);
    const loaded = load(core, { ...settings, signal }).then((consumer) => {
      for (const [method, name, listener] of this.early) consumer[method](name, listener);
      this.early.length = 0;
      this.consumer = consumer;
      if (this.stopRequested) void consumer.stop();
      return consumer;
    });
    this.stopped = loaded.then((consumer) => consumer.stopped);
  }

  on<Name extends keyof ConsumerEvents>(name: Name, listener: Listener<Name>): this {
    // A 'fatal' listener handles the fatal error: `stopped` rejecting is then no unhandled rejection.
    if (name === 'fatal') this.stopped.catch(() => {});
    if (this.consumer) this.consumer.on(name, listener);
    else this.early.push(['on', name, listener as Listener<keyof ConsumerEvents>]);
    return this;
  }

  off<Name extends keyof ConsumerEvents>(name: Name, listener: Listener<Name>): this {
    if (this.consumer) this.consumer.off(name, listener);
    else this.early.push(['off', name, listener as Listener<keyof ConsumerEvents>]);
    return this;
  }

  stop(): Promise<void> {
    if (this.consumer) return this.consumer.stop();
    this.stopEarly.abort();
    this.stopRequested ??= this.stopped.catch(() => {});
    return this.stopRequested;
  }

  get running(): boolean {
    return this.consumer ? this.consumer.running : this.stopRequested === undefined;
  }

  get healthy(): boolean {
    return this.consumer?.healthy ?? false;
  }

  get stats(): ConsumerStats {
    return this.consumer?.stats ?? NO_STATS;
  }
}
