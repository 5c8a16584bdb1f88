#!/usr/bin/env node
/**
 * `npx s3-event-kit <inspect|generate|tail>`: look at S3 event payloads, make them, and watch a
 * queue. Needs nothing but Node (and `@aws-sdk/client-sqs` for `tail`).
 * @internal
 * @module
 */
import { main } from './main.js';

const controller = new AbortController();
const graceful = process.argv[2] === 'tail'; // tail stops cleanly on Ctrl-C; the others just end
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    controller.abort();
    if (!graceful) process.exit(130);
  });
}
// A closed pipe (`… | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: controller.signal,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`s3-event-kit: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
