/**
 * What the handler did: every successful handling of a message (its number, the SQS receive count
 * and the receipt handle of that delivery). From it: distinct messages handled, duplicates, and
 * two checks that a duplicate is one SQS's at-least-once delivery allows:
 *
 * - no **delivery** (receipt handle) is handled twice: the consumer never runs one delivery's
 *   handler again on its own;
 * - a message handled again carries a **higher** `ApproximateReceiveCount` than when it was last
 *   handled: SQS delivered it again (its visibility ended, or a delete did not reach SQS). The one
 *   exception SQS allows: a `ReceiveMessage` answer held up in the network past the visibility
 *   timeout carries an older delivery, which may arrive after a newer one was handled. So a lower
 *   count is a violation only when neither delivery came in an answer the proxy held back
 *   (`violations(delayedReceipts)`; without a proxy, always).
 */
export interface Handling {
  readonly n: number;
  readonly receiveCount: number;
  readonly receipt: string;
}

export class Ledger {
  /** The last handling of each message handled at least once. */
  readonly last = new Map<number, Handling>();
  /** Handlings of a message already handled before. */
  duplicates = 0;
  /** Messages handled more than once. */
  readonly duplicated = new Set<number>();

  /** Receipt handles seen (each delivery's handle is unique). */
  private readonly receipts = new Set<string>();
  /** The same delivery handled twice (must stay empty). */
  private readonly sameDelivery: string[] = [];
  /** Each duplicate handling with the previous handling of its message, for attributing them afterwards. */
  readonly duplicatePairs: Array<{ readonly previous: Handling; readonly again: Handling }> = [];

  record(handling: Handling): void {
    if (this.receipts.has(handling.receipt)) {
      this.sameDelivery.push(`message ${handling.n}: the same delivery (receipt ${handling.receipt.slice(0, 12)}…) was handled twice`);
    }
    this.receipts.add(handling.receipt);
    const previous = this.last.get(handling.n);
    if (previous) {
      this.duplicates++;
      this.duplicated.add(handling.n);
      this.duplicatePairs.push({ previous, again: handling });
    }
    this.last.set(handling.n, handling);
  }

  /** Duplicates SQS's at-least-once delivery does not explain (must be empty). */
  violations(delayedReceipts: ReadonlySet<string> = new Set()): string[] {
    const found = [...this.sameDelivery];
    for (const { previous, again } of this.duplicatePairs) {
      if (again.receiveCount > previous.receiveCount) continue;
      if (delayedReceipts.has(previous.receipt) || delayedReceipts.has(again.receipt)) continue;
      found.push(`message ${again.n}: handled again at receive count ${again.receiveCount}, after receive count ${previous.receiveCount}`);
    }
    return found;
  }

  /** Duplicates with a lower (or equal) receive count than the handling before, all explained by held-back answers. */
  get olderDeliveryHandledLater(): number {
    return this.duplicatePairs.filter(({ previous, again }) => again.receiveCount <= previous.receiveCount).length;
  }

  get distinct(): number {
    return this.last.size;
  }

  has(n: number): boolean {
    return this.last.has(n);
  }

  /**
   * Why duplicates happened, as far as the proxy saw: the previous delivery's delete or visibility
   * call was hit by a fault; one of the two deliveries came in a `ReceiveMessage` answer held back
   * longer than the visibility timeout (or by a shorter delay); or none of these.
   */
  attribute(proxy: { faultedReceipts: ReadonlySet<string>; delayedReceipts: ReadonlySet<string>; longDelayedReceipts: ReadonlySet<string> }): Record<string, number> {
    const causes: Record<string, number> = {};
    for (const { previous, again } of this.duplicatePairs) {
      const either = (set: ReadonlySet<string>): boolean => set.has(previous.receipt) || set.has(again.receipt);
      const cause = proxy.faultedReceipts.has(previous.receipt)
        ? 'deleteOrVisibilityCallFaulted'
        : either(proxy.longDelayedReceipts)
          ? 'receiveAnswerDelayedPastVisibility'
          : either(proxy.delayedReceipts)
            ? 'receiveAnswerDelayed'
            : 'other';
      causes[cause] = (causes[cause] ?? 0) + 1;
    }
    return causes;
  }
}

/**
 * One line of the worker's record file: `H <n> <receiveCount> <receipt>` (handled), `E <operation>
 * <code>` (an `'error'` event) or `A <reason>` (a slow handler gave up on its signal).
 */
export function handlingLine(h: Handling): string {
  return `H ${h.n} ${h.receiveCount} ${h.receipt}\n`;
}

export function errorLine(operation: string, code: string | undefined): string {
  return `E ${operation} ${code ?? '-'}\n`;
}

/** Parses complete lines of a record file; returns the unparsed tail (a line still being written). */
export function parseRecord(
  text: string,
  onHandling: (h: Handling) => void,
  onError: (operation: string, code: string) => void,
  onAbort: (reason: string) => void,
): string {
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end === -1) return text.slice(start);
    const [kind, a, b, c] = text.slice(start, end).split(' ');
    if (kind === 'H' && a !== undefined && b !== undefined && c !== undefined) onHandling({ n: Number(a), receiveCount: Number(b), receipt: c });
    else if (kind === 'E' && a !== undefined) onError(a, b ?? '-');
    else if (kind === 'A' && a !== undefined) onAbort(a);
    start = end + 1;
  }
}
