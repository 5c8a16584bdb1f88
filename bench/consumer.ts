/**
 * Consumer throughput: subscribe().start() vs sqs-consumer 14.2.8 vs a bare
 * ReceiveMessage/DeleteMessageBatch loop (the floor), end to end on a local SQS server (fauxqs
 * 1.9.2 in a child process, loopback), same queue size, same handler, same concurrency; then the
 * memory of subscribe().start() over a long run.
 *
 *   node --import tsx bench/consumer.ts
 *   BENCH_MESSAGES=20000 BENCH_ROUNDS=2 BENCH_LONG_RUN=100000 node --import tsx bench/consumer.ts
 *
 * The server and the producer run in a child process, so the numbers are the consumer's own.
 * Each contender drains a pre-filled queue: the clock runs from start to the last delete.
 */
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Consumer } from 'sqs-consumer';
import { normalize, subscribe, type S3ObjectEvent } from '../src/index.js';

const MESSAGES = Number(process.env['BENCH_MESSAGES'] ?? 20_000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 2);
const LONG_RUN = Number(process.env['BENCH_LONG_RUN'] ?? 100_000);
const CONCURRENCY = 10; // sqs-consumer's ceiling: batchSize ≤ 10, one batch at a time

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

// ── the server + producer child ──────────────────────────────────────────────────────────────

const CHILD = `
import { buildApp } from 'fauxqs';
import { SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
const app = buildApp({ logger: false });
const address = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
const sqs = new SQSClient({ endpoint: address, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
process.on('message', async ({ id, queueUrl, count, body }) => {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const start = next; next += 10;
      const n = Math.min(10, count - start);
      await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl,
        Entries: Array.from({ length: n }, (_, i) => ({ Id: String(i), MessageBody: body.replace('KEY', String(start + i)) })) }));
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  process.send({ id });
});
process.send({ address });
`;

interface Server {
  readonly endpoint: string;
  fill(queueUrl: string, count: number): Promise<void>;
  stop(): void;
}

async function startServer(): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, ['--no-warnings', '--input-type=module', '-e', CHILD], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    cwd: process.cwd(),
  });
  const [first] = (await once(child, 'message')) as [{ address: string }];
  let ids = 0;
  const pending = new Map<number, () => void>();
  child.on('message', (m: { id?: number }) => {
    if (m.id !== undefined) pending.get(m.id)?.();
  });
  return {
    endpoint: first.address,
    fill: (queueUrl, count) =>
      new Promise((resolve) => {
        const id = ++ids;
        pending.set(id, resolve);
        child.send({ id, queueUrl, count, body: BODY });
      }),
    stop: () => child.kill(),
  };
}

const BODY = JSON.stringify({
  Records: [
    {
      eventVersion: '2.1', eventSource: 'aws:s3', awsRegion: 'us-east-1', eventTime: '2024-05-01T12:00:00.000Z', eventName: 'ObjectCreated:Put',
      userIdentity: { principalId: 'AWS:AIDAEXAMPLE' }, requestParameters: { sourceIPAddress: '198.51.100.24' },
      responseElements: { 'x-amz-request-id': 'C3D13FE58DE4C810', 'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD' },
      s3: {
        s3SchemaVersion: '1.0', configurationId: 'uploads',
        bucket: { name: 'bench', ownerIdentity: { principalId: 'A3I5XTEXAMAI3E' }, arn: 'arn:aws:s3:::bench' },
        object: { key: 'uploads/photo+KEY.jpg', size: 1024, eTag: 'd41d8cd98f00b204e9800998ecf8427e', sequencer: '0055AED6DCD90281E5' },
      },
    },
  ],
});

// ── the contenders ───────────────────────────────────────────────────────────────────────────

type Work = (event: S3ObjectEvent) => Promise<void>;
/** The handlers: an await (CPU-bound work) and 5 ms of simulated I/O. */
const WORKS: Record<string, Work> = {
  'await only': async () => {},
  '5 ms I/O': () => new Promise((resolve) => setTimeout(resolve, 5)),
};

type Contender = (queueUrl: string, client: SQSClient, count: number, work: Work) => Promise<void>;

const ours: Contender = async (queueUrl, client, count, work) => {
  const consumer = subscribe({}, work).start({ queueUrl, client, concurrency: CONCURRENCY, waitTimeSeconds: 1 });
  await until(() => consumer.stats.deleted >= count);
  await consumer.stop();
};

const sqsConsumer: Contender = async (queueUrl, client, count, work) => {
  let done = 0;
  const consumer = Consumer.create({
    queueUrl,
    sqs: client,
    batchSize: CONCURRENCY,
    waitTimeSeconds: 1,
    handleMessage: async (message) => {
      for (const event of normalize(message)) await work(event);
      return message;
    },
  });
  consumer.on('message_processed', () => done++);
  consumer.on('error', (error) => console.error('sqs-consumer:', error.message));
  consumer.start();
  await until(() => done >= count);
  consumer.stop();
};

/** The floor: receive 10, handle them at once, delete them in one batch, repeat. */
const bareLoop: Contender = async (queueUrl, client, count, work) => {
  let done = 0;
  while (done < count) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: CONCURRENCY, WaitTimeSeconds: 1 }),
    );
    if (Messages.length === 0) continue;
    const handled = await Promise.all(
      Messages.map(async (message: Message) => {
        for (const event of normalize(message)) await work(event);
        return message;
      }),
    );
    await client.send(
      new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: handled.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })) }),
    );
    done += handled.length;
  }
};

