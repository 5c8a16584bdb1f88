/**
 * Visibility arithmetic for the heartbeat: how far a message's visibility may be extended without
 * passing SQS's 12-hour cap, counted from the moment it was received.
 * @internal @module
 */
import { MAX_VISIBILITY_SECONDS } from './validate.js';

/** Seconds kept free before the cap, for clock skew and request latency. */
const CAP_MARGIN_SECONDS = 1;

/**
 * The visibility timeout (whole seconds) to set at `now` for a message received at `receivedAt`
 * (epoch ms): `visibilityTimeout`, cut so that `now + result` stays before `receivedAt + 12 h`.
 * 0 when no extension is possible any more.
 */
export function extensionSeconds(now: number, receivedAt: number, visibilityTimeout: number): number {
  const left = Math.floor((receivedAt + MAX_VISIBILITY_SECONDS * 1000 - now) / 1000) - CAP_MARGIN_SECONDS;
  return Math.max(0, Math.min(visibilityTimeout, left));
}
