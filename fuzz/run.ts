/**
 * `npm run fuzz`: feeds the library generated and mutated payloads, time-boxed, and checks that
 * nothing escapes but the library's own typed error, that no prototype is polluted and that memory
 * stays bounded. Options: `--cases N` (default 1 000 000), `--seconds N` (default 600),
 * `--seed N`, `--record` (rewrite the figures in docs/reliability.md).
 */
import { parseArgs } from 'node:util';
import { isS3EventParseError, normalize, parse } from '../src/index.js';
import { generate, mutate, mutateText, random } from './mutate.js';
import { loadSeeds } from './seeds.js';
import { recordFigures } from './record.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '600' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    record: { type: 'boolean', default: false },
  },
});
const cases = Number(values.cases);
const seconds = Number(values.seconds);
const seed = Number(values.seed);

interface Target {
  readonly name: string;
  readonly run: (input: unknown) => unknown;
}

/** Entry points under test; each must return or throw only S3EventParseError. */
const targets: Target[] = [
  { name: 'parse', run: (input) => parse(input) },
  { name: 'normalize', run: (input) => normalize(input) },
  { name: 'parse (EventBridge keys verbatim)', run: (input) => parse(input, { decodeEventBridgeKeys: false }) },
];
try {
  const { subscribe, jsonLogger } = (await import('../src/index.js')) as unknown as {
    subscribe?: (options: object, handler: (event: unknown) => Promise<void>) => (event: unknown, context?: unknown) => Promise<unknown>;
    jsonLogger?: (options: object) => object;
  };
  if (subscribe) {
    // Every hostile message is a failure the subscription logs: write the JSON lines (so their
    // serialization is fuzzed too) to nowhere, not to CI's output.
    const logger = jsonLogger?.({ level: 'debug', write: () => {} });
    const handler = subscribe(logger ? { logger } : {}, async () => {});
    targets.push({ name: 'subscribe() Lambda entry', run: (input) => handler(input, {}) });
  }
} catch {
  // subscribe() not available in this build: fuzz the normalizer only.
}

const seeds = loadSeeds();
const rng = random(seed);
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const heapStart = process.memoryUsage().heapUsed;
let heapPeak = heapStart;
const started = Date.now();
const deadline = started + seconds * 1000;
let ran = 0;
let typedErrors = 0;
let escaped = 0;
const kinds = { generated: 0, mutated: 0, text: 0, seed: 0 };

function makeInput(): unknown {
  const roll = rng();
  const base = seeds[Math.floor(rng() * seeds.length)];
  if (roll < 0.1) { kinds.generated++; return generate(rng); }
  if (roll < 0.75) { kinds.mutated++; return mutate(base, rng); }
  if (roll < 0.97) { kinds.text++; return mutateText(base, rng); }
  kinds.seed++;
  return base;
}

for (; ran < cases && (ran % 256 !== 0 || Date.now() < deadline); ran++) {
  const input = makeInput();
  for (const target of targets) {
    try {
      const result = target.run(input);
      if (result instanceof Promise) await result.catch((error: unknown) => check(error, target, input));
    } catch (error) {
      check(error, target, input);
    }
  }
  if (ran % 50_000 === 0) {
    gc?.();
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }
}

function check(error: unknown, target: Target, input: unknown): void {
  if (isS3EventParseError(error) || (error instanceof Error && error.name === 'S3EventBatchError')) {
    typedErrors++;
    return;
  }
  escaped++;
  if (escaped <= 5) {
    console.error(`ESCAPED from ${target.name} (seed ${seed}, case ${ran}):`, error);
    console.error('input:', JSON.stringify(input)?.slice(0, 500));
  }
}

gc?.();
const heapEnd = process.memoryUsage().heapUsed;
const polluted = Object.keys(Object.prototype).length > 0 || ({} as Record<string, unknown>)['polluted'] !== undefined;
const elapsed = (Date.now() - started) / 1000;
const heapGrowthMiB = (heapEnd - heapStart) / 2 ** 20;
const figures = {
  date: new Date().toISOString().slice(0, 10),
  node: process.version,
  seed,
  cases: ran,
  calls: ran * targets.length,
  targets: targets.map((target) => target.name),
  kinds,
  typedErrors,
  escaped,
  polluted,
  seconds: Number(elapsed.toFixed(1)),
  heapGrowthMiB: Number(heapGrowthMiB.toFixed(1)),
  heapPeakMiB: Number((heapPeak / 2 ** 20).toFixed(1)),
};
console.log(JSON.stringify(figures, null, 2));
const memoryOk = gc === undefined || heapGrowthMiB < 64;
const ok = escaped === 0 && !polluted && memoryOk;
console.log(`${ok ? 'PASS' : 'FAIL'}: ${ran} cases × ${targets.length} entry points in ${elapsed.toFixed(1)} s; ${escaped} escaped errors; prototype ${polluted ? 'POLLUTED' : 'clean'}; heap growth ${heapGrowthMiB.toFixed(1)} MiB${gc ? '' : ' (run with --expose-gc to check memory)'}`);
if (values.record) recordFigures('fuzz', figures);
process.exit(ok ? 0 : 1);
