/**
 * The root entry loads no AWS SDK code: `subscribe()` imports `@aws-sdk/client-sqs` only when a
 * consumer starts. Checked in a fresh Node process against a build of the root entry (esbuild, the
 * engine tsup uses; packages external as in the published build) and, when present, `dist/`.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Inside the repository, so that the external packages resolve from its node_modules.
const out = join(root, 'node_modules', '.cache', `s3-event-kit-no-sdk-${process.pid}`);

/** Loads `entry` in a new process, optionally starts a consumer, and lists the @aws-sdk files loaded. */
function sdkFilesLoaded(entry: string, format: 'esm' | 'cjs', then: 'nothing' | 'start-consumer' | 'import-sdk'): string[] {
  const load = format === 'esm' ? `await import(${JSON.stringify(entry)})` : `require(${JSON.stringify(entry)})`;
  const script = `
    const { createRequire } = await import('node:module');
    const require = createRequire(${JSON.stringify(join(root, 'package.json'))});
    const kit = ${load};
    if (${JSON.stringify(then)} === 'start-consumer') {
      const consumer = kit.subscribe({}, async () => {}).start({
        queueUrl: 'http://127.0.0.1:9/000000000000/none',
        client: { send: () => new Promise(() => {}) },
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      void consumer.stop();
    }
    if (${JSON.stringify(then)} === 'import-sdk') await import('@aws-sdk/client-sqs');
    const cache = require.cache;
    const sdk = Object.keys(cache).filter((file) => file.includes('/@aws-sdk/'));
    process.stdout.write(JSON.stringify(sdk));
    process.exit(0);
  `;
  const stdout = execFileSync(process.execPath, ['--no-warnings', '--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent' }, // stdout carries the answer, not the consumer's log lines
  });
  return JSON.parse(stdout) as string[];
}

describe('importing s3-event-kit loads no AWS SDK code', () => {
  beforeAll(async () => {
    mkdirSync(out, { recursive: true });
    for (const format of ['esm', 'cjs'] as const) {
      await build({
        entryPoints: [join(root, 'src/index.ts')],
        outfile: join(out, format === 'esm' ? 'index.mjs' : 'index.cjs'),
        bundle: true,
        format,
        platform: 'node',
        target: 'node20',
        packages: 'external',
        logLevel: 'silent',
      });
    }
  }, 30_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it.each(['esm', 'cjs'] as const)('%s: none at import, the SQS client once a consumer starts', (format) => {
    const entry = join(out, format === 'esm' ? 'index.mjs' : 'index.cjs');
    expect(sdkFilesLoaded(entry, format, 'nothing')).toEqual([]);
    expect(sdkFilesLoaded(entry, format, 'start-consumer').some((f) => f.includes('/@aws-sdk/client-sqs/'))).toBe(true);
  });

  it('the check sees the SDK when it is loaded (control)', () => {
    expect(sdkFilesLoaded(join(out, 'index.mjs'), 'esm', 'import-sdk').length).toBeGreaterThan(0);
  });

  it.skipIf(!existsSync(join(root, 'dist/index.js')) || !existsSync(join(root, 'dist/index.cjs')))(
    'dist/ (after npm run build): none at import, the SQS client once a consumer starts',
    () => {
      for (const [file, format] of [['dist/index.js', 'esm'], ['dist/index.cjs', 'cjs']] as const) {
        expect(sdkFilesLoaded(join(root, file), format, 'nothing')).toEqual([]);
        expect(sdkFilesLoaded(join(root, file), format, 'start-consumer').some((f) => f.includes('/@aws-sdk/client-sqs/'))).toBe(true);
      }
    },
  );
});
