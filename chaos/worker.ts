/**
 * The consumer of the SIGKILL phase, in its own process:
 *
 *   node --import tsx chaos/worker.ts --endpoint URL --queue URL --out FILE [--concurrency N]
 *     [--visibility S] [--work-ms MS] [--slow-ms MS] [--stop-timeout MS]
 *
 * Each handled message is appended to FILE with a synchronous `write(2)` before the handler
 * returns, so once the consumer can delete a message its record is already in the kernel: a
 * SIGKILL cannot lose it (a kill after the write and before the delete makes SQS deliver the
 * message again: a duplicate, never a loss). SIGTERM stops the consumer gracefully and prints a
 * JSON summary on stdout.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startChaosConsumer } from './consumer.js';
import { errorLine, handlingLine } from './ledger.js';
import { sqsClient } from './sqs.js';

const { values } = parseArgs({
  options: {
    endpoint: { type: 'string' },
    queue: { type: 'string' },
    out: { type: 'string' },
    concurrency: { type: 'string', default: '32' },
    visibility: { type: 'string', default: '5' },
    'work-ms': { type: 'string', default: '2' },
    'slow-ms': { type: 'string', default: '7500' },
    'stop-timeout': { type: 'string', default: '5000' },
  },
});
const { endpoint, queue, out } = values;
if (endpoint === undefined || queue === undefined || out === undefined) {
  console.error('usage: node --import tsx chaos/worker.ts --endpoint URL --queue URL --out FILE');
  process.exit(2);
}

const fd = openSync(out, 'a');
let errors = 0;
let unexpected = 0;
const consumer = startChaosConsumer(
  {
    queueUrl: queue,
    client: sqsClient(endpoint),
    concurrency: Number(values.concurrency),
    visibilityTimeout: Number(values.visibility),
    workMs: Number(values['work-ms']),
    slowMs: Number(values['slow-ms']),
    stopTimeout: Number(values['stop-timeout']),
  },
  {
    handled: (handling) => void writeSync(fd, handlingLine(handling)),
    error: (error) => {
      errors++;
      writeSync(fd, errorLine(error.operation, error.code));
    },
    aborted: (reason) => void writeSync(fd, `A ${reason}\n`),
    unexpected: (what) => {
      unexpected++;
      writeSync(fd, errorLine('unexpected', what.replace(/\s+/g, '_')));
    },
  },
);

process.once('SIGTERM', () => {
  const started = Date.now();
  void consumer.stop().then(() => {
    closeSync(fd);
    process.stdout.write(`${JSON.stringify({ stopMs: Date.now() - started, stats: consumer.stats, errors, unexpected })}\n`);
    process.exit(0);
  });
});
process.stdout.write('ready\n');
