/**
 * What the handler did: every successful handling of a message (its number, the SQS receive count
 * and the receipt handle of that delivery). From it: distinct messages handled, duplicates, and
 * two checks that a duplicate is one SQS's at-least-once delivery allows:
 *
 * - no **delivery** (receipt handle) is handled twice: the consumer never runs one delivery's
 *   handler again on its own;
 * - a message handled again carries a **higher** `ApproximateReceiveCount` than when it was last
 *   handled: SQS delivered it again (its visibility ended, or a delete did not reach SQS).
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
  /** Duplicates whose previous delivery was named in a faulted delete / visibility call. */
  duplicatesAfterFaultedCall = 0;
  /** Receipt handles seen (each delivery's handle is unique). */
  private readonly receipts = new Set<string>();
  /** Violations of the two checks above (must stay empty). */
  readonly violations: string[] = [];
  /** The previous deliveries of duplicates, for attributing them afterwards. */
  readonly duplicateOf: Handling[] = [];

  record(handling: Handling): void {
    if (this.receipts.has(handling.receipt)) {
      this.violations.push(`message ${handling.n}: the same delivery (receipt ${handling.receipt.slice(0, 12)}…) was handled twice`);
    }
    this.receipts.add(handling.receipt);
    const previous = this.last.get(handling.n);
    if (previous) {
      this.duplicates++;
      this.duplicated.add(handling.n);
      this.duplicateOf.push(previous);
      if (handling.receiveCount <= previous.receiveCount) {
        this.violations.push(
          `message ${handling.n}: handled again at receive count ${handling.receiveCount}, after receive count ${previous.receiveCount}`,
        );
      }
    }
    this.last.set(handling.n, handling);
  }

  get distinct(): number {
    return this.last.size;
  }

  has(n: number): boolean {
    return this.last.has(n);
  }

  /** Counts the duplicates whose previous delivery a faulted batch call (from the proxy) named. */
  attribute(faultedReceipts: ReadonlySet<string>): void {
    this.duplicatesAfterFaultedCall = this.duplicateOf.filter((h) => faultedReceipts.has(h.receipt)).length;
  }
}

/** One line of the worker's record file: `H <n> <receiveCount> <receipt>` or `E <operation> <code>`. */
export function handlingLine(h: Handling): string {
  return `H ${h.n} ${h.receiveCount} ${h.receipt}\n`;
}

export function errorLine(operation: string, code: string | undefined): string {
  return `E ${operation} ${code ?? '-'}\n`;
}

/** Parses complete lines of a record file; returns the unparsed tail (a line still being written). */
export function parseRecord(text: string, onHandling: (h: Handling) => void, onError: (operation: string, code: string) => void): string {
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end === -1) return text.slice(start);
    const [kind, a, b, c] = text.slice(start, end).split(' ');
    if (kind === 'H' && a !== undefined && b !== undefined && c !== undefined) onHandling({ n: Number(a), receiveCount: Number(b), receipt: c });
    else if (kind === 'E' && a !== undefined) onError(a, b ?? '-');
    start = end + 1;
  }
}
