/**
 * Orders two `sequencer` values of events on the **same bucket and key**: negative when `a` came
 * first, positive when `b` did, `0` when equal. Sequencers of different keys cannot be compared.
 *
 * Follows the current S3 User Guide: right-pad the shorter value with zeros, then compare
 * (case-insensitively, as hex digits). The retired Developer Guide said to left-pad instead; both
 * agree when the lengths are equal, which is what S3 sends in practice (18 hex digits).
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
 * @example
 * ```ts
 * import { compareSequencers } from 's3-event-kit';
 * compareSequencers('0055AED6DCD90281E5', '0055AED6DCD90281E6'); //=> -1
 * compareSequencers('0055AED6DCD9', '0055aed6dcd90000'); //=> 0 (padding and case do not matter)
 * declare const events: { sequencer?: string }[];
 * events.sort((x, y) => compareSequencers(x.sequencer ?? '', y.sequencer ?? ''));
 * ```
 * @category Order
 */
export function compareSequencers(a: string, b: string): -1 | 0 | 1 {
  const length = Math.max(a.length, b.length);
  const left = a.padEnd(length, '0').toUpperCase();
  const right = b.padEnd(length, '0').toUpperCase();
  return left < right ? -1 : left > right ? 1 : 0;
}
