/**
 * The handler's context for one message, shared by every transport: the signal is made only if
 * the handler reads it (most never do), one per message, so no signal collects a listener per
 * handler (Node warns past 10) and aborting one message leaves the others running.
 * @internal @module
 */
import type { HandlerAbortedError } from './errors.js';
import type { LambdaContextLike, S3EventContext } from './types.js';

export class MessageContext implements S3EventContext {
  private controller: AbortController | undefined;
  /** Why the signal fired, once it has. */
  reason: HandlerAbortedError | undefined;

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

  abort(reason: HandlerAbortedError): void {
    if (this.reason) return;
    this.reason = reason;
    this.controller?.abort(reason);
  }
}
