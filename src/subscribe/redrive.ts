/**
 * `ctx.redrivenFrom`: whether a message is a second sending of work already sent once: an SQS
 * message that went through a dead-letter queue, or an EventBridge event replayed from an
 * archive. Pure, never throws.
 * @internal @module
 */
import type { S3ObjectEvent } from '../events/normalized.js';

/**
 * `ctx.redrivenFrom`: where a message that is sent again came from. At least one field is set;
 * `ctx.redrivenFrom` is undefined for a message sent once.
 *
 * - `deadLetterSourceArn`: the `DeadLetterQueueSourceArn` SQS system attribute. SQS sets it when
 *   a queue's redrive policy moves a message to its dead-letter queue, and the value is the ARN of
 *   the queue the message was moved from. A message carrying it was dead-lettered once: it is
 *   read from the dead-letter queue itself, or it was moved back from there (a DLQ redrive,
 *   `StartMessageMoveTask`) and kept the attribute.
 * - `replayName`: the `replay-name` field EventBridge adds to the events of an archive replay
 *   (`StartReplay`): the replay's name.
 *
 * @example
 * ```ts
 * import { subscribe, type S3EventRedrive } from 's3-event-kit';
 * const describe = (redrive: S3EventRedrive): string =>
 *   redrive.replayName !== undefined ? `replay ${redrive.replayName}` : `dead-lettered from ${redrive.deadLetterSourceArn}`;
 * export const handler = subscribe({}, async (event, ctx) => {
 *   if (ctx.redrivenFrom) console.log(`${event.key}: sent again (${describe(ctx.redrivenFrom)})`);
 * });
 * ```
 * @category Subscribe
 */
export interface S3EventRedrive {
  /** The ARN of the queue whose redrive policy moved the message to a dead-letter queue (`DeadLetterQueueSourceArn`). */
  readonly deadLetterSourceArn?: string | undefined;
  /** The name of the EventBridge archive replay that sent the event again (`replay-name`). */
  readonly replayName?: string | undefined;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

/** The `replay-name` of an event that EventBridge replayed from an archive. */
export function replayNameOf(event: S3ObjectEvent): string | undefined {
  if (event.via[0] !== 'eventbridge') return undefined;
  const name = field(event.record, 'replay-name');
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** Where a message that is sent again came from: its SQS system attributes, its events' EventBridge records. */
export function readRedrive(message: unknown, events: readonly S3ObjectEvent[]): S3EventRedrive | undefined {
  const arn = field(field(message, 'attributes') ?? field(message, 'Attributes'), 'DeadLetterQueueSourceArn');
  const deadLetterSourceArn = typeof arn === 'string' && arn !== '' ? arn : undefined;
  let replayName: string | undefined;
  for (const event of events) {
    replayName = replayNameOf(event);
    if (replayName !== undefined) break;
  }
  if (deadLetterSourceArn === undefined && replayName === undefined) return undefined;
  return { ...(deadLetterSourceArn !== undefined && { deadLetterSourceArn }), ...(replayName !== undefined && { replayName }) };
}
