/**
 * Where does `normalize` spend its time? Runs it in a loop on the benchmark batch under the V8
 * CPU profiler and prints the top functions by self time (and by total time).
 *
 *   node --import tsx bench/profile.ts [sqs|sns-sqs] [seconds]
 *
 * The raw profile is written to `.tmp/normalize.cpuprofile` (open it in Chrome DevTools).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Kit from '../src/index.js';
import { DIST_ESM, ensureDist, ROOT } from './dist.js';
import { scenarios } from './events.js';

const road = process.argv[2] === 'sns-sqs' ? 'sns-sqs' : 'sqs';
const seconds = Number(process.argv[3] ?? 5) || 5;

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))),
  );
}

async function main(): Promise<void> {
  for (const note of ensureDist()) console.log(note);
  const kit = (await import(pathToFileURL(DIST_ESM).href)) as typeof Kit;
  const { s3Sqs, s3SnsSqs } = scenarios();
  const event = road === 'sqs' ? s3Sqs.event : s3SnsSqs.event;

  let sink = 0;
  const warm = performance.now() + 1000;
  while (performance.now() < warm) sink += kit.normalize(event).length;

  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 100 });
  await post(session, 'Profiler.start');
  const end = performance.now() + seconds * 1000;
  let n = 0;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) sink += kit.normalize(event).length;
    n += 100;
  }
  const { profile } = await post<{ profile: Profiler.Profile }>(session, 'Profiler.stop');
  session.disconnect();

  const dir = join(ROOT, '.tmp');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'normalize.cpuprofile'), JSON.stringify(profile));

  const total = profile.samples?.length ?? 0;
  const self = new Map<number, number>();
  for (const id of profile.samples ?? []) self.set(id, (self.get(id) ?? 0) + 1);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const label = (node: Profiler.ProfileNode): string => {
    const f = node.callFrame;
    const file = f.url.split('/').slice(-2).join('/');
    return `${f.functionName || '(anonymous)'} ${file ? `${file}:${f.lineNumber + 1}` : ''}`.trim();
  };
  const selfBy = new Map<string, number>();
  const totalBy = new Map<string, number>();
  for (const [id, count] of self) {
    const node = byId.get(id);
    if (!node) continue;
    selfBy.set(label(node), (selfBy.get(label(node)) ?? 0) + count);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n2 = byId.get(at);
      if (!n2) break;
      const l = label(n2);
      if (!seen.has(l)) totalBy.set(l, (totalBy.get(l) ?? 0) + count);
      seen.add(l);
    }
  }
  const top = (m: Map<string, number>, k: number): string =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([l, c]) => `${((100 * c) / total).toFixed(1).padStart(6)} %  ${l}`)
      .join('\n');
  // Hot lines of the package (self time by source line, from positionTicks).
  const lines = new Map<string, number>();
  for (const node of profile.nodes) {
    if (!node.callFrame.url.includes('/dist/')) continue;
    for (const tick of node.positionTicks ?? []) {
      const where = `${node.callFrame.url}:${tick.line}`;
      lines.set(where, (lines.get(where) ?? 0) + tick.ticks);
    }
  }
  const sources = new Map<string, string[]>();
  const text = (url: string, line: number): string => {
    if (!sources.has(url)) sources.set(url, readFileSync(fileURLToPath(url), 'utf8').split('\n'));
    return (sources.get(url)?.[line - 1] ?? '').trim().slice(0, 110);
  };
  const hot = [...lines]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 30)
    .map(([where, ticks]) => {
      const at = where.lastIndexOf(':');
      const url = where.slice(0, at);
      const line = Number(where.slice(at + 1));
      return `${((100 * ticks) / total).toFixed(1).padStart(6)} %  ${url.split('/').pop()}:${line}  ${text(url, line)}`;
    });

  console.log(`${road}: ${n} batches in ${seconds} s → ${((seconds * 1e9) / n).toFixed(0)} ns/batch (profiler on); ${total} samples`);
  console.log(`\nself time\n${top(selfBy, 25)}\n\ntotal time\n${top(totalBy, 25)}\n\nhot lines (self)\n${hot.join('\n')}\n(sink ${sink % 7})`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
