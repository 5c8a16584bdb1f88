/**
 * The SQS long-polling consumer behind `subscription.start()`.
 *
 * - Polls: as many `ReceiveMessage` calls in flight as it takes to keep `concurrency` handlers
 *   busy (held messages + 10 per pending poll ≤ concurrency), not one batch at a time.
 * - Handles: each message through `runMessage` (filter, handler, `onInvalid`); messages of one
 *   FIFO group one after the other, and none after a failure in that group.
 * - Acknowledges: deletes a message only after its handler finished, in `DeleteMessageBatch`es.
 * - Keeps visibility: a heartbeat extends every held message before it expires, within SQS's
 *   12-hour cap; when that is impossible, the handler's signal fires.
 * - Survives: SQS and network errors are reported on `'error'` and followed by exponential back-off
 *   with jitter; polling resumes when SQS answers again. What cannot heal (no SDK, no queue, access
 *   denied) is fatal: `'fatal'`, then it stops and `stopped` rejects.
 * - Tells: every failure is logged once (by `runMessage`, or here for SQS calls); outcomes and
 *   handler timings go to the metrics sink, flushed every minute and on stop.
 * - Stops: no new polls, queued messages released, handlers finish (or are aborted after
 *   `stopTimeout`), deletes flushed.
 * @internal @module
 */
import type { SqsMessage } from '../events/envelopes.js';
import type { ParsedMessage } from '../normalize/parse.js';
import { parseMessages } from '../normalize/parse.js';
import { backoffDelay, retrySeconds } from './backoff.js';
import { Batcher } from './batcher.js';
import { MessageContext } from './context.js';
import type { ConsumerEvents, ConsumerStats, S3EventConsumer } from './consumer-types.js';
import { Emitter } from './emitter.js';
import { HandlerAbortedError, S3EventHandlerError, SqsConsumerError, codeOf, type SqsOperation } from './errors.js';
import { groupOf, receiveCountOf } from './sqs-attributes.js';
import type { LogFields } from './logger.js';
import { Observer } from './observe.js';
import { RateLimiter } from './rate-limit.js';
import { outcomeOf, runMessage, whereOf, type Core, type Result } from './run-message.js';
import { SqsApi, type BatchFailure } from './sqs-api.js';
import type { ConsumerSettings } from './validate.js';
import { extensionSeconds } from './visibility.js';

/** How long a partial batch of deletes or visibility changes waits for company. */
const BATCH_WINDOW_MS = 5;
/** Attempts of a `DeleteMessageBatch` before its messages are left to come back. */
const DELETE_ATTEMPTS = 3;
/** After `stopTimeout` and the abort, how long `stop()` still waits for handlers. */
const ABORT_GRACE_MS = 1000;
/** How often the metrics sink is flushed while the consumer runs. */
const METRICS_FLUSH_MS = 60_000;

/**
 * Error codes after which polling cannot succeed without someone changing something: the queue
 * is missing, access (to the queue or its KMS key) is denied, the credentials are refused or
 * absent. Throttling, 5xx and network errors are not here: those are retried with back-off.
 * Codes from the SQS API reference (ReceiveMessage errors, common errors) and the SDK's
 * credential provider.
 */
const FATAL_CODES = /* @__PURE__ */ new Set([
  'QueueDoesNotExist',
  'AWS.SimpleQueueService.NonExistentQueue',
  'InvalidAddress',
  'InvalidSecurity',
  'AccessDenied',
  'AccessDeniedException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'MissingAuthenticationToken',
  'CredentialsProviderError',
  'KmsAccessDenied',
  'KmsDisabled',
  'KmsInvalidKeyUsage',
  'KmsInvalidState',
  'KmsNotFound',
  'KmsOptInRequired',
  'UnsupportedOperation',
]);

type HeldState = 'queued' | 'waiting' | 'running' | 'gone';

