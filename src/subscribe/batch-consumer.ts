/**
 * The SQS worker of `subscribeBatch()`: the consumer of `subscribe()` (polling, heartbeat,
 * deletes, visibility changes, stop, stats, events) with batches instead of single messages.
 *
 * - Gathers: ready messages form a batch; with `batchWindowMs` 0 that is one receive, otherwise
 *   receives are gathered until `maxBatchSize` messages or the window's end — and never past
 *   what the heartbeat can keep: without one, a batch starts before its oldest message's
 *   visibility ends.
 * - Handles: one `runBatch` per batch, then every message is settled as the consumer settles
 *   `subscribe()`'s (deleted, or left for retry with `retryDelay`).
 * - Paces: with `rateLimit`, a batch takes one token per event before it starts (see
 *   `RateLimiter`); until then its messages wait, kept by the heartbeat.
 * - FIFO: a group's messages of one batch are handed over in order; a group with a message in a
 *   running batch keeps its later messages waiting for the next batch; after a failure, the
 *   group's later messages (of the batch and waiting) are not acknowledged and come back after it.
 * @internal @module
 */
import { matches } from '../filter.js';
import { BatchContext, runBatch, type BatchWork } from './batch-run.js';
import { SqsConsumer, type Held } from './consumer.js';
import type { Core, Result } from './run-message.js';
import type { ConsumerSettings } from './validate.js';

/** `start()`'s batch options, checked. */
export interface BatchSettings {
  readonly maxBatchSize: number;
  readonly batchWindowMs: number;
}

export class BatchSqsConsumer extends SqsConsumer {
  /** Ready messages gathering into the next batch, in arrival order. */
  private forming: Held[] = [];
  private windowEnds = Infinity;
  private windowTimer: ReturnType<typeof setTimeout> | undefined;
  /** FIFO groups with a message in a running batch, and their later messages, waiting in order. */
  private readonly busy = new Map<string, Held[]>();
  private settling = false;

  constructor(
    core: Core,
    settings: ConsumerSettings,
    private readonly work: BatchWork,
    private readonly batch: BatchSettings,
  ) {
    super(core, settings);
  }

  /** Groups are kept per batch (see `startReady`), not per message. */
  protected override enqueue(message: Held): void {
    this.ready.push(message);
  }

  /**
   * Called by `settle()` and `skip()` for one message. A batch's groups are released once the
   * whole batch is settled (`finish`); a message that never reached the handler (its visibility
   * ran out while it waited) holds its group's later messages back.
   */
  protected override nextInGroup(group: string, failure: Error | undefined): void {
    if (this.settling || failure === undefined) return;
    this.failGroup(group, failure);
  }

  protected override startReady(): void {
    for (let next = this.ready.shift(); next !== undefined; next = this.ready.shift()) this.forming.push(next);
    this.forming = this.forming.filter((m) => m.state === 'queued');
    if (!this.running || this.forming.length === 0) {
      this.windowEnds = Infinity;
      this.clearTimer();
      return;
    }
    const { maxBatchSize, batchWindowMs } = this.batch;
    const now = Date.now();
    if (this.windowEnds === Infinity) this.windowEnds = now + batchWindowMs;
    const due = now >= Math.min(this.windowEnds, this.latestStart());
    let paced = false;
    while (this.forming.length >= maxBatchSize || (due && this.forming.length > 0)) {
      if (!this.startBatch()) {
        paced = true;
        break;
      }
    }
    if (this.throttled && !paced && !this.rate?.waiting) this.throttled = false;
    this.clearTimer();
    if (this.forming.length === 0) {
      this.windowEnds = Infinity;
      return;
    }
    // Waiting for rateLimit's tokens: its timer pumps again when they are due.
    if (paced) return;
    const delay = Math.max(0, Math.min(this.windowEnds, this.latestStart()) - now);
    this.windowTimer = setTimeout(() => {
      this.windowTimer = undefined;
      this.pump();
    }, delay);
    this.windowTimer.unref?.();
  }

  /**
   * When the gathering batch must start: before the visibility of its oldest message ends, for
   * messages the heartbeat does not keep (it is off, or at SQS's 12-hour cap); a margin of two
   * heartbeat sweeps, so the batch starts before the sweep gives a message up.
   */
  private latestStart(): number {
    const { heartbeatInterval, visibilityTimeout } = this.settings;
    let earliest = Infinity;
    for (const message of this.forming) {
      if (heartbeatInterval === undefined || message.extendAt === Infinity) earliest = Math.min(earliest, message.visibleUntil);
    }
    return earliest - 2 * Math.min(1000, visibilityTimeout * 250);
  }

