/**
 * `npm run bench`: normalize time (vs Powertools parser, middy event-normalizer and the floor),
 * cold import time, and handler bundle size, side by side in one process, then the targets.
 *
 * Default run ≈ 30–60 s on 2 shared cores. Longer, steadier run: `npm run bench -- --long`
 * (or BENCH_LONG=1). Fine-tune with BENCH_ROUNDS, BENCH_SAMPLE_MS, BENCH_IMPORT_RUNS.
 * `--markdown` also prints the tables as Markdown (for docs/benchmarks.md).
 * Exit code: 1 when something crashed or the bundle holds AWS SDK code; timing misses are reported, never fatal.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import type * as Kit from '../src/index.js';
import { breakdown, BUNDLE_TARGETS, bundleRows, holdsAwsSdkCode, measureBundle, type BundleResult } from './bundle-size.js';
import { contestants, type Road } from './contestants.js';
import { DIST_CJS, DIST_ESM, ensureDist, ROOT } from './dist.js';
import { scenarios, type Scenario } from './events.js';
import { measureImports, withBaselines, type ImportResult } from './import-time.js';
import { benchLambdaEntry } from './lambda-entry.js';
import { hasGc, measure, median, minus, over, quantile, sinkValue } from './timing.js';

const args = new Set(process.argv.slice(2));
const long = args.has('--long') || process.env['BENCH_LONG'] === '1';
const markdown = args.has('--markdown');
const envInt = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const settings = {
  rounds: envInt('BENCH_ROUNDS', long ? 301 : 101),
  sampleMs: envInt('BENCH_SAMPLE_MS', long ? 15 : 10),
  warmupMs: long ? 1000 : 300,
};
const importRuns = envInt('BENCH_IMPORT_RUNS', long ? 41 : 15);

const TARGET_RATIO = 1.15;
const TARGET_IMPORT_MS = 5;
const TARGET_GZIP = 6 * 1024;

// ---------------------------------------------------------------- formatting

function table(head: readonly string[], rows: readonly (readonly string[])[], right: readonly boolean[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (right[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function markdownTable(head: readonly string[], rows: readonly (readonly string[])[], right: readonly boolean[]): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${right.map((r) => (r ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const ratio = (n: number): string => `${n.toFixed(2)}×`;
const ms = (n: number): string => n.toFixed(2);
const kb = (bytes: number): string => (bytes / 1024).toFixed(1);

interface Printed {
  readonly title: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly right: readonly boolean[];
  readonly notes: readonly string[];
}
const printed: Printed[] = [];
function print(p: Printed): void {
  printed.push(p);
  console.log(`\n${p.title}\n${table(p.head, p.rows, p.right)}`);
  for (const n of p.notes) console.log(`  ${n}`);
}

// ---------------------------------------------------------------- 1. normalize

interface RoadFigures {
  readonly ours: number;
  readonly oursRatio: number;
  readonly powertools: number;
  /** Median over rounds of Powertools ÷ ours (paired, same round). */
  readonly powertoolsOverOurs: number;
}

async function benchRoad(kit: typeof Kit, scenario: Scenario, road: Road): Promise<{ rows: string[][]; figures: RoadFigures }> {
  const c = await contestants(kit, scenario, road);
  const s = measure([c.floor, c.ours, c.powertools, c.middyWithCopy, c.copy], settings);
  // Every series is per round; middy's is net of the copy it needs, round by round.
  const series = (clock: Record<string, number[]>): number[][] => {
    const get = (id: string): number[] => clock[id] ?? [];
    return [get('floor'), get('ours'), get('powertools'), minus(get('middy'), get('copy')), get('copy')];
  };
  const cpu = series(s.cpu);
  const wall = series(s.wall);
  const labels = [
    road === 'sqs' ? 'floor: JSON.parse body + decode key' : 'floor: 2× JSON.parse + decode key',
    's3-event-kit normalize (dist)',
    'Powertools parser',
    'middy event-normalizer, net of copy',
    '  (copy for middy, subtracted)',
  ];
  const at = (list: number[][], i: number): number[] => list[i] ?? [];
  const rows = labels.map((label, i) => [
    i === 0 ? scenario.name : '',
    label,
    int(median(at(cpu, i))),
    `${int(quantile(at(cpu, i), 0.25))}–${int(quantile(at(cpu, i), 0.75))}`,
    int(median(at(cpu, i)) / 10),
    i === 4 ? '' : ratio(median(over(at(cpu, i), at(cpu, 0)))),
    int(median(at(wall, i))),
    i === 4 ? '' : ratio(median(over(at(wall, i), at(wall, 0)))),
  ]);
  return {
    rows,
    figures: {
      ours: median(at(cpu, 1)),
      oursRatio: median(over(at(cpu, 1), at(cpu, 0))),
      powertools: median(at(cpu, 2)),
      powertoolsOverOurs: median(over(at(cpu, 2), at(cpu, 1))),
    },
  };
}

// ---------------------------------------------------------------- main

