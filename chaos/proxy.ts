/**
 * A fault-injecting HTTP proxy for the SQS JSON protocol (node:http, loopback only). Every request
 * is either forwarded untouched or, with the configured probabilities, hit by one fault:
 *
 * - `dropBeforeForward`: the client's socket is destroyed before SQS sees the request.
 * - `dropAfterForward`: SQS carries the request out, then the client's socket is destroyed before
 *   the answer reaches it (a `ReceiveMessage` whose messages are now in flight, unseen; a
 *   `DeleteMessageBatch` that deleted, but the client does not know).
 * - `delay`: SQS answers at once, the client gets the answer later: up to `delayMs`, or, one
 *   time in ten, between `longDelayMs` and twice that (longer than the visibility timeout: a
 *   received message is visible again before the consumer sees it, a delete arrives too late).
 * - `http500`: an SQS `InternalFailure` (HTTP 500), the request never reaches SQS.
 * - `throttle`: SQS throttling, the request never reaches SQS: alternately `RequestThrottled`
 *   (HTTP 403, as `@aws-sdk/client-sqs` models it) and the AWS-wide `ThrottlingException` (HTTP 400).
 *
 * Error answers are shaped as AWS sends them on the SQS JSON protocol (`x-amzn-query-error:
 * Code;Fault` header, `{"__type": "com.amazonaws.sqs#Code", "message": …}` body), so the SDK
 * parses them into the same exceptions and applies the same retry rules (throttling back-off for
 * the throttles, transient retry for the 500).
 */
import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAULT_KINDS = ['dropBeforeForward', 'dropAfterForward', 'delay', 'http500', 'throttle'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type FaultRates = Record<FaultKind, number>;
export type FaultCounts = Record<FaultKind, number>;

/** Splits one overall fault rate evenly over the kinds. */
export function evenRates(total: number): FaultRates {
  const each = total / FAULT_KINDS.length;
  return { dropBeforeForward: each, dropAfterForward: each, delay: each, http500: each, throttle: each };
}

/** mulberry32: a small seeded generator, so a run's sequence of fault decisions can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ErrorAnswer {
  readonly status: number;
  readonly code: string;
  readonly fault: 'Sender' | 'Receiver';
  readonly message: string;
}

const INTERNAL_FAILURE: ErrorAnswer = {
  status: 500,
  code: 'InternalFailure',
  fault: 'Receiver',
  message: 'We encountered an internal error. Please try again.',
};
const THROTTLES: readonly ErrorAnswer[] = [
  { status: 403, code: 'RequestThrottled', fault: 'Sender', message: 'Request is throttled.' },
  { status: 400, code: 'ThrottlingException', fault: 'Sender', message: 'Rate exceeded' },
];

export interface ProxyOptions {
  /** The real server, e.g. `http://127.0.0.1:41234`. */
  readonly upstream: string;
  readonly rates: FaultRates;
  readonly seed: number;
  /** The longest short `delay` fault, ms (each is uniform in [delayMs/10, delayMs]). */
  readonly delayMs: number;
  /** The shortest long `delay` fault (one in ten), ms; long ones are uniform in [longDelayMs, 2 × longDelayMs]. */
  readonly longDelayMs: number;
}

/** What the proxy did, by operation (`ReceiveMessage`, `DeleteMessageBatch`, …) and by fault. */
export interface ProxyFigures {
  readonly requests: number;
  readonly faults: FaultCounts;
  readonly faultsByOperation: Record<string, Partial<FaultCounts>>;
  readonly throttles: Record<string, number>;
  /** `delay` faults of the long kind. */
  readonly longDelays: number;
  readonly clientAborts: number;
}

export class FaultProxy {
  private readonly server: http.Server;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  private readonly random: () => number;
  private readonly upstream: URL;
  private rates: FaultRates;
  private requests = 0;
  private clientAborts = 0;
  private throttleTurn = 0;
  private longDelays = 0;
  private readonly faults: FaultCounts = { dropBeforeForward: 0, dropAfterForward: 0, delay: 0, http500: 0, throttle: 0 };
  private readonly byOperation: Record<string, Partial<FaultCounts>> = {};
  private readonly throttles: Record<string, number> = {};
  /**
   * Receipt handles named in a `DeleteMessageBatch` / `ChangeMessageVisibilityBatch` request that
   * was hit by a fault (whether or not the SDK's retry then got through): the messages a fault may
   * have made SQS deliver again.
   */
  readonly faultedReceipts = new Set<string>();
  /** Receipt handles of messages in `ReceiveMessage` answers that a `delay` fault held back (long ones also in `longDelayedReceipts`). */
  readonly delayedReceipts = new Set<string>();
  readonly longDelayedReceipts = new Set<string>();
  url = '';

  constructor(private readonly options: ProxyOptions) {
    this.random = seededRandom(options.seed);
    this.upstream = new URL(options.upstream);
    this.rates = options.rates;
    this.server = http.createServer((req, res) => this.onRequest(req, res));
    this.server.keepAliveTimeout = 60_000;
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this.url;
  }

  /** Changes the fault rates from now on (0 everywhere: a plain proxy). */
  setRates(rates: FaultRates): void {
    this.rates = rates;
  }