  /**
   * Starts one batch of at most `maxBatchSize` messages; messages of a busy group wait for its
   * batch to end. With `rateLimit`, the batch first takes one token per event the filter keeps:
   * answers false, changing nothing, while they are not there yet.
   */
  private startBatch(): boolean {
    const chunk: Held[] = [];
    const rest: Held[] = [];
    const held: Held[] = [];
    const groups = new Set<string>();
    for (const message of this.forming) {
      const { group } = message;
      if (group !== undefined && !groups.has(group) && this.busy.has(group)) {
        held.push(message);
      } else if (chunk.length < this.batch.maxBatchSize) {
        chunk.push(message);
        if (group !== undefined) groups.add(group);
      } else {
        rest.push(message);
      }
    }
    if (chunk.length > 0 && this.rate && !this.rate.take(this.wake, this.eventsOf(chunk))) {
      // Held (and extended by the heartbeat) until the tokens are due: then `wake` pumps again.
      this.throttle();
      return false;
    }
    for (const message of held) {
      message.state = 'waiting';
      this.busy.get(message.group as string)?.push(message);
    }
    this.forming = rest;
    if (chunk.length === 0) return true;
    for (const group of groups) this.busy.set(group, []);
    void this.runChunk(chunk, groups);
    return true;
  }

  /** The events of a batch that `rateLimit` counts: those the filter keeps (duplicates included). */
  private eventsOf(chunk: readonly Held[]): number {
    const { filter } = this.core;
    let count = 0;
    for (const { parsed } of chunk) {
      if (parsed.failure) continue;
      count += filter === undefined ? parsed.events.length : parsed.events.filter((event) => matches(event, filter)).length;
    }
    return count;
  }

  private async runChunk(chunk: Held[], groups: ReadonlySet<string>): Promise<void> {
    for (const message of chunk) message.state = 'running';
    this.active += chunk.length;
    const items = chunk.map(({ parsed, ctx }) => ({ parsed, ctx }));
    const results = await runBatch(this.core, this.work, items, new BatchContext(undefined), 'sqs');
    this.active -= chunk.length;
    this.finish(chunk, results, groups);
    this.notify();
    this.pump();
  }

  /** Settles every message of a batch in order, then releases (or fails) its FIFO groups. */
  private finish(chunk: readonly Held[], results: readonly Result[], groups: ReadonlySet<string>): void {
    const failedGroups = new Map<string, Error>();
    this.settling = true;
    try {
      chunk.forEach((message, i) => {
        const result = results[i] as Result;
        const { group } = message;
        const earlier = group === undefined ? undefined : failedGroups.get(group);
        if (earlier !== undefined && !(result.ack && result.permanent)) {
          // FIFO: handled or not, it must come back after the failed one (unless it was dropped or dead-lettered as permanent).
          if (message.state !== 'gone') this.skip(message, earlier);
          return;
        }
        this.settle(message, result);
        if (group !== undefined && !result.ack) failedGroups.set(group, result.error);
      });
    } finally {
      this.settling = false;
    }
    for (const group of groups) {
      const waiting = (this.busy.get(group) ?? []).filter((m) => m.state === 'waiting');
      this.busy.delete(group);
      const failure = failedGroups.get(group);
      if (failure !== undefined) {
        for (const message of waiting) if (message.state === 'waiting') this.skip(message, failure);
      } else {
        for (const message of waiting) message.state = 'queued';
        this.forming.unshift(...waiting);
      }
    }
  }

  /** A group's message failed outside a batch: its later messages, waiting or gathering, come back after it. */
  private failGroup(group: string, failure: Error): void {
    for (let next = this.ready.shift(); next !== undefined; next = this.ready.shift()) this.forming.push(next);
    const waiting = this.busy.get(group);
    if (waiting !== undefined) this.busy.set(group, []);
    const later = [...(waiting ?? []), ...this.forming.filter((m) => m.group === group)];
    this.forming = this.forming.filter((m) => m.group !== group);
    for (const message of later) if (message.state === 'queued' || message.state === 'waiting') this.skip(message, failure);
  }

  private clearTimer(): void {
    if (this.windowTimer === undefined) return;
    clearTimeout(this.windowTimer);
    this.windowTimer = undefined;
  }
}
