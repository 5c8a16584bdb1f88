/**
 * Bundle size of a tiny Lambda handler per library: esbuild `--bundle --minify --platform=node
 * --format=esm` (the settings of research/anchors.md §(ii)), gzip level 9. Ours three times: a
 * handler calling `normalize()`, a Lambda handler that is a `subscribe()` subscription, and a worker
 * calling `subscribe(…).start(…)`; for each, which source modules its bytes come from.
 *
 * Alone (no timing, no other tables): `node --import tsx bench/bundle-size.ts [--markdown]`.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { DIST_ESM, ensureDist, ROOT } from './dist.js';

export interface BundleTarget {
  readonly id: string;
  readonly label: string;
  readonly handler: string;
  /** Ours only: `'s3-event-kit'` in `handler` stands for this entry (dist/ for the row, src/ for the breakdown). */
  readonly ours?: boolean;
  /**
   * Bundle with `--splitting` and count what a cold start loads: the entry chunk and the chunks it
   * imports statically, not those only a dynamic `import()` loads (the SQS consumer, from `start()`).
   */
  readonly splitting?: boolean;
}

/** Bytes a source module puts into the minified output (esbuild metafile `bytesInOutput`). */
export interface ModuleBytes {
  readonly path: string;
  readonly bytes: number;
}

export interface BundleResult extends BundleTarget {
  readonly minBytes: number;
  readonly gzipBytes: number;
  /** Files from `@aws-sdk/*` or `@smithy/*` with bytes in the output, and whether the output names `@aws-sdk`. */
  readonly awsSdkInputs: string[];
  readonly mentionsAwsSdk: boolean;
  /** How the AWS SDK got in: `importer → import path` for each edge from our code into `@aws-sdk`/`@smithy`. */
  readonly awsSdkTrail: string[];
  /**
   * Ours only: the same handler bundled from `src/` (so the metafile names source modules rather
   * than dist chunks), modules by bytes in the minified output, largest first; and that bundle's
   * size, which should match `minBytes` to within a few per cent.
   */
  readonly modules?: { readonly total: number; readonly list: readonly ModuleBytes[] };
}

const SRC_INDEX = `${ROOT}src/index.ts`;

/** A Lambda handler that is a subscription (bundled whole, and with --splitting). */
const SUBSCRIBE_HANDLER = `import { subscribe } from 's3-event-kit';
export const handler = subscribe({ events: ['ObjectCreated:*'] }, async (e) => console.log(e.name, e.bucket, e.key));`;

export const BUNDLE_TARGETS: readonly BundleTarget[] = [
  {
    id: 'ours',
    label: 's3-event-kit normalize() (dist)',
    ours: true,
    handler: `import { normalize } from 's3-event-kit';
export const handler = async (event) => { for (const e of normalize(event)) console.log(e.name, e.bucket, e.key); };`,
  },
  {
    id: 'ours-subscribe',
    label: 's3-event-kit subscribe() as a Lambda handler (dist)',
    ours: true,
    handler: SUBSCRIBE_HANDLER,
  },
  {
    id: 'ours-subscribe-split',
    label: 's3-event-kit subscribe() as a Lambda handler, --splitting: what a cold start loads (dist)',
    ours: true,
    splitting: true,
    handler: SUBSCRIBE_HANDLER,
  },
  {
    id: 'ours-worker',
    label: 's3-event-kit subscribe().start() SQS worker (dist; the SDK loads at run time, not bundled)',
    ours: true,
    handler: `import { subscribe } from 's3-event-kit';
const consumer = subscribe({ events: ['ObjectCreated:*'] }, async (e) => console.log(e.name, e.bucket, e.key))
  .start({ queueUrl: process.env.QUEUE_URL });
process.on('SIGTERM', () => consumer.stop());`,
  },
  {
    id: 'powertools',
    label: 'Powertools parser (SqsEnvelope + SnsSqsEnvelope, S3Schema)',
    handler: `import { parse } from '@aws-lambda-powertools/parser';
import { SqsEnvelope } from '@aws-lambda-powertools/parser/envelopes/sqs';
import { SnsSqsEnvelope } from '@aws-lambda-powertools/parser/envelopes/sns-sqs';
import { JSONStringified } from '@aws-lambda-powertools/parser/helpers';
import { S3Schema } from '@aws-lambda-powertools/parser/schemas/s3';
const schema = JSONStringified(S3Schema);
export const handler = async (event) => {
  const sns = JSON.parse(event.Records[0].body).Type === 'Notification';
  for (const m of parse(event, sns ? SnsSqsEnvelope : SqsEnvelope, schema))
    for (const r of m.Records) console.log(r.eventName, r.s3.bucket.name, decodeURIComponent(r.s3.object.key.replace(/\\+/g, ' ')));
};`,
  },
  {
    id: 'middy',
    label: '@middy/event-normalizer (without @middy/core)',
    handler: `import eventNormalizer from '@middy/event-normalizer';
const { before } = eventNormalizer();
export const handler = async (event) => {
  await before({ event });
  for (const r of event.Records) {
    const s3 = r.body.Type === 'Notification' ? r.body.Message : r.body;
    for (const x of s3.Records) console.log(x.eventName, x.s3.bucket.name, x.s3.object.key);
  }
};`,
  },
];