/** The commit measured, and whether `src/` had uncommitted changes when dist was built. */
function revision(): string {
  try {
    const git = (...a: string[]): string => execFileSync('git', a, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', 'src') ? ' + uncommitted src/ changes' : ''}`;
  } catch {
    return 'unknown revision';
  }
}

interface Check {
  readonly what: string;
  readonly ok: boolean;
  readonly figure: string;
  /** A hard check makes the exit code 1 when it fails (timings never do). */
  readonly hard?: boolean;
}

async function main(): Promise<void> {
  const started = performance.now();
  for (const note of ensureDist()) console.log(note);
  const kit = (await import(pathToFileURL(DIST_ESM).href)) as typeof Kit;
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const load = (): string => loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(
    `s3-event-kit bench — ${revision()} — Node ${process.version}, ${cpus().length} cores (${cpu}), ${new Date().toISOString()}, load average ${load()}`,
  );
  console.log(
    `normalize: ${settings.rounds} rounds × ${settings.sampleMs} ms samples per contestant, interleaved (rotating order), ` +
      `${hasGc() ? 'young-gen GC before each sample' : 'no forced GC'}; imports: ${importRuns} fresh processes per target${long ? ' (--long)' : ''}`,
  );

  // 1. normalize
  const { s3Sqs, s3SnsSqs } = scenarios();
  const sqs = await benchRoad(kit, s3Sqs, 'sqs');
  const snsSqs = await benchRoad(kit, s3SnsSqs, 'sns-sqs');
  print({
    title: '1. Normalize a 10-message SQS Lambda batch (1 S3 record per message, 6 of 10 keys URL-encoded) — ns per batch',
    head: ['road', 'contestant', 'CPU ns', 'CPU p25–p75', 'CPU ns/record', 'CPU × floor', 'wall ns', 'wall × floor'],
    rows: [...sqs.rows, ...snsSqs.rows],
    right: [false, false, true, true, true, true, true, true],
    notes: [
      'ns per batch of 10 messages, median over rounds. CPU = process CPU time (user+sys, all threads; steady on a shared',
      'machine, the figure the targets use); wall = hrtime. × floor = median of per-round ratios (each round times every',
      'contestant once, in rotating order, so a slow round hits all).',
      'middy mutates its input: it runs on a fresh copy (new top-level object + shallow copy of each SQS record);',
      'the copy is timed alone in the same round and subtracted round by round.',
      'Powertools validates the whole record with Zod (incl. ISO datetime, IPv4) but leaves keys encoded; s3-event-kit validates every field it returns and decodes keys.',
    ],
  });

  // 1b. the Lambda entry: subscribe() vs subscribeBatch()
  const entry = await benchLambdaEntry(kit, s3Sqs.event as { Records: ReadonlyArray<Record<string, unknown>> }, settings);
  print({
    title: '1b. Lambda entry: an S3→SQS batch through subscribe() and subscribeBatch(), no-op handler — µs per invocation',
    head: ['messages', 'entry', 'CPU µs', 'CPU µs/message', 'wall µs'],
    rows: entry.map((r) => [int(r.messages), r.label, ms(r.cpuUs), ms(r.cpuUs / r.messages), ms(r.wallUs)]),
    right: [true, false, true, true, true],
    notes: [
      'The whole entry around the handler: parse, filter, per-message contexts and outcomes, { batchItemFailures }.',
      'Medians over interleaved rounds (rotating order). Reported, never a target.',
    ],
  });

  // 2. imports
  const imports = await withBaselines((empty) =>
    measureImports(
      [
        { id: 'baseline-esm', label: 'empty ES module (baseline)', kind: 'esm', specifiers: [empty.esm] },
        { id: 'baseline-cjs', label: 'empty CommonJS module (baseline)', kind: 'cjs', specifiers: [empty.cjs] },
        { id: 'ours-esm', label: 's3-event-kit dist/index.js (import)', kind: 'esm', specifiers: [pathToFileURL(DIST_ESM).href] },
        { id: 'ours-cjs', label: 's3-event-kit dist/index.cjs (require)', kind: 'cjs', specifiers: [DIST_CJS] },
        {
          id: 'powertools',
          label: 'Powertools parser + SqsEnvelope + SnsSqsEnvelope + helpers + schemas/s3 (import)',
          kind: 'esm',
          specifiers: [
            '@aws-lambda-powertools/parser',
            '@aws-lambda-powertools/parser/envelopes/sqs',
            '@aws-lambda-powertools/parser/envelopes/sns-sqs',
            '@aws-lambda-powertools/parser/helpers',
            '@aws-lambda-powertools/parser/schemas/s3',
          ],
        },
        { id: 'middy', label: '@middy/event-normalizer (import)', kind: 'esm', specifiers: ['@middy/event-normalizer'] },
      ],
      importRuns,
    ),
  );
  const byId = (list: readonly ImportResult[], id: string): ImportResult | undefined => list.find((r) => r.id === id);
  print({
    title: `2. Cold import time — fresh node process per run, median of ${importRuns} runs (ms)`,
    head: ['entry', 'CPU ms', 'CPU net ms', 'wall ms', 'wall min–max', 'wall net ms'],
    rows: imports.map((r) => [
      r.label,
      ms(r.cpu.median),
      r.cpu.netMedian === undefined ? '' : ms(r.cpu.netMedian),
      ms(r.wall.median),
      `${ms(Math.min(...r.wall.runs))}–${ms(Math.max(...r.wall.runs))}`,
      r.wall.netMedian === undefined ? '' : ms(r.wall.netMedian),
    ]),
    right: [false, true, true, true, true, true],
    notes: [
      'Timed inside the child around import()/require(): CPU = the child\'s CPU time (user+sys, all threads), wall = performance.now().',
      'Node startup itself is not included. net = median over runs of (entry − empty module of the same kind, same round):',
      'what the entry itself adds (the first import() of a process also initialises the ESM loader).',
    ],
  });

  // 3. bundles
  const bundles: BundleResult[] = [];
  for (const target of BUNDLE_TARGETS) bundles.push(await measureBundle(target));
  print({
    title: '3. Bundle of a tiny handler — esbuild --bundle --minify --platform=node --format=esm; gzip -9 (KB = 1024 B)',
    head: ['handler', 'min KB', 'gzip KB', 'gzip bytes'],
    rows: bundleRows(bundles),
    right: [false, true, true, true],
    notes: ['Where our bytes come from (minified bytes per source module, esbuild metafile):', ...breakdown(bundles)],
  });
  const ourBundle = bundles.find((b) => b.id === 'ours');
  if (!ourBundle) throw new Error('our bundle was not measured');
  const withSdk = bundles.filter((b) => b.ours && holdsAwsSdkCode(b));
  const sdkFree = withSdk.length === 0;
  for (const b of withSdk) {
    console.log(`FAIL ${b.label} contains AWS SDK code (${b.awsSdkInputs.length} files)`);
    for (const line of b.awsSdkTrail) console.log(`     ${line}`);
  }

  // 4. summary
  const oursEsm = byId(imports, 'ours-esm');
  const oursCjs = byId(imports, 'ours-cjs');
  const importCheck = (what: string, r: ImportResult | undefined): Check => {
    const net = r?.cpu.netMedian ?? Number.NaN;
    return {
      what,
      ok: net <= TARGET_IMPORT_MS,
      figure: `${ms(net)} ms CPU net (wall net ${ms(r?.wall.netMedian ?? Number.NaN)}, raw ${ms(r?.wall.median ?? Number.NaN)})`,
    };
  };
  const checks: Check[] = [
    { what: `S3→SQS normalize ≤ ${TARGET_RATIO}× floor`, ok: sqs.figures.oursRatio <= TARGET_RATIO, figure: ratio(sqs.figures.oursRatio) },
    {
      what: 'S3→SQS normalize faster than Powertools',
      ok: sqs.figures.powertoolsOverOurs > 1,
      figure: `${int(sqs.figures.ours)} vs ${int(sqs.figures.powertools)} CPU ns; paired: ${sqs.figures.powertoolsOverOurs.toFixed(2)}× faster`,
    },
    {
      what: `S3→SNS→SQS normalize ≤ ${TARGET_RATIO}× floor (same target, 2nd road)`,
      ok: snsSqs.figures.oursRatio <= TARGET_RATIO,
      figure: ratio(snsSqs.figures.oursRatio),
    },
    {
      what: 'S3→SNS→SQS normalize faster than Powertools',
      ok: snsSqs.figures.powertoolsOverOurs > 1,
      figure: `${int(snsSqs.figures.ours)} vs ${int(snsSqs.figures.powertools)} CPU ns; paired: ${snsSqs.figures.powertoolsOverOurs.toFixed(2)}× faster`,
    },
    importCheck(`import dist/index.js ≤ ${TARGET_IMPORT_MS} ms`, oursEsm),
    importCheck(`require dist/index.cjs ≤ ${TARGET_IMPORT_MS} ms`, oursCjs),
    { what: 'handler bundle ≤ 6 KB gzip', ok: ourBundle.gzipBytes <= TARGET_GZIP, figure: `${kb(ourBundle.gzipBytes)} KB (${int(ourBundle.gzipBytes)} B)` },
    { what: 'our bundles (normalize, subscribe, worker) hold no @aws-sdk code', ok: sdkFree, figure: sdkFree ? 'none' : 'FOUND', hard: true },
  ];
  print({
    title: '4. Targets',
    head: ['target', 'measured', 'result'],
    rows: checks.map((c) => [c.what, c.figure, c.ok ? 'PASS' : c.hard ? 'FAIL' : 'MISS']),
    right: [false, false, false],
    notes: ['MISS on a timing target is reported, not fatal (timings are noisy); FAIL sets exit code 1.'],
  });
  if (checks.some((c) => c.hard && !c.ok)) process.exitCode = 1;

  if (markdown) {
    console.log('\n---- Markdown ----');
    for (const p of printed) console.log(`\n**${p.title}**\n\n${markdownTable(p.head, p.rows, p.right)}\n`);
  }
  console.log(`\ndone in ${((performance.now() - started) / 1000).toFixed(1)} s, load average ${load()} (sink ${sinkValue() % 7})`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