/** A received message the consumer is responsible for until it is settled. */
export interface Held {
  readonly parsed: ParsedMessage;
  readonly raw: SqsMessage;
  readonly receiptHandle: string;
  readonly ctx: MessageContext;
  readonly group: string | undefined;
  /** When the `ReceiveMessage` call was sent: the 12-hour cap counts from here (conservatively). */
  readonly receivedAt: number;
  /** Until when SQS keeps it hidden, as far as the consumer knows (from the answer's arrival, then the extensions). */
  visibleUntil: number;
  extendAt: number;
  extending: boolean;
  state: HeldState;
}

type VisibilityChange =
  | { readonly kind: 'extend'; readonly held: Held; readonly seconds: number; readonly sentAt: number }
  | { readonly kind: 'retry' | 'release'; readonly receiptHandle: string; readonly seconds: number; readonly messageId: string | undefined };

/** A FIFO queue of held messages with O(1) shift. */
export class Queue<T> {
  private items: T[] = [];
  private head = 0;
  push(item: T): void {
    this.items.push(item);
  }
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
  /** Puts an item back at the front (one taken by `shift()` that cannot start yet). */
  unshift(item: T): void {
    if (this.head > 0) this.items[--this.head] = item;
    else this.items.unshift(item);
  }
}

export class SqsConsumer extends Emitter<ConsumerEvents> implements S3EventConsumer {
  readonly stopped: Promise<void>;
  private resolveStopped!: () => void;
  private rejectStopped!: (error: SqsConsumerError) => void;
  private state: 'running' | 'stopping' | 'stopped' = 'running';
  private fatalError: SqsConsumerError | undefined;
  private isReady = false;
  private stopping: Promise<void> | undefined;
  private api: SqsApi | undefined;
  private readonly loaded: Promise<void>;

  private readonly held = new Set<Held>();
  protected readonly ready = new Queue<Held>();
  /** FIFO groups with a held message: later messages of the group wait here, in order. */
  private readonly groups = new Map<string, Held[]>();
  /** Handlers running now (messages being handled, for subscribeBatch's consumer). */
  protected active = 0;
  private polls = 0;
  /** One controller per `ReceiveMessage` in flight (a shared one would collect a listener per call). */
  private readonly pollControllers = new Set<AbortController>();

  private receiveFailures = 0;
  private paused = false;
  private resumeTimer: ReturnType<typeof setTimeout> | undefined;
  private sweepTimer: ReturnType<typeof setInterval> | undefined;
  private flushTimer: ReturnType<typeof setInterval> | undefined;
  private readonly sweepMs: number;
  private readonly waiters = new Set<() => void>();
  /** `rateLimit`'s token bucket; `throttled` while messages wait for a token (said once per spell, at debug). */
  protected readonly rate: RateLimiter | undefined;
  protected throttled = false;

  private readonly deletes: Batcher<Held>;
  private readonly visibility: Batcher<VisibilityChange>;
  private readonly counts = { received: 0, handled: 0, skippedMessages: 0, failed: 0, dropped: 0, deleted: 0, released: 0, skipped: 0 };

  protected core: Core;
  private readonly observer: Observer;

