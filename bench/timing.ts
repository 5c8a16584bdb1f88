/**
 * A small, robust micro-benchmark harness: warm-up, calibrated samples, several interleaved rounds
 * (every contestant runs once per round, in a rotating order, so machine noise hits all of them
 * alike), a young-generation GC before each sample (so no contestant pays for another's garbage),
 * and medians.
 *
 * Each sample is timed twice: wall clock (`hrtime`) and the process's CPU time (`cpuUsage`, user +
 * system, all threads, so GC helper threads count). On a machine shared with other jobs, CPU time
 * is far steadier: time spent descheduled is not counted.
 *
 * No forced full GC: a forced (memory-reducing) full GC makes V8 drop compiled code, which then
 * has to warm up again inside the next sample — that penalised the JS-heavy contestants 2×
 * against the `JSON.parse`-only floor in early runs of this harness.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('typeof gc === "function" ? gc : undefined') as ((options?: { type: 'minor' | 'major' }) => void) | undefined;

export interface Contestant {
  readonly id: string;
  /** One operation: normalize the whole batch. Returns something derived from the result (kept in a sink). */
  readonly run: () => number;
}

export interface TimingSettings {
  readonly rounds: number;
  /** Target duration of one sample, in ms. */
  readonly sampleMs: number;
  /** Warm-up per contestant before calibration, in ms. */
  readonly warmupMs: number;
}

/** ns/op of every contestant in every round: `samples.cpu[id][round]` and `samples.wall[id][round]`. */
export interface Samples {
  readonly cpu: Record<string, number[]>;
  readonly wall: Record<string, number[]>;
}

let sink = 0;
/** Read it once at the end, so the engine cannot drop the work. */
export const sinkValue = (): number => sink;

function timeLoop(run: () => number, iterations: number): { wall: number; cpu: number } {
  let acc = 0;
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) acc += run();
  const elapsed = Number(process.hrtime.bigint() - start);
  const cpu = process.cpuUsage(cpu0);
  sink += acc;
  return { wall: elapsed / iterations, cpu: ((cpu.user + cpu.system) * 1000) / iterations };
}

/** Runs `run` for about `ms`, returns the ns/op seen at the end (used to calibrate). */
function warmUp(run: () => number, ms: number): number {
  const deadline = performance.now() + ms;
  let perOp = timeLoop(run, 1).wall;
  let batch = 16;
  while (performance.now() < deadline) {
    perOp = timeLoop(run, batch).wall;
    batch = Math.min(batch * 2, 65_536);
  }
  return perOp;
}

export function measure(contestants: readonly Contestant[], settings: TimingSettings): Samples {
  const iterations = new Map<string, number>();
  for (const c of contestants) {
    const perOp = warmUp(c.run, settings.warmupMs);
    iterations.set(c.id, Math.max(1, Math.round((settings.sampleMs * 1e6) / perOp)));
  }
  const samples: Samples = {
    cpu: Object.fromEntries(contestants.map((c) => [c.id, [] as number[]])),
    wall: Object.fromEntries(contestants.map((c) => [c.id, [] as number[]])),
  };
  for (let round = 0; round < settings.rounds; round++) {
    for (let k = 0; k < contestants.length; k++) {
      const c = contestants[(round + k) % contestants.length];
      if (!c) continue;
      gc?.({ type: 'minor' });
      const { wall, cpu } = timeLoop(c.run, iterations.get(c.id) ?? 1);
      samples.wall[c.id]?.push(wall);
      samples.cpu[c.id]?.push(cpu);
    }
  }
  return samples;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (at - lo);
}

/** Element-wise `a[i] - b[i]` (same round), for subtracting a measured overhead. */
export function minus(a: readonly number[], b: readonly number[]): number[] {
  return a.map((v, i) => v - (b[i] ?? Number.NaN));
}

/** Element-wise `a[i] / b[i]` (same round): paired ratios cancel noise common to a round. */
export function over(a: readonly number[], b: readonly number[]): number[] {
  return a.map((v, i) => v / (b[i] ?? Number.NaN));
}

export const hasGc = (): boolean => gc !== undefined;
