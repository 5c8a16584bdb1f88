/**
 * `npm run chaos`: the SQS consumer under hostile networks and SIGKILL, against a real local SQS
 * server (fauxqs, in this process, loopback only). The method and the recorded figures are in
 * docs/reliability.md.
 *
 * Phase 1, faults: N messages (S3 notifications; 1 % poison that the handler always fails, 0.1 %
 * slow ones that outlast the visibility timeout) are sent straight to the server; a
 * `subscribe().start()` consumer then drains the queue through a fault-injecting proxy (dropped
 * connections before and after forwarding, delayed answers, HTTP 500s, throttling errors), with the
 * SDK's own retries on, and is stopped gracefully and restarted mid-run (`--stops`). Phase 2,
 * SIGKILL: the same on a fresh queue (no proxy), with the consumer in a child process
 * (chaos/worker.ts) that is SIGKILLed several times mid-run and restarted. Each phase ends when
 * every message was handled or is in the DLQ; then the consumer is stopped.
 *
 * Fails (exit 1) on a lost message, a crash (an uncaught error, a consumer or worker that stops by
 * itself), a hang on stop, a duplicate SQS's at-least-once delivery does not explain, a poison
 * message missing from the DLQ, an SQS call after `stop()` resolved, or when `--seconds` runs out.
 *
 * Options: `--messages N` (20 000), `--fault-rate R` (0.2: the share of requests hit by a fault,
 * split evenly over the five kinds), `--kills K` (5), `--stops K` (1), `--seconds S` (time box,
 * 600), `--seed N`, `--record` (write the figures into docs/reliability.md), and `--poison-rate`,
 * `--slow-rate`, `--concurrency`, `--visibility`, `--max-receive`, `--delay-ms`, `--work-ms`,
 * `--phases faults,kill`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readSync, rmSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';
import { recordFigures } from '../fuzz/record.js';
import type { S3EventConsumer, SqsClientLike } from '../src/index.js';
import { startChaosConsumer } from './consumer.js';
import { Ledger, parseRecord } from './ledger.js';
import { FaultProxy, evenRates, seededRandom, type ProxyFigures } from './proxy.js';
import { createQueues, depth, drainDlq, makePlan, sendAll, sqsClient, type ChaosQueue, type Plan } from './sqs.js';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '20000' },
    'fault-rate': { type: 'string', default: '0.2' },
    kills: { type: 'string', default: '5' },
    stops: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '600' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    record: { type: 'boolean', default: false },
    'poison-rate': { type: 'string', default: '0.01' },
    'slow-rate': { type: 'string', default: '0.001' },
    concurrency: { type: 'string', default: '32' },
    visibility: { type: 'string', default: '5' },
    'max-receive': { type: 'string', default: '5' },
    'delay-ms': { type: 'string', default: '1500' },
    'work-ms': { type: 'string', default: '2' },
    phases: { type: 'string', default: 'faults,kill' },
  },
});

function numberOption(name: keyof typeof values, min: number, max: number): number {
  const value = Number(values[name]);
  if (!Number.isFinite(value) || value < min || value > max) {
    console.error(`--${name} must be a number from ${min} to ${max}, got ${String(values[name])}`);
    process.exit(2);
  }
  return value;
}

const MESSAGES = numberOption('messages', 1, 1_000_000);
const FAULT_RATE = numberOption('fault-rate', 0, 1);
const KILLS = numberOption('kills', 0, 100);
const STOPS = numberOption('stops', 0, 100);
const SECONDS = numberOption('seconds', 1, 86_400);
const SEED = numberOption('seed', 0, 2 ** 32 - 1);
const POISON_RATE = numberOption('poison-rate', 0, 1);
const SLOW_RATE = numberOption('slow-rate', 0, 1);
const CONCURRENCY = numberOption('concurrency', 1, 1000);
const VISIBILITY = numberOption('visibility', 1, 60);
const MAX_RECEIVE = numberOption('max-receive', 1, 1000);
const DELAY_MS = numberOption('delay-ms', 0, 60_000);
const WORK_MS = numberOption('work-ms', 0, 1000);
const PHASES = new Set((values.phases ?? '').split(',').map((p) => p.trim()));
const STOP_TIMEOUT = 5000;
/** Slow messages work 1.5 visibility timeouts: only the heartbeat keeps them from coming back meanwhile. */
const SLOW_MS = VISIBILITY * 1500;
/** A stop that takes longer than this is a hang. */
const STOP_LIMIT = STOP_TIMEOUT + 30_000;
/** After every message is accounted for, how long the queue may take to empty (redelivered duplicates). */
const SETTLE_MS = VISIBILITY * 3000 + 5000;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const deadline = Date.now() + SECONDS * 1000;
const problems: string[] = [];
let uncaught = 0;
process.on('uncaughtException', (error) => {
  uncaught++;
  problems.push(`uncaught exception: ${error.stack ?? String(error)}`);
  console.error('uncaught exception', error);
});
process.on('unhandledRejection', (reason) => {
  uncaught++;
  problems.push(`unhandled rejection: ${String(reason)}`);
  console.error('unhandled rejection', reason);
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string): void => void process.stderr.write(`[chaos] ${line}\n`);

interface Accounting {
  sent: number;
  poison: number;
  slow: number;
  /** Slow handlers that gave up because `ctx.signal` fired, by reason ('visibility': SQS would not keep the message; 'stop'). */
  slowHandlerAborts: Record<string, number>;
  handledDistinct: number;
  handlings: number;
  duplicates: number;
  duplicatedMessages: number;
  olderDeliveryHandledLater: number;
  duplicateCauses?: Record<string, number>;
  inDlq: number;
  inDlqPoison: number;
  inDlqThroughFaults: number;
  inDlqAfterBeingHandled: number;
  lost: number;
  leftInQueueAfterStop: number;
}

/** Figures common to both phases; checks loss, the DLQ and the duplicate invariants. */
function account(
  phase: string,
  plan: Plan,
  ledger: Ledger,
  dead: ReadonlySet<number>,
  left: number,
  aborts: Record<string, number>,
  delayedReceipts?: ReadonlySet<string>,
): Accounting {
  const { poison, count: sent } = plan;
  let lost = 0;
  let deadHandled = 0;
  let deadPoison = 0;
  const missing: number[] = [];
  for (let n = 0; n < sent; n++) {
    const handled = ledger.has(n);
    const isDead = dead.has(n);
    if (handled && isDead) deadHandled++;
    if (isDead && poison.has(n)) deadPoison++;
    if (handled && poison.has(n)) problems.push(`${phase}: poison message ${n} was recorded as handled`);
    if (!handled && !isDead) {
      lost++;
      if (missing.length < 10) missing.push(n);
    }
  }
  if (lost > 0) problems.push(`${phase}: ${lost} messages lost (neither handled nor in the DLQ), e.g. ${missing.join(', ')}`);
  if (deadPoison !== poison.size) problems.push(`${phase}: ${poison.size - deadPoison} poison messages are not in the DLQ`);
  const violations = ledger.violations(delayedReceipts);
  for (const violation of violations.slice(0, 10)) problems.push(`${phase}: ${violation}`);
  if (violations.length > 10) problems.push(`${phase}: … ${violations.length - 10} more duplicate violations`);
  return {
    sent,
    poison: poison.size,
    slow: plan.slow.size,
    slowHandlerAborts: aborts,
    handledDistinct: ledger.distinct,
    handlings: ledger.distinct + ledger.duplicates,
    duplicates: ledger.duplicates,
    duplicatedMessages: ledger.duplicated.size,
    olderDeliveryHandledLater: ledger.olderDeliveryHandledLater,
    inDlq: dead.size,
    inDlqPoison: deadPoison,
    inDlqThroughFaults: dead.size - deadPoison,
    inDlqAfterBeingHandled: deadHandled,
    lost,
    leftInQueueAfterStop: left,
  };
}

/** Waits until `done()`, draining the DLQ into `dead` as it goes; false when the time box ran out. */
async function untilAccounted(
  sqs: SQSClient,
  queues: ChaosQueue,
  dead: Set<number>,
  covered: () => number,
  total: number,
  progress: () => string,
  tick?: () => Promise<void>,
): Promise<boolean> {
  let lastLog = Date.now();
  for (;;) {
    const unplaced = await drainDlq(sqs, queues.dlqUrl, dead);
    if (unplaced > 0) problems.push(`${unplaced} DLQ messages were not the run's`);
    await tick?.();
    if (covered() >= total) return true;
    if (Date.now() > deadline) return false;
    if (Date.now() - lastLog > 5000) {
      lastLog = Date.now();
      log(progress());
    }
    await sleep(100);
  }
}

/** After everything is accounted for: waits (bounded) for the queue to empty, i.e. redeliveries to be handled and deleted. */
async function settle(sqs: SQSClient, queueUrl: string, tick?: () => Promise<void>): Promise<void> {
  const until = Math.min(deadline, Date.now() + SETTLE_MS);
  while (Date.now() < until) {
    await tick?.();
    const { visible, inFlight } = await depth(sqs, queueUrl);
    if (visible + inFlight === 0) return;
    await sleep(200);
  }
}

// ── phase 1: faults ──────────────────────────────────────────────────────────────────────────

interface FaultPhase extends Accounting {
  faultRate: number;
  durationS: number;
  lastHandledAtS: number;
  handledPerS: number;
  proxy: ProxyFigures;
  gracefulStops: number;
  stopMs: number[];
  callsAfterStop: number;
  consumerErrorEvents: number;
  consumerErrorsByOperation: Record<string, number>;
  consumerStats: Record<string, number>;
}

async function faultPhase(sqs: SQSClient, upstream: string): Promise<FaultPhase> {
  const random = seededRandom(SEED);
  const queues = await createQueues(sqs, `chaos-faults-${SEED}-${Date.now().toString(36)}`, VISIBILITY, MAX_RECEIVE);
  const plan = makePlan(MESSAGES, POISON_RATE, SLOW_RATE, random);
  log(`faults: sending ${MESSAGES} messages (${plan.poison.size} poison, ${plan.slow.size} slow) straight to the server`);
  await sendAll(sqs, queues.url, plan);

  const proxy = new FaultProxy({ upstream, rates: evenRates(FAULT_RATE), seed: SEED, delayMs: DELAY_MS, longDelayMs: VISIBILITY * 1000 });
  await proxy.listen();
  const ledger = new Ledger();
  const dead = new Set<number>();
  const covered = new Set<number>();
  const errorsByOperation: Record<string, number> = {};
  const stats: Record<string, number> = {};
  const stopMs: number[] = [];
  const aborts: Record<string, number> = {};
  let errorEvents = 0;
  let callsAfterStop = 0;
  let lastHandledAt = 0;
  const started = Date.now();

  /** One consumer's life: its own SDK client (SDK retries on) to the proxy, watched for calls after its stop resolved. */
  const launch = (): { consumer: S3EventConsumer; stop: () => Promise<void> } => {
    let stopped = false;
    let stopping = false;
    const sdk = sqsClient(proxy.url);
    const client: SqsClientLike = {
      send: (command, options) => {
        if (stopped) callsAfterStop++;
        return sdk.send(command as never, options);
      },
    };
    const consumer = startChaosConsumer(
      { queueUrl: queues.url, client, concurrency: CONCURRENCY, visibilityTimeout: VISIBILITY, workMs: WORK_MS, slowMs: SLOW_MS, stopTimeout: STOP_TIMEOUT },
      {
        handled: (handling) => {
          ledger.record(handling);
          covered.add(handling.n);
          lastHandledAt = Date.now();
        },
        error: (error) => {
          errorEvents++;
          const key = `${error.operation} ${error.code ?? (error.cause instanceof Error ? error.cause.name : '?')}`;
          errorsByOperation[key] = (errorsByOperation[key] ?? 0) + 1;
        },
        unexpected: (what) => problems.push(`faults: unexpected ${what}`),
        aborted: (reason) => void (aborts[reason] = (aborts[reason] ?? 0) + 1),
      },
    );
    void consumer.stopped.then(() => {
      if (!stopping) problems.push('faults: the consumer stopped by itself');
    });
    const stop = async (): Promise<void> => {
      stopping = true;
      const t = Date.now();
      const done = await Promise.race([consumer.stop().then(() => true), sleep(STOP_LIMIT).then(() => false)]);
      stopMs.push(Date.now() - t);
      if (!done) problems.push(`faults: consumer.stop() did not resolve within ${STOP_LIMIT} ms (a hang on stop)`);
      stopped = true;
      for (const [name, value] of Object.entries(consumer.stats)) stats[name] = (stats[name] ?? 0) + value;
    };
    return { consumer, stop };
  };

  log(`faults: consuming through the proxy, fault rate ${FAULT_RATE} (seed ${SEED}), ${STOPS} graceful stop(s) and restart(s) mid-run`);
  let current = launch();
  const stopAt = Array.from({ length: STOPS }, (_, k) => Math.floor((MESSAGES * (k + 1 + (random() - 0.5) * 0.5)) / (STOPS + 1)));
  let stops = 0;
  const progress = (): string => {
    const f = proxy.figures();
    return `faults: ${covered.size}/${MESSAGES} accounted for (${ledger.distinct} handled, ${dead.size} in the DLQ), ${f.requests} requests, ${Object.values(f.faults).reduce((a, b) => a + b, 0)} faults, ${errorEvents} error events`;
  };
  const tick = async (): Promise<void> => {
    for (const n of dead) covered.add(n);
    const at = stopAt[stops];
    if (at !== undefined && ledger.distinct >= at) {
      stops++;
      await current.stop();
      log(`faults: graceful stop #${stops} at ${ledger.distinct} handled took ${stopMs[stopMs.length - 1]} ms; restarting`);
      current = launch();
    }
  };
  const finished = await untilAccounted(sqs, queues, dead, () => covered.size, MESSAGES, progress, tick);
  if (finished) await settle(sqs, queues.url, tick);
  else problems.push(`faults: not every message was accounted for within --seconds ${SECONDS}`);
  const durationS = (Date.now() - started) / 1000;
  await current.stop();
  await sleep(300); // a call after stop() resolved would show up here
  await drainDlq(sqs, queues.dlqUrl, dead);
  const left = await depth(sqs, queues.url);
  const figures = proxy.figures();
  await proxy.close();
  log(progress());
  if (callsAfterStop > 0) problems.push(`faults: ${callsAfterStop} SQS calls after stop() resolved`);
  const lastHandledAtS = (lastHandledAt - started) / 1000;
  return {
    ...account('faults', plan, ledger, dead, left.visible + left.inFlight, aborts, proxy.delayedReceipts),
    duplicateCauses: ledger.attribute(proxy),
    faultRate: FAULT_RATE,
    durationS: round(durationS),
    lastHandledAtS: round(lastHandledAtS),
    handledPerS: Math.round(ledger.distinct / lastHandledAtS),
    proxy: figures,
    gracefulStops: stops,
    stopMs,
    callsAfterStop,
    consumerErrorEvents: errorEvents,
    consumerErrorsByOperation: errorsByOperation,
    consumerStats: stats,
  };
}

// ── phase 2: SIGKILL ─────────────────────────────────────────────────────────────────────────

interface KillPhase extends Accounting {
  killsPlanned: number;
  kills: number;
  workerStarts: number;
  workerCrashes: number;
  durationS: number;
  lastHandledAtS: number;
  consumerErrorEvents: number;
  consumerErrorsByOperation: Record<string, number>;
  finalWorker: { stopMs: number; stats: Record<string, number> } | undefined;
}

async function killPhase(sqs: SQSClient, endpoint: string): Promise<KillPhase> {
  const random = seededRandom(SEED ^ 0x5eed);
  const queues = await createQueues(sqs, `chaos-kill-${SEED}-${Date.now().toString(36)}`, VISIBILITY, MAX_RECEIVE);
  const plan = makePlan(MESSAGES, POISON_RATE, SLOW_RATE, random);
  log(`kill: sending ${MESSAGES} messages (${plan.poison.size} poison, ${plan.slow.size} slow) straight to the server`);
  await sendAll(sqs, queues.url, plan);

  const dir = mkdtempSync(join(tmpdir(), 's3-event-kit-chaos-'));
  const file = join(dir, 'handled.log');
  closeSync(openSync(file, 'a'));
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(1 << 20);
  let offset = 0;
  let tail = '';
  const ledger = new Ledger();
  const dead = new Set<number>();
  const covered = new Set<number>();
  const errorsByOperation: Record<string, number> = {};
  let errorEvents = 0;
  let lastHandledAt = 0;
  const aborts: Record<string, number> = {};
  const readRecord = (): void => {
    for (;;) {
      const bytes = readSync(fd, buffer, 0, buffer.length, offset);
      if (bytes === 0) return;
      offset += bytes;
      tail = parseRecord(
        tail + buffer.toString('utf8', 0, bytes),
        (handling) => {
          ledger.record(handling);
          covered.add(handling.n);
          lastHandledAt = Date.now();
        },
        (operation, code) => {
          if (operation === 'unexpected') problems.push(`kill: unexpected ${code}`);
          errorEvents++;
          const key = `${operation} ${code}`;
          errorsByOperation[key] = (errorsByOperation[key] ?? 0) + 1;
        },
        (reason) => void (aborts[reason] = (aborts[reason] ?? 0) + 1),
      );
    }
  };

  // Kill points: spread over the run, by messages handled, with some jitter.
  const killAt = Array.from({ length: KILLS }, (_, k) => Math.floor((MESSAGES * (k + 1 + (random() - 0.5) * 0.5)) / (KILLS + 1)));
  let kills = 0;
  let starts = 0;
  let crashes = 0;
  let child: ChildProcess | undefined;
  let childExited: Promise<number | null> = Promise.resolve(null);
  let expectingExit = false;
  let stdout = '';
  const startWorker = (): void => {
    starts++;
    expectingExit = false;
    stdout = '';
    let stderr = '';
    const proc = spawn(
      process.execPath,
      [
        '--no-warnings',
        '--import',
        'tsx',
        join(ROOT, 'chaos', 'worker.ts'),
        '--endpoint',
        endpoint,
        '--queue',
        queues.url,
        '--out',
        file,
        '--concurrency',
        String(CONCURRENCY),
        '--visibility',
        String(VISIBILITY),
        '--work-ms',
        String(WORK_MS),
        '--slow-ms',
        String(SLOW_MS),
        '--stop-timeout',
        String(STOP_TIMEOUT),
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    proc.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    proc.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    childExited = new Promise((resolve) =>
      proc.once('exit', (code, signal) => {
        if (!expectingExit) {
          crashes++;
          problems.push(`kill: the worker exited by itself (code ${String(code)}, signal ${String(signal)}): ${stderr.slice(-2000)}`);
        }
        resolve(code);
      }),
    );
    child = proc;
  };
  const killWorker = async (): Promise<void> => {
    expectingExit = true;
    child?.kill('SIGKILL');
    await childExited;
  };

  const started = Date.now();
  startWorker();
  const tick = async (): Promise<void> => {
    readRecord();
    for (const n of dead) covered.add(n);
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      if (!expectingExit) await childExited; // counted as a crash; start another so the run can still finish
      startWorker();
      return;
    }
    const at = killAt[kills];
    if (at !== undefined && ledger.distinct >= at) {
      kills++;
      log(`kill: SIGKILL #${kills} at ${ledger.distinct} handled`);
      await killWorker();
      startWorker();
    }
  };
  const progress = (): string => `kill: ${covered.size}/${MESSAGES} accounted for (${ledger.distinct} handled, ${dead.size} in the DLQ), ${kills} kills, ${ledger.duplicates} duplicates`;
  let finished = await untilAccounted(sqs, queues, dead, () => covered.size, MESSAGES, progress, tick);
  if (finished) await settle(sqs, queues.url, tick);
  else problems.push(`kill: not every message was accounted for within --seconds ${SECONDS}`);
  const durationS = (Date.now() - started) / 1000;

  // A graceful stop of the last worker: it must finish.
  let finalWorker: KillPhase['finalWorker'];
  const readyBy = Date.now() + 15_000;
  while (!stdout.includes('ready') && Date.now() < readyBy) await sleep(50); // its SIGTERM handler is installed
  expectingExit = true;
  child?.kill('SIGTERM');
  const exited = await Promise.race([childExited.then(() => true), sleep(STOP_LIMIT + 3000).then(() => false)]);
  if (!exited) {
    problems.push(`kill: the worker did not stop within ${STOP_LIMIT + 3000} ms of SIGTERM (a hang on stop)`);
    child?.kill('SIGKILL');
    await childExited;
    finished = false;
  } else {
    try {
      const summary = JSON.parse(stdout.split('\n').filter((l) => l.startsWith('{')).pop() ?? 'null') as { stopMs: number; stats: Record<string, number> } | null;
      if (summary) finalWorker = { stopMs: summary.stopMs, stats: summary.stats };
    } catch {
      problems.push('kill: the worker printed no summary');
    }
  }
  readRecord();
  closeSync(fd);
  rmSync(dir, { recursive: true, force: true });
  await drainDlq(sqs, queues.dlqUrl, dead);
  const left = await depth(sqs, queues.url);
  log(progress());
  if (kills < KILLS) problems.push(`kill: only ${kills} of ${KILLS} kills happened before the queue was drained`);
  return {
    ...account('kill', plan, ledger, dead, left.visible + left.inFlight, aborts),
    killsPlanned: KILLS,
    kills,
    workerStarts: starts,
    workerCrashes: crashes,
    durationS: round(durationS),
    lastHandledAtS: round((lastHandledAt - started) / 1000),
    consumerErrorEvents: errorEvents,
    consumerErrorsByOperation: errorsByOperation,
    finalWorker,
  };
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

// ── main ─────────────────────────────────────────────────────────────────────────────────────

const runStarted = Date.now();
const app = buildApp({ logger: false });
const address = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
const sqs = sqsClient(address);
let faults: FaultPhase | undefined;
let kill: KillPhase | undefined;
try {
  if (PHASES.has('faults')) faults = await faultPhase(sqs, address);
  if (PHASES.has('kill')) kill = await killPhase(sqs, address);
} catch (error) {
  problems.push(`the run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  await app.close();
}

const figures = {
  options: {
    messages: MESSAGES,
    faultRate: FAULT_RATE,
    kills: KILLS,
    gracefulStops: STOPS,
    seed: SEED,
    poisonRate: POISON_RATE,
    slowRate: SLOW_RATE,
    slowHandlerMs: SLOW_MS,
    concurrency: CONCURRENCY,
    visibilityTimeoutS: VISIBILITY,
    maxReceiveCount: MAX_RECEIVE,
    delayMs: { short: [DELAY_MS / 10, DELAY_MS], long: [VISIBILITY * 1000, VISIBILITY * 2000], longShare: 0.1 },
  },
  environment: { node: process.version, fauxqs: '1.9.2' },
  ...(faults ? { faults } : {}),
  ...(kill ? { kill } : {}),
  totalDurationS: round((Date.now() - runStarted) / 1000),
  uncaught,
  ok: problems.length === 0,
};

process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
if (problems.length > 0) {
  console.error(`\nchaos: FAILED\n- ${problems.join('\n- ')}`);
} else {
  console.error(
    `\nchaos: OK, nothing lost (${[faults && `faults ${faults.durationS} s`, kill && `kill ${kill.durationS} s`].filter(Boolean).join(', ')}, total ${figures.totalDurationS} s)`,
  );
}
if (values.record) {
  if (problems.length > 0) console.error('chaos: not recording the figures of a failed run');
  else recordFigures('chaos', figures);
}
process.exit(problems.length > 0 ? 1 : 0);
