/**
 * The handler's context for one message, shared by every transport: the signal is made only if
 * the handler reads it (most never do), one per message, so no signal collects a listener per
 * handler (Node warns past 10) and aborting one message leaves the others running.
 * @internal @module
 */
import type { S3ObjectEvent } from '../events/normalized.js';
import type { HandlerAbortedError } from './errors.js';
import type { Observer, Where } from './observe.js';
import { readRedrive, type S3EventRedrive } from './redrive.js';
import { readTrace, type S3EventTrace } from './trace.js';
import type { LambdaContextLike, S3EventContext } from './types.js';

export class MessageContext implements S3EventContext {
  private controller: AbortController | undefined;
  /** Why the signal fired, once it has. */
  reason: HandlerAbortedError | undefined;
  /** The message's events, its observer and transport: set by `runMessage` (`attach`), read by the lazy getters. */
  private events: readonly S3ObjectEvent[] = [];
  private observer: Observer | undefined;
  private transport: Where['transport'] | undefined;
  private traced: { readonly value: S3EventTrace | undefined } | undefined;
  private redriven: { readonly value: S3EventRedrive | undefined } | undefined;

  constructor(
    readonly messageId: string | undefined,
    readonly receiveCount: number | undefined,
    readonly message: unknown,
    readonly lambdaContext?: LambdaContextLike | undefined,
  ) {}

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.reason) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  /** What `trace` and `redrivenFrom` read besides the message (`runMessage` calls it once). */
  attach(events: readonly S3ObjectEvent[], observer: Observer, transport: Where['transport']): void {
    this.events = events;
    this.observer = observer;
    this.transport = transport;
  }

  /** Parsed on first read only; a malformed header is logged once (debug) and left out. */
  get trace(): S3EventTrace | undefined {
    if (this.traced === undefined) {
      const { trace, malformed } = readTrace(this.message);
      this.traced = { value: trace };
      if (malformed.length > 0) {
        this.observer?.log('debug', `ignored a malformed trace header: ${malformed.join(', ')}`, {
          ...(this.transport !== undefined && { transport: this.transport }),
          messageId: this.messageId,
        });
      }
    }
    return this.traced.value;
  }

  get redrivenFrom(): S3EventRedrive | undefined {
    this.redriven ??= { value: readRedrive(this.message, this.events) };
    return this.redriven.value;
  }

  abort(reason: HandlerAbortedError): void {
    if (this.reason) return;
    this.reason = reason;
    this.controller?.abort(reason);
  }
}
