/**
 * The Lambda entry end to end: `subscribe()` and `subscribeBatch()` called with an SQS Lambda
 * batch of S3 notifications (10 and 1 000 messages), no-op handlers, no logger output. What the
 * library costs per invocation around the handler: parse, filter, per-message bookkeeping, the
 * partial batch response.
 *
 * The entry is async, so this is its own small loop (the normalize harness times sync calls):
 * interleaved rounds, each contestant once per round in a rotating order, CPU and wall time per
 * invocation, medians.
 */
import type * as Kit from '../src/index.js';
import { median } from './timing.js';

export interface EntryRow {
  readonly label: string;
  readonly messages: number;
  readonly cpuUs: number;
  readonly wallUs: number;
}

interface Entry {
  readonly label: string;
  readonly messages: number;
  readonly invoke: () => Promise<unknown>;
}

/** An SQS Lambda event of `count` messages, made from the 10 records of `sample` with fresh ids. */
function sqsBatch(sample: { Records: ReadonlyArray<Record<string, unknown>> }, count: number): unknown {
  const records = Array.from({ length: count }, (_, i) => ({ ...sample.Records[i % sample.Records.length], messageId: `m-${i}` }));
  return JSON.parse(JSON.stringify({ Records: records })) as unknown;
}

async function timeEntry(invoke: () => Promise<unknown>, iterations: number): Promise<{ cpu: number; wall: number }> {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < iterations; i++) await invoke();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  return { cpu: (cpu.user + cpu.system) / iterations, wall: (wall * 1000) / iterations };
}

export async function benchLambdaEntry(
  kit: typeof Kit,
  sample: { Records: ReadonlyArray<Record<string, unknown>> },
  settings: { readonly rounds: number; readonly sampleMs: number },
): Promise<EntryRow[]> {
  const silent = { error() {}, warn() {}, info() {}, debug() {} };
  const perEvent = kit.subscribe({ logger: silent }, () => {});
  const perBatch = kit.subscribeBatch({ logger: silent }, () => {});
  const entries: Entry[] = [];
  for (const messages of [10, 1_000]) {
    const event = sqsBatch(sample, messages);
    entries.push({ label: 'subscribe(), no-op handler', messages, invoke: () => perEvent(event) });
    entries.push({ label: 'subscribeBatch(), no-op handler', messages, invoke: () => perBatch(event) });
  }
  // Warm up and calibrate: iterations per sample so one sample lasts about sampleMs.
  const iterations = await Promise.all(
    entries.map(async (entry) => {
      await timeEntry(entry.invoke, 20);
      const { wall } = await timeEntry(entry.invoke, 5);
      return Math.max(1, Math.round((settings.sampleMs * 1000) / Math.max(wall, 1)));
    }),
  );
  const cpu: number[][] = entries.map(() => []);
  const wall: number[][] = entries.map(() => []);
  const rounds = Math.max(5, Math.round(settings.rounds / 4));
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < entries.length; k++) {
      const i = (k + round) % entries.length;
      const sample = await timeEntry((entries[i] as Entry).invoke, iterations[i] ?? 1);
      cpu[i]?.push(sample.cpu);
      wall[i]?.push(sample.wall);
    }
  }
  return entries.map((entry, i) => ({ label: entry.label, messages: entry.messages, cpuUs: median(cpu[i] ?? []), wallUs: median(wall[i] ?? []) }));
}
