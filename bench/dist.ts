/**
 * The benchmark measures the built package (`dist/`), which is what users get. It builds it when
 * it is missing or older than `src/` (unless `BENCH_NO_BUILD=1`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST_ESM = join(ROOT, 'dist', 'index.js');
export const DIST_CJS = join(ROOT, 'dist', 'index.cjs');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function run(command: string, args: readonly string[]): boolean {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) process.stderr.write(result.stderr);
  return result.status === 0;
}

/** Makes sure `dist/index.js` and `dist/index.cjs` exist and are not older than `src/`. Returns notes to print. */
export function ensureDist(): string[] {
  const present = existsSync(DIST_ESM) && existsSync(DIST_CJS);
  const stale = present && Math.min(statSync(DIST_ESM).mtimeMs, statSync(DIST_CJS).mtimeMs) < newestMtime(join(ROOT, 'src'));
  if (present && (!stale || process.env['BENCH_NO_BUILD'] === '1')) {
    return stale ? ['WARN dist/ is older than src/ (BENCH_NO_BUILD=1: measuring it anyway)'] : [];
  }
  const why = present ? 'dist/ is older than src/' : 'dist/ is missing';
  if (run('npm', ['run', '--silent', 'build'])) return [`note: ${why}; ran \`npm run build\``];
  // The full build can fail on an entry another change has not landed yet; the root entry is what we measure.
  if (run('npx', ['tsup', 'src/index.ts'])) {
    return [`WARN ${why} and \`npm run build\` failed; built the root entry alone (\`tsup src/index.ts\`, same config)`];
  }
  throw new Error('could not build dist/ (npm run build and tsup src/index.ts both failed)');
}