const AWS_SDK = /(^|\/)node_modules\/(@aws-sdk|@smithy)\//;

/**
 * Whether a bundle of ours carries AWS SDK code: a file of `@aws-sdk`/`@smithy` with bytes in it
 * or, for the `normalize()` handler, the text `@aws-sdk` at all. A subscription names the optional
 * peers (`@aws-sdk/client-sqs` in its lazy loader's specifier and in its error messages) without
 * bundling them, so for those only the files count.
 */
export function holdsAwsSdkCode(result: BundleResult): boolean {
  return result.awsSdkInputs.length > 0 || (result.id === 'ours' && result.mentionsAwsSdk);
}

/** The handler's source, with `'s3-event-kit'` pointing at `entry` for our targets. */
function handlerSource(target: BundleTarget, entry: string): string {
  return target.ours ? target.handler.replaceAll(`from 's3-event-kit'`, `from ${JSON.stringify(entry)}`) : target.handler;
}

function esbuildHandler(target: BundleTarget, entry: string): Promise<{ outputFiles: { contents: Uint8Array; text: string }[]; metafile: Metafile }> {
  return build({
    stdin: { contents: handlerSource(target, entry), resolveDir: ROOT, sourcefile: `${target.id}-handler.mjs`, loader: 'js' },
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    // Metafile paths relative to the repository (`src/filter.ts`, `node_modules/…`).
    absWorkingDir: ROOT,
  });
}

