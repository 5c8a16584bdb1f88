/**
 * Cold import time: a fresh `node` process per run times `await import(...)` (or `require(...)`) of
 * the entry with `performance.now()` around it. Runs of all targets are interleaved; median.
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

export interface ImportResult extends ImportTarget {
  readonly runs: number[];
  readonly median: number;
}

const ESM = `const s = JSON.parse(process.argv[1]); const t0 = performance.now();
for (const x of s) await import(x);
process.stdout.write(String(performance.now() - t0));`;
const CJS = `const s = JSON.parse(process.argv[1]); const t0 = performance.now();
for (const x of s) require(x);
process.stdout.write(String(performance.now() - t0));`;

function once(target: ImportTarget): Promise<number> {
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
      const ms = Number(out);
      if (code !== 0 || !Number.isFinite(ms)) reject(new Error(`import of ${target.label} failed (exit ${code}): ${err.trim()}`));
      else resolve(ms);
    });
  });
}

/** An empty ES module, to show the loader's own fixed cost. */
export function withBaseline<T>(use: (emptyModuleUrl: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 's3-event-kit-bench-'));
  const file = join(dir, 'empty.mjs');
  writeFileSync(file, 'export {};\n');
  return use(pathToFileURL(file).href).finally(() => rmSync(dir, { recursive: true, force: true }));
}

export async function measureImports(targets: readonly ImportTarget[], runs: number): Promise<ImportResult[]> {
  const times = new Map<string, number[]>(targets.map((t) => [t.id, []]));
  for (const t of targets) await once(t); // warm-up, discarded
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < targets.length; k++) {
      const t = targets[(r + k) % targets.length];
      if (t) times.get(t.id)?.push(await once(t));
    }
  }
  return targets.map((t) => {
    const list = times.get(t.id) ?? [];
    return { ...t, runs: list, median: median(list) };
  });
}
