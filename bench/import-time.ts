/**
 * Cold import time: a fresh `node` process per run times `await import(...)` (or `require(...)`) of
 * the entry, by wall clock (`performance.now()`) and by its own CPU time (`process.cpuUsage()`,
 * steadier when other jobs share the cores). Runs of all targets are interleaved; median.
 * Baseline targets have ids `baseline-esm` / `baseline-cjs`; every other target also gets its median
 * net of the baseline of its kind, run by run.
 * The first run of each target is discarded (it warms the OS file cache, as a deployed function's
 * disk would be after the first cold start of a sandbox image).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './dist.js';
import { median } from './timing.js';

export interface ImportTarget {
  readonly id: string;
  readonly label: string;
  readonly kind: 'esm' | 'cjs';
  /** Specifiers, resolved from the repository root (bare names or absolute file URLs / paths). */
  readonly specifiers: readonly string[];
}

/** Milliseconds of one import, by wall clock and by the child's CPU time (user + sys, all threads). */
export interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

export interface ImportFigures {
  readonly runs: number[];
  readonly median: number;
  /** Median of (this run − the baseline of the same kind in the same round); `undefined` for the baselines. */
  readonly netMedian: number | undefined;
}

export interface ImportResult extends ImportTarget {
  readonly wall: ImportFigures;
  readonly cpu: ImportFigures;
}

const REPORT = `const c = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({ wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 }));`;
const ESM = `const s = JSON.parse(process.argv[1]); const c0 = process.cpuUsage(); const t0 = performance.now();
for (const x of s) await import(x);
${REPORT}`;
const CJS = `const s = JSON.parse(process.argv[1]); const c0 = process.cpuUsage(); const t0 = performance.now();
for (const x of s) require(x);
${REPORT}`;

function once(target: ImportTarget): Promise<Timing> {
  const args =
    target.kind === 'esm'
      ? ['--input-type=module', '-e', ESM, JSON.stringify(target.specifiers)]
      : ['-e', CJS, JSON.stringify(target.specifiers)];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      let timing: Timing | undefined;
      try {
        timing = JSON.parse(out) as Timing;
      } catch {
        timing = undefined;
      }
      if (code !== 0 || !timing) reject(new Error(`import of ${target.label} failed (exit ${code}): ${err.trim()}`));
      else resolve(timing);
    });
  });
}

/**
 * An empty ES module and an empty CommonJS module: the loader's own fixed cost (the first
 * `import()` of a process initialises the ESM loader), which every entry pays and none causes.
 */
export function withBaselines<T>(use: (empty: { esm: string; cjs: string }) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 's3-event-kit-bench-'));
  writeFileSync(join(dir, 'empty.mjs'), 'export {};\n');
  writeFileSync(join(dir, 'empty.cjs'), '\n');
  return use({ esm: pathToFileURL(join(dir, 'empty.mjs')).href, cjs: join(dir, 'empty.cjs') }).finally(() =>
    rmSync(dir, { recursive: true, force: true }),
  );
}

export async function measureImports(targets: readonly ImportTarget[], runs: number): Promise<ImportResult[]> {
  const times = new Map<string, Timing[]>(targets.map((t) => [t.id, []]));
  for (const t of targets) await once(t); // warm-up, discarded
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < targets.length; k++) {
      const t = targets[(r + k) % targets.length];
      if (t) times.get(t.id)?.push(await once(t));
    }
  }
  const figures = (t: ImportTarget, clock: keyof Timing): ImportFigures => {
    const list = (times.get(t.id) ?? []).map((x) => x[clock]);
    const base = times.get(`baseline-${t.kind}`)?.map((x) => x[clock]);
    const net = t.id.startsWith('baseline') || !base ? undefined : median(list.map((v, i) => v - (base[i] ?? Number.NaN)));
    return { runs: list, median: median(list), netMedian: net };
  };
  return targets.map((t) => ({ ...t, wall: figures(t, 'wall'), cpu: figures(t, 'cpu') }));
}