/** Source modules by bytes in the output of one bundle, largest first. */
function modulesOf(metafile: Metafile): ModuleBytes[] {
  const output = Object.values(metafile.outputs)[0];
  return Object.entries(output?.inputs ?? {})
    .filter(([, v]) => v.bytesInOutput > 0)
    .map(([path, v]) => ({ path, bytes: v.bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
}

/** With `--splitting`: the bytes of the entry chunk and of every chunk it imports statically. */
async function measureSplit(target: BundleTarget): Promise<BundleResult> {
  const dir = join(ROOT, 'node_modules', '.cache', `bench-split-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, `${target.id}-handler.mjs`);
  writeFileSync(entry, handlerSource(target, DIST_ESM));
  try {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      outdir: join(dir, 'out'),
      write: false,
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: ROOT,
    });
    const outputs = result.metafile.outputs;
    const start = Object.keys(outputs).find((path) => outputs[path]?.entryPoint !== undefined) as string;
    const loaded = new Set<string>();
    const visit = (path: string): void => {
      if (loaded.has(path)) return;
      loaded.add(path);
      for (const edge of outputs[path]?.imports ?? []) if (edge.kind === 'import-statement' && !edge.external) visit(edge.path);
    };
    visit(start);
    const files = result.outputFiles.filter((file) => [...loaded].some((path) => file.path.endsWith(path)));
    const contents = Buffer.concat(files.map((file) => file.contents));
    const text = contents.toString('utf8');
    return { ...target, minBytes: contents.byteLength, gzipBytes: gzipSync(contents, { level: 9 }).byteLength, awsSdkInputs: [], mentionsAwsSdk: text.includes('@aws-sdk'), awsSdkTrail: [] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function measureBundle(target: BundleTarget): Promise<BundleResult> {
  if (target.splitting) return measureSplit(target);
  const result = await esbuildHandler(target, DIST_ESM);
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild produced no output for ${target.label}`);
  // `metafile.inputs` lists every file esbuild read, tree-shaken or not; what ships is in the output's inputs.
  const output = Object.values(result.metafile.outputs)[0];
  const shipped = new Set(Object.entries(output?.inputs ?? {}).filter(([, v]) => v.bytesInOutput > 0).map(([path]) => path));
  const awsSdkInputs = [...shipped].filter((p) => AWS_SDK.test(p));
  const awsSdkTrail: string[] = [];
  for (const [path, input] of Object.entries(result.metafile.inputs)) {
    if (AWS_SDK.test(path) || !shipped.has(path)) continue;
    for (const edge of input.imports) {
      if (AWS_SDK.test(edge.path) && shipped.has(edge.path)) awsSdkTrail.push(`${path} → ${edge.original ?? edge.path} (${edge.kind})`);
    }
  }
  if (file.text.includes('@aws-sdk') && awsSdkTrail.length === 0) awsSdkTrail.push('the bundle text names "@aws-sdk" (an unresolved import?)');
  let modules: BundleResult['modules'];
  if (target.ours) {
    const fromSrc = await esbuildHandler(target, SRC_INDEX);
    modules = { total: fromSrc.outputFiles[0]?.contents.byteLength ?? 0, list: modulesOf(fromSrc.metafile) };
  }
  return {
    ...target,
    minBytes: file.contents.byteLength,
    gzipBytes: gzipSync(file.contents, { level: 9 }).byteLength,
    awsSdkInputs,
    mentionsAwsSdk: file.text.includes('@aws-sdk'),
    awsSdkTrail,
    ...(modules ? { modules } : {}),
  };
}

/** `src/subscribe/consumer.ts` → `src/subscribe/`; `src/filter.ts` → `src/` (top-level files). */
function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(0, slash + 1);
}

/**
 * Where the bytes of our bundles come from, as printable lines: per source folder, then the `top`
 * largest modules, each with bytes and share of the (src-built) bundle.
 */
export function breakdown(results: readonly BundleResult[], top = 12): string[] {
  const lines: string[] = [];
  const pct = (bytes: number, total: number): string => `${((100 * bytes) / total).toFixed(1).padStart(5)} %`;
  for (const r of results) {
    if (!r.modules) continue;
    const { total, list } = r.modules;
    lines.push(`${r.label}: ${total.toLocaleString('en-US')} B minified when bundled from src/ (dist: ${r.minBytes.toLocaleString('en-US')} B)`);
    const folders = new Map<string, number>();
    for (const m of list) folders.set(folderOf(m.path), (folders.get(folderOf(m.path)) ?? 0) + m.bytes);
    lines.push(
      `  by folder: ${[...folders].sort((a, b) => b[1] - a[1]).map(([folder, bytes]) => `${folder} ${(bytes / 1024).toFixed(1)} KB`).join(', ')}`,
    );
    for (const m of list.slice(0, top)) lines.push(`  ${m.bytes.toLocaleString('en-US').padStart(7)} B ${pct(m.bytes, total)}  ${m.path}`);
    if (list.length > top) lines.push(`  … ${list.length - top} more modules, ${list.slice(top).reduce((n, m) => n + m.bytes, 0).toLocaleString('en-US')} B`);
  }
  return lines;
}

const kb = (bytes: number): string => (bytes / 1024).toFixed(1);

/** The bundle table, as `run.ts` prints it: one row per target. */
export function bundleRows(results: readonly BundleResult[]): string[][] {
  return results.map((b) => [b.label, kb(b.minBytes), kb(b.gzipBytes), Math.round(b.gzipBytes).toLocaleString('en-US')]);
}

/** `node --import tsx bench/bundle-size.ts [--markdown]`: the bundle rows and the breakdown, nothing else. */
async function main(): Promise<void> {
  for (const note of ensureDist()) console.log(note);
  const results: BundleResult[] = [];
  for (const target of BUNDLE_TARGETS) results.push(await measureBundle(target));
  const head = ['handler', 'min KB', 'gzip KB', 'gzip bytes'];
  const rows = bundleRows(results);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log('Bundle of a tiny handler — esbuild --bundle --minify --platform=node --format=esm; gzip -9 (KB = 1024 B)');
  console.log([line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n'));
  console.log('\nWhere our bytes come from (minified bytes per source module, esbuild metafile):');
  for (const text of breakdown(results)) console.log(text);
  if (process.argv.includes('--markdown')) {
    console.log(`\n| ${head.join(' | ')} |\n| --- | ---: | ---: | ---: |\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}`);
  }
  const sdk = results.filter((r) => r.ours && holdsAwsSdkCode(r));
  for (const r of sdk) console.log(`FAIL ${r.label} contains AWS SDK code: ${r.awsSdkTrail.join('; ')}`);
  if (sdk.length > 0) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