const CONTENDERS: Record<string, Contender> = {
  'subscribe().start()': ours,
  'sqs-consumer 14.2.8': sqsConsumer,
  'bare receive/delete loop': bareLoop,
};

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 2));
}

// ── running ──────────────────────────────────────────────────────────────────────────────────

let queues = 0;
async function freshQueue(client: SQSClient): Promise<string> {
  const { QueueUrl } = await client.send(
    new CreateQueueCommand({ QueueName: `bench-${process.pid}-${++queues}`, Attributes: { VisibilityTimeout: '60' } }),
  );
  return QueueUrl as string;
}

async function depth(client: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes = {} } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return Number(Attributes['ApproximateNumberOfMessages']) + Number(Attributes['ApproximateNumberOfMessagesNotVisible']);
}

async function main(): Promise<void> {
  const server = await startServer();
  const client = new SQSClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  console.log(`Consumer throughput: ${MESSAGES} messages per run, concurrency ${CONCURRENCY}, best of ${ROUNDS} rounds, fauxqs 1.9.2 in a child process (Node ${process.version})\n`);
  try {
    const results: Record<string, Record<string, { rate: number; cpu: number }>> = {};
    for (const [workName, work] of Object.entries(WORKS)) {
      const table: Record<string, { rate: number; cpu: number }> = (results[workName] = {});
      for (let round = 0; round < ROUNDS; round++) {
        for (const [name, run] of Object.entries(CONTENDERS)) {
          const queueUrl = await freshQueue(client);
          await server.fill(queueUrl, MESSAGES);
          gc();
          const cpu = process.cpuUsage();
          const started = performance.now();
          await run(queueUrl, client, MESSAGES, work);
          const seconds = (performance.now() - started) / 1000;
          const used = process.cpuUsage(cpu);
          const left = await depth(client, queueUrl);
          if (left !== 0) throw new Error(`${name} left ${left} messages in the queue`);
          const rate = MESSAGES / seconds;
          const cpuPerMessage = (used.user + used.system) / MESSAGES;
          const best = table[name];
          table[name] = { rate: Math.max(best?.rate ?? 0, rate), cpu: Math.min(best?.cpu ?? Infinity, cpuPerMessage) };
          console.log(
            `  ${workName.padEnd(10)} ${name.padEnd(26)} ${String(Math.round(rate)).padStart(6)} msg/s  ${cpuPerMessage.toFixed(0).padStart(5)} µs CPU/msg  (${seconds.toFixed(2)} s)`,
          );
        }
      }
    }
    console.log('\nBest of the rounds (wall clock is noisy on shared cores; consumer CPU per message is steadier):\n');
    console.log('| handler | subscribe().start() | sqs-consumer 14.2.8 | bare loop (floor) | vs sqs-consumer | vs floor |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const [workName, table] of Object.entries(results)) {
      const o = table['subscribe().start()'] ?? { rate: 0, cpu: 0 };
      const s = table['sqs-consumer 14.2.8'] ?? { rate: 0, cpu: 0 };
      const f = table['bare receive/delete loop'] ?? { rate: 0, cpu: 0 };
      const cell = (x: { rate: number; cpu: number }) => `${Math.round(x.rate)} msg/s, ${x.cpu.toFixed(0)} µs CPU/msg`;
      console.log(
        `| ${workName} | ${cell(o)} | ${cell(s)} | ${cell(f)} | ${(o.rate / s.rate).toFixed(2)}× msg/s, ${(s.cpu / o.cpu).toFixed(2)}× less CPU | ${(o.rate / f.rate).toFixed(2)}× msg/s, ${(f.cpu / o.cpu).toFixed(2)}× less CPU |`,
      );
    }
    await longRun(server, client);
  } finally {
    client.destroy();
    server.stop();
  }
}

/** Memory of subscribe().start() over LONG_RUN messages, produced while it consumes. */
async function longRun(server: Server, client: SQSClient): Promise<void> {
  if (LONG_RUN <= 0) return;
  const queueUrl = await freshQueue(client);
  const produced = server.fill(queueUrl, LONG_RUN);
  gc();
  const samples: Array<{ at: number; heap: number; rss: number }> = [];
  const consumer = subscribe({}, async () => {}).start({ queueUrl, client, concurrency: 32, waitTimeSeconds: 1 });
  const started = performance.now();
  let nextSample = 0;
  while (consumer.stats.deleted < LONG_RUN) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (consumer.stats.deleted >= nextSample) {
      gc();
      const { heapUsed, rss } = process.memoryUsage();
      samples.push({ at: consumer.stats.deleted, heap: heapUsed, rss });
      nextSample += LONG_RUN / 10;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  await produced;
  await consumer.stop();
  gc();
  const end = process.memoryUsage();
  samples.push({ at: LONG_RUN, heap: end.heapUsed, rss: end.rss });
  const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
  console.log(`\nMemory over ${LONG_RUN} messages (subscribe().start(), concurrency 32, produced while consumed; ${Math.round(LONG_RUN / seconds)} msg/s):`);
  console.log('| messages deleted | heap used after GC | RSS |');
  console.log('|---:|---:|---:|');
  for (const s of samples) console.log(`| ${s.at} | ${mb(s.heap)} MB | ${mb(s.rss)} MB |`);
  const first = samples[1] ?? samples[0];
  const last = samples[samples.length - 1];
  if (first && last) console.log(`heap growth from 10% to the end: ${mb(last.heap - first.heap)} MB`);
}

await main();