  figures(): ProxyFigures {
    return {
      requests: this.requests,
      faults: { ...this.faults },
      faultsByOperation: structuredClone(this.byOperation),
      throttles: { ...this.throttles },
      longDelays: this.longDelays,
      clientAborts: this.clientAborts,
    };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.agent.destroy();
  }

  private pick(): FaultKind | undefined {
    let roll = this.random();
    for (const kind of FAULT_KINDS) {
      roll -= this.rates[kind];
      if (roll < 0) return kind;
    }
    return undefined;
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => undefined);
    req.on('end', () => void this.handle(req, res, Buffer.concat(chunks)));
  }

  private async handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    this.requests++;
    const target = req.headers['x-amz-target'];
    const operation = typeof target === 'string' ? (target.split('.').pop() ?? target) : 'unknown';
    const fault = this.pick();
    if (fault) {
      this.faults[fault]++;
      const counts = (this.byOperation[operation] ??= {});
      counts[fault] = (counts[fault] ?? 0) + 1;
      if (operation === 'DeleteMessageBatch' || operation === 'ChangeMessageVisibilityBatch') this.noteReceipts(body);
    }
    switch (fault) {
      case 'dropBeforeForward':
        req.socket.destroy();
        return;
      case 'http500':
        this.answerError(res, INTERNAL_FAILURE);
        return;
      case 'throttle': {
        const answer = THROTTLES[this.throttleTurn++ % THROTTLES.length] as ErrorAnswer;
        this.throttles[answer.code] = (this.throttles[answer.code] ?? 0) + 1;
        this.answerError(res, answer);
        return;
      }
      default:
        break;
    }
    let upstream: { status: number; headers: http.IncomingHttpHeaders; body: Buffer };
    try {
      upstream = await this.forward(req, res, body);
    } catch {
      // The client went away (an aborted long poll) or the server did: nothing to answer.
      if (!res.destroyed) res.destroy();
      return;
    }
    if (fault === 'dropAfterForward') {
      req.socket.destroy();
      return;
    }
    if (fault === 'delay') {
      const { delayMs, longDelayMs } = this.options;
      const long = this.random() < 0.1;
      if (operation === 'ReceiveMessage') this.noteReceived(upstream.body, long);
      if (long) {
        this.longDelays++;
        await sleep(longDelayMs * (1 + this.random()));
      } else {
        await sleep(delayMs / 10 + this.random() * delayMs * 0.9);
      }
    }
    if (res.destroyed) return;
    const headers = { ...upstream.headers };
    delete headers['transfer-encoding'];
    headers['content-length'] = String(upstream.body.length);
    res.writeHead(upstream.status, headers);
    res.end(upstream.body);
  }

  /** Sends the request to the real server; rejects (and cancels it upstream) if the client goes away first. */
  private forward(
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const upstreamReq = http.request(
        {
          protocol: this.upstream.protocol,
          hostname: this.upstream.hostname,
          port: this.upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: this.upstream.host },
          agent: this.agent,
        },
        (upstreamRes) => {
          const parts: Buffer[] = [];
          upstreamRes.on('data', (chunk: Buffer) => parts.push(chunk));
          upstreamRes.on('end', () => {
            res.off('close', onClose);
            resolve({ status: upstreamRes.statusCode ?? 502, headers: upstreamRes.headers, body: Buffer.concat(parts) });
          });
          upstreamRes.on('error', fail);
        },
      );
      const fail = (error: Error): void => {
        res.off('close', onClose);
        reject(error);
      };
      const onClose = (): void => {
        this.clientAborts++;
        upstreamReq.destroy(new Error('the client closed the connection'));
      };
      upstreamReq.on('error', fail);
      res.once('close', onClose);
      upstreamReq.end(body);
    });
  }

  private answerError(res: ServerResponse, answer: ErrorAnswer): void {
    const text = JSON.stringify({ __type: `com.amazonaws.sqs#${answer.code}`, message: answer.message });
    res.writeHead(answer.status, {
      'content-type': 'application/x-amz-json-1.0',
      'content-length': String(Buffer.byteLength(text)),
      'x-amzn-requestid': randomUUID(),
      'x-amzn-query-error': `${answer.code};${answer.fault}`,
    });
    res.end(text);
  }

  private noteReceived(body: Buffer, long: boolean): void {
    try {
      const parsed = JSON.parse(body.toString('utf8')) as { Messages?: Array<{ ReceiptHandle?: unknown }> };
      for (const message of parsed.Messages ?? []) {
        if (typeof message.ReceiptHandle !== 'string') continue;
        this.delayedReceipts.add(message.ReceiptHandle);
        if (long) this.longDelayedReceipts.add(message.ReceiptHandle);
      }
    } catch {
      // not JSON: nothing to note
    }
  }

  private noteReceipts(body: Buffer): void {
    try {
      const parsed = JSON.parse(body.toString('utf8')) as { Entries?: Array<{ ReceiptHandle?: unknown }> };
      for (const entry of parsed.Entries ?? []) {
        if (typeof entry.ReceiptHandle === 'string') this.faultedReceipts.add(entry.ReceiptHandle);
      }
    } catch {
      // not JSON: nothing to note
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