  constructor(
    core: Core,
    protected readonly settings: ConsumerSettings,
  ) {
    super();
    this.rate = settings.rateLimit && new RateLimiter(settings.rateLimit.perSecond, settings.rateLimit.burst);
    this.observer = settings.logger === undefined ? core.observer : core.observer.withLogger(settings.logger);
    this.core = {
      ...core,
      settings: { ...core.settings, onInvalid: settings.onInvalid, handlerTimeout: settings.handlerTimeout },
      observer: this.observer,
    };
    this.stopped = new Promise((resolve, reject) => {
      this.resolveStopped = resolve;
      this.rejectStopped = reject;
    });
    this.deletes = new Batcher((entries) => this.deleteBatch(entries), BATCH_WINDOW_MS, (error) => this.unexpected(error));
    this.visibility = new Batcher((entries) => this.changeVisibility(entries), BATCH_WINDOW_MS, (error) => this.unexpected(error));
    const heartbeat = settings.heartbeatInterval;
    this.sweepMs = Math.min(1000, heartbeat !== undefined ? (heartbeat * 1000) / 2 : (settings.visibilityTimeout * 1000) / 4);
    if (this.observer.metrics?.flush) {
      this.flushTimer = setInterval(() => this.observer.flush(), METRICS_FLUSH_MS);
      this.flushTimer.unref?.();
    }
    this.loaded = SqsApi.create(settings.queueUrl, settings.client, settings.commands).then(
      (api) => {
        this.api = api;
        const { permanent } = this.core.settings;
        if (permanent !== 'drop') {
          // The dead-letter queue is sent to with the consumer's own client unless the policy names one.
          this.core = { ...this.core, settings: { ...this.core.settings, permanent: permanent.withDefaultClient(api.client) } };
        }
        if (this.state !== 'running') return;
        this.sweepTimer = setInterval(() => this.sweep(), this.sweepMs);
        this.sweepTimer.unref?.();
        this.log('info', 'consumer started', { concurrency: settings.concurrency });
        this.pump();
      },
      (cause: unknown) => {
        // A MissingPeerDependencyError: no SDK to make a client, or an SDK client without its commands.
        this.fatal(new SqsConsumerError('LoadSdk', settings.queueUrl, { cause, code: 'MissingPeerDependency' }));
      },
    );
    const { signal } = settings;
    if (signal?.aborted) void this.stop();
    else signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  private readonly onAbort = (): void => void this.stop();

  get stats(): ConsumerStats {
    return { ...this.counts, inFlight: this.held.size, polls: this.polls };
  }

  get running(): boolean {
    return this.state === 'running';
  }

  get healthy(): boolean {
    return this.state === 'running' && this.isReady && this.receiveFailures === 0;
  }

  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  // ── polling ────────────────────────────────────────────────────────────────────────────────

  /** Starts what can start: handlers up to `concurrency`, then polls while there is room. */
  protected pump(): void {
    this.startReady();
    if (this.state !== 'running' || this.paused || !this.api) return;
    const { concurrency, batchSize } = this.settings;
    while (this.held.size + this.polls * batchSize <= concurrency) this.poll(this.api);
  }

  /** Starts handlers for ready messages, up to `concurrency` (subscribeBatch's consumer starts batches instead). */
  protected startReady(): void {
    if (this.state !== 'running') return; // stopping: queued messages are released, none starts
    while (this.active < this.settings.concurrency) {
      const next = this.ready.shift();
      if (!next) break;
      if (next.state !== 'queued') continue;
      if (this.rate && !this.rate.take(this.wake)) {
        // Held (and extended by the heartbeat) until a token is due: then `wake` pumps again.
        this.ready.unshift(next);
        this.throttle();
        break;
      }
      void this.run(next);
    }
    if (this.throttled && !this.rate?.waiting) this.throttled = false;
  }

  protected readonly wake = (): void => this.pump();

  protected throttle(): void {
    if (this.throttled) return;
    this.throttled = true;
    const { perSecond, burst } = this.settings.rateLimit ?? { perSecond: 0, burst: 0 };
    this.log('debug', `rateLimit reached (${perSecond}/s, burst ${burst}): received messages wait for their turn, their visibility kept by the heartbeat`, {
      perSecond,
      burst,
    });
  }

  private poll(api: SqsApi): void {
    this.polls++;
    const sentAt = Date.now();
    const controller = new AbortController();
    this.pollControllers.add(controller);
    const { batchSize, waitTimeSeconds, visibilityTimeout, messageAttributeNames } = this.settings;
    api
      .receive(
        { max: batchSize, wait: waitTimeSeconds, visibility: visibilityTimeout, attributes: messageAttributeNames },
        controller.signal,
      )
      .then(
        (messages) => {
          this.polls--;
          this.received(messages, sentAt);
        },
        (error: unknown) => {
          this.polls--;
          this.receiveFailed(error);
        },
      )
      .finally(() => {
        this.pollControllers.delete(controller);
        this.notify();
        this.pump();
      });
  }

  private received(messages: SqsMessage[], sentAt: number): void {
    if (this.receiveFailures > 0 && this.state === 'running') this.log('info', 'ReceiveMessage works again', { failures: this.receiveFailures });
    this.receiveFailures = 0;
    if (!this.isReady && this.state === 'running') {
      this.isReady = true;
      this.emit('ready');
    }
    if (messages.length === 0) return;
    this.counts.received += messages.length;
    // SQS starts a message's visibility timeout when it hands the message out, which in a long poll
    // can be up to waitTimeSeconds after the call was sent: the visibility clock starts now.
    const arrivedAt = Date.now();
    const { visibilityTimeout, heartbeatInterval } = this.settings;
    for (let i = 0; i < messages.length; i++) {
      const raw = messages[i] as SqsMessage;
      const receiptHandle = raw.ReceiptHandle;
      if (receiptHandle === undefined) continue; // SQS always sends one; nothing could be acknowledged without it
      if (this.state !== 'running') {
        this.release(receiptHandle, raw.MessageId);
        continue;
      }
      const message: Held = {
        // One message at a time, so a failure's JSON path is within the message (`Body…`), not the receive batch.
        parsed: parseMessages(raw, this.core.parse).messages[0] as ParsedMessage,
        raw,
        receiptHandle,
        ctx: new MessageContext(raw.MessageId, receiveCountOf(raw), raw),
        group: groupOf(raw),
        receivedAt: sentAt,
        visibleUntil: arrivedAt + visibilityTimeout * 1000,
        extendAt: heartbeatInterval === undefined ? Infinity : arrivedAt + heartbeatInterval * 1000,
        extending: false,
        state: 'queued',
      };
      this.held.add(message);
      this.enqueue(message);
    }
  }

  protected enqueue(message: Held): void {
    const { group } = message;
    if (group !== undefined) {
      const waiting = this.groups.get(group);
      if (waiting) {
        message.state = 'waiting';
        waiting.push(message);
        return;
      }
      this.groups.set(group, []);
    }
    this.ready.push(message);
  }

  private receiveFailed(error: unknown): void {
    if (this.state !== 'running') return; // stopping aborts polls: not an error
    const code = codeOf(error);
    if (code !== undefined && FATAL_CODES.has(code)) {
      this.fatal(new SqsConsumerError('ReceiveMessage', this.settings.queueUrl, { cause: error, code }));
      return;
    }
    this.receiveFailures++;
    this.report('ReceiveMessage', error, []);
    if (this.paused) return;
    this.paused = true;
    const delay = backoffDelay(this.receiveFailures, this.settings.initialDelay, this.settings.maxDelay);
    this.resumeTimer = setTimeout(() => {
      this.paused = false;
      this.resumeTimer = undefined;
      this.pump();
    }, delay);
  }

  // ── handling ───────────────────────────────────────────────────────────────────────────────

  private async run(message: Held): Promise<void> {
    message.state = 'running';
    this.active++;
    const { ctx } = message;
    const result = await runMessage(this.core, message.parsed, ctx, 'sqs');
    this.active--;
    this.settle(message, result);
    this.notify();
    this.pump();
  }

  /** Acknowledges or fails a message that left the handler (or never reached it). */
  protected settle(message: Held, result: Result): void {
    if (message.state === 'gone') return; // abandoned by stop() or expired: not ours to acknowledge
    message.state = 'gone';
    this.held.delete(message);
    const { parsed, raw } = message;
    const outcome = outcomeOf(result);
    this.counts.skipped += result.skipped;
    // Logged (once) by runMessage; the events are for listeners.
    if (parsed.failure) this.emit('invalid', parsed.failure, raw);
    if (result.ack) {
      for (const test of parsed.testEvents) this.emit('testEvent', test);
      if (result.permanent) this.emit('handlerError', result.permanent);
      this.counts[outcome === 'dropped' ? 'dropped' : outcome === 'skipped' ? 'skippedMessages' : 'handled']++;
      if (this.state !== 'stopped') this.deletes.add(message);
    } else {
      this.counts.failed++;
      if (result.error instanceof S3EventHandlerError) this.emit('handlerError', result.error);
      this.retryLater(message, result.error);
    }
    this.observer.message(outcome, result.handled, result.skipped, whereOf(message.ctx, 'sqs'));
    if (this.has('message')) {
      this.emit('message', { messageId: raw.MessageId, outcome, handled: result.handled, skipped: result.skipped, message: raw });
    }
    if (message.group !== undefined) this.nextInGroup(message.group, result.ack ? undefined : result.error);
  }

  /** Fails a message without handling it: it comes back (after `retryDelay`, if set). */
  protected skip(message: Held, error: Error): void {
    message.state = 'gone';
    this.held.delete(message);
    this.counts.failed++;
    this.log('warn', `message ${message.raw.MessageId ?? '(no id)'} not handled: ${error.message}`, {
      messageId: message.raw.MessageId,
      outcome: 'failed',
    });
    this.observer.message('failed', 0, 0, whereOf(message.ctx, 'sqs'));
    this.retryLater(message, error);
    if (this.has('message')) {
      this.emit('message', { messageId: message.raw.MessageId, outcome: 'failed', handled: 0, skipped: 0, message: message.raw });
    }
    if (message.group !== undefined) this.nextInGroup(message.group, error);
  }

  /** The next message of a FIFO group may run, unless this one failed: then none of the group's may. */
  protected nextInGroup(group: string, failure: Error | undefined): void {
    const waiting = this.groups.get(group);
    if (!waiting) return;
    if (failure === undefined) {
      const next = waiting.shift();
      if (next) {
        next.state = 'queued';
        this.ready.push(next);
      } else {
        this.groups.delete(group);
      }
      return;
    }
    this.groups.delete(group);
    for (const later of waiting) if (later.state === 'waiting') this.skip(later, failure);
  }

  private retryLater(message: Held, error: Error): void {
    const { retryDelay } = this.settings;
    if (retryDelay === undefined || this.state === 'stopped' || message.ctx.reason?.reason === 'visibility') return;
    const seconds = retrySeconds(retryDelay, { messageId: message.raw.MessageId, receiveCount: message.ctx.receiveCount ?? 1, error });
    if (seconds === undefined) return;
    this.visibility.add({ kind: 'retry', receiptHandle: message.receiptHandle, seconds, messageId: message.raw.MessageId });
  }

  private release(receiptHandle: string, messageId: string | undefined): void {
    this.counts.released++;
    this.visibility.add({ kind: 'release', receiptHandle, seconds: 0, messageId });
  }

  // ── heartbeat ──────────────────────────────────────────────────────────────────────────────

  /** Extends what is due, and gives up on what can no longer be kept. */
  private sweep(): void {
    const now = Date.now();
    const { visibilityTimeout, heartbeatInterval } = this.settings;
    for (const message of this.held) {
      if (now >= message.visibleUntil - this.sweepMs) {
        this.expire(message);
        continue;
      }
      if (heartbeatInterval === undefined || message.extending || now < message.extendAt) continue;
      const seconds = extensionSeconds(now, message.receivedAt, visibilityTimeout);
      if (seconds >= 1 && now + seconds * 1000 > message.visibleUntil) {
        message.extending = true;
        this.visibility.add({ kind: 'extend', held: message, seconds, sentAt: now });
      } else {
        message.extendAt = Infinity; // the 12-hour cap: no more extensions, expire() will follow
      }
    }
  }

  /** A message whose visibility is about to end: a running handler is told; a waiting one is let go. */
  private expire(message: Held): void {
    if (message.state === 'running') {
      message.ctx.abort(new HandlerAbortedError('visibility', message.raw.MessageId, 'the message becomes visible again; it will be delivered again'));
      return;
    }
    if (message.state === 'queued' || message.state === 'waiting') {
      // Not handled; SQS delivers it again (and its FIFO successors after it).
      this.skip(message, new HandlerAbortedError('visibility', message.raw.MessageId, 'the message became visible again before its turn'));
    }
  }

  // ── SQS batch calls ────────────────────────────────────────────────────────────────────────

  private async deleteBatch(messages: Held[]): Promise<void> {
    const api = this.api as SqsApi;
    let todo = messages;
    for (let attempt = 1; todo.length > 0 && attempt <= DELETE_ATTEMPTS; attempt++) {
      if (attempt > 1) await sleep(backoffDelay(attempt - 1, this.settings.initialDelay, this.settings.maxDelay));
      try {
        const failures = await api.deleteBatch(todo.map((m) => m.receiptHandle));
        this.counts.deleted += todo.length - failures.length;
        todo = this.batchFailures('DeleteMessageBatch', failures, todo, (m) => m.raw.MessageId);
      } catch (error) {
        this.report('DeleteMessageBatch', error, todo.map((m) => m.raw.MessageId));
      }
    }
  }

  private async changeVisibility(changes: VisibilityChange[]): Promise<void> {
    const api = this.api as SqsApi;
    const idOf = (c: VisibilityChange): string | undefined => (c.kind === 'extend' ? c.held.raw.MessageId : c.messageId);
    let failures: BatchFailure[];
    try {
      failures = await api.changeVisibilityBatch(
        changes.map((c) => ({ receiptHandle: c.kind === 'extend' ? c.held.receiptHandle : c.receiptHandle, seconds: c.seconds })),
      );
    } catch (error) {
      this.report('ChangeMessageVisibilityBatch', error, changes.map(idOf));
      for (const c of changes) if (c.kind === 'extend') c.held.extending = false; // try again on the next sweep
      return;
    }
    const failed = new Map(failures.map((f) => [Number(f.id), f]));
    changes.forEach((change, i) => {
      if (change.kind !== 'extend') return;
      const { held, seconds, sentAt } = change;
      held.extending = false;
      const failure = failed.get(i);
      if (!failure) {
        held.visibleUntil = sentAt + seconds * 1000;
        held.extendAt = sentAt + (this.settings.heartbeatInterval ?? Infinity) * 1000;
      } else if (failure.senderFault) {
        // ReceiptHandleIsInvalid, MessageNotInflight…: SQS will not keep this message for us.
        held.extendAt = Infinity;
        held.ctx.abort(new HandlerAbortedError('visibility', held.raw.MessageId, `SQS refused to extend its visibility (${failure.code ?? 'unknown'})`));
      }
    });
    this.batchFailures('ChangeMessageVisibilityBatch', failures, changes, idOf);
  }

  /** Reports the failed entries of a batch call; returns those worth another attempt. */
  private batchFailures<T>(
    operation: SqsOperation,
    failures: BatchFailure[],
    entries: T[],
    idOf: (entry: T) => string | undefined,
  ): T[] {
    const retry: T[] = [];
    for (const failure of failures) {
      const entry = entries[Number(failure.id)];
      if (entry === undefined) continue;
      const id = idOf(entry);
      this.sqsError(
        new SqsConsumerError(operation, this.settings.queueUrl, {
          cause: failure,
          messageIds: id === undefined ? [] : [id],
          code: failure.code,
          detail: failure.message ?? 'the entry failed',
        }),
      );
      if (!failure.senderFault) retry.push(entry);
    }
    return retry;
  }

  private report(operation: SqsOperation, cause: unknown, messageIds: Array<string | undefined>, detail?: string): void {
    const ids = messageIds.filter((id): id is string => id !== undefined);
    this.sqsError(new SqsConsumerError(operation, this.settings.queueUrl, { cause, messageIds: ids, code: codeOf(cause), detail }));
  }

  /** An SQS call failed: one warning line (the consumer goes on), and the `'error'` event. */
  private sqsError(error: SqsConsumerError): void {
    const [messageId] = error.messageIds;
    this.log('warn', error.message, { ...(messageId === undefined ? {} : { messageId }), operation: error.operation, error });
    this.emit('error', error);
  }

  /** Something that cannot heal: say so once, stop, and reject `stopped`. */
  private fatal(error: SqsConsumerError): void {
    if (this.fatalError !== undefined || this.state === 'stopped') return;
    this.fatalError = error;
    this.log('error', `the consumer cannot go on and stops: ${error.message}`, { operation: error.operation, code: error.code, error });
    // Someone listening for 'fatal' handles it: `stopped` then rejects without an unhandled rejection.
    if (this.emit('fatal', error)) this.stopped.catch(() => {});
    void this.stop();
  }

  private log(level: 'error' | 'warn' | 'info' | 'debug', message: string, fields: Omit<LogFields, 'transport' | 'queueUrl'>): void {
    this.observer.log(level, message, { transport: 'sqs', queueUrl: this.settings.queueUrl, ...fields });
  }

  protected override listenerThrew(name: string, error: unknown): void {
    this.log('error', `a '${name}' listener threw: ${error instanceof Error ? error.message : String(error)}`, { error });
  }

  private unexpected(error: unknown): void {
    this.log('error', `an SQS batch call failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`, { error });
  }

  // ── stopping ───────────────────────────────────────────────────────────────────────────────

  protected notify(): void {
    for (const waiter of this.waiters) waiter();
  }

  /** Resolves true when `done()` holds, or false after `ms`. */
  private until(done: () => boolean, ms: number): Promise<boolean> {
    if (done()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (value: boolean): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(value);
      };
      const check = (): void => {
        if (done()) finish(true);
      };
      const timer = setTimeout(() => finish(false), ms);
      this.waiters.add(check);
    });
  }

  private async shutdown(): Promise<void> {
    this.state = 'stopping';
    this.settings.signal?.removeEventListener('abort', this.onAbort);
    for (const controller of this.pollControllers) controller.abort();
    if (this.resumeTimer !== undefined) clearTimeout(this.resumeTimer);
    this.rate?.dispose();
    await this.loaded;
    // Received but not started: let other consumers have them now.
    for (const message of this.held) {
      if (message.state !== 'queued' && message.state !== 'waiting') continue;
      message.state = 'gone';
      this.held.delete(message);
      this.release(message.receiptHandle, message.raw.MessageId);
    }
    this.groups.clear();
    if (!(await this.until(() => this.active === 0, this.settings.stopTimeout))) {
      for (const message of this.held) {
        message.ctx.abort(new HandlerAbortedError('stop', message.raw.MessageId, `the consumer is stopping and stopTimeout (${this.settings.stopTimeout} ms) has passed`));
      }
      await this.until(() => this.active === 0, ABORT_GRACE_MS);
    }
    await this.until(() => this.polls === 0, ABORT_GRACE_MS);
    if (this.api) {
      await this.deletes.drain();
      await this.visibility.drain();
      await this.deletes.drain(); // a handler that settled meanwhile: its delete goes now, not after stop()
    }
    if (this.sweepTimer !== undefined) clearInterval(this.sweepTimer);
    if (this.flushTimer !== undefined) clearInterval(this.flushTimer);
    this.observer.flush();
    this.state = 'stopped';
    // Handlers that ignored the abort: their messages come back after their visibility timeout.
    for (const message of this.held) message.state = 'gone';
    this.held.clear();
    const { received, handled, failed, deleted } = this.counts;
    this.log('info', 'consumer stopped', { received, handled, failed, deleted });
    this.emit('stopped');
    if (this.fatalError) this.rejectStopped(this.fatalError);
    else this.resolveStopped();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
