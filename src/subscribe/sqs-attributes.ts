/**
 * The SQS system attributes the transports read from a message, whether it is a Lambda SQS record
 * (`attributes`) or a `ReceiveMessage` message (`Attributes`).
 * @internal @module
 */

function attributesOf(message: unknown): Record<string, unknown> | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as { attributes?: unknown; Attributes?: unknown };
  const attributes = m.attributes ?? m.Attributes;
  return typeof attributes === 'object' && attributes !== null ? (attributes as Record<string, unknown>) : undefined;
}

/** `ApproximateReceiveCount` of an SQS record or `ReceiveMessage` message. */
export function receiveCountOf(message: unknown): number | undefined {
  const count = attributesOf(message)?.['ApproximateReceiveCount'];
  const n = typeof count === 'string' ? Number(count) : NaN;
  return Number.isInteger(n) ? n : undefined;
}

/** `MessageGroupId` of a FIFO message. */
export function groupOf(message: unknown): string | undefined {
  const group = attributesOf(message)?.['MessageGroupId'];
  return typeof group === 'string' ? group : undefined;
}
