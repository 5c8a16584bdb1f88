/**
 * A scripted SQS client, only for what the local server cannot produce: `Failed` entries in batch
 * calls (`ReceiptHandleIsInvalid`), several messages of one FIFO group in one receive, exact
 * timing over 12 hours. Everything else is tested against fauxqs over HTTP.
 */
import type { SqsClientLike } from 's3-event-kit';

export interface StubCall {
  readonly name: string;
  readonly input: Record<string, unknown>;
  readonly at: number;
  /** Whether it is an AWS SDK command object (it has a middleware stack). */
  readonly sdk: boolean;
}

type Reply = (input: Record<string, unknown>) => unknown;

export class StubSqs implements SqsClientLike {
  readonly calls: StubCall[] = [];
  /** Batches of messages the next receives return, in order; then receives wait and return nothing. */
  readonly batches: unknown[][] = [];
  receiveError: ((attempt: number) => Error | undefined) | undefined;
  deleteReply: Reply = () => ({ Successful: [], Failed: [] });
  visibilityReply: Reply = () => ({ Successful: [], Failed: [] });
  private receives = 0;

  async send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown> {
    const { constructor, input } = command as { constructor: { name: string }; input: Record<string, unknown> };
    this.calls.push({ name: constructor.name, input, at: Date.now(), sdk: 'middlewareStack' in (command as object) });
    switch (constructor.name) {
      case 'ReceiveMessageCommand': {
        const error = this.receiveError?.(++this.receives);
        if (error) throw error;
        const batch = this.batches.shift();
        if (batch) return { Messages: batch };
        // A long poll on an empty queue: wait WaitTimeSeconds (or until aborted), then nothing.
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, Math.max(50, Number(input['WaitTimeSeconds'] ?? 0) * 1000));
          options?.abortSignal?.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve(undefined);
          });
        });
        if (options?.abortSignal?.aborted) throw Object.assign(new Error('Request aborted'), { name: 'AbortError' });
        return {};
      }
      case 'DeleteMessageBatchCommand':
        return this.deleteReply(input);
      case 'ChangeMessageVisibilityBatchCommand':
        return this.visibilityReply(input);
      default:
        throw new Error(`unexpected command ${constructor.name}`);
    }
  }

  named(name: string): StubCall[] {
    return this.calls.filter((c) => c.name === name);
  }
}

/** A `ReceiveMessage` message around an S3 notification body. */
export function message(id: string, body: string, attributes: Record<string, string> = {}): Record<string, unknown> {
  return {
    MessageId: id,
    ReceiptHandle: `handle-${id}`,
    Body: body,
    Attributes: { ApproximateReceiveCount: '1', ...attributes },
  };
}
