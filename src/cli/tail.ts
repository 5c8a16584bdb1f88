/** `s3-event-kit tail --queue-url …`: print the S3 events arriving on a queue. @internal @module */
import { parseArgs } from 'node:util';
import { parseMessages } from '../normalize/parse.js';
import { eventJson, eventLines, failureJson, failureLines, testEventJson, testEventLines } from './format.js';
import { EXIT, UsageError, type CliIo } from './io.js';

export const TAIL_HELP = `Usage: s3-event-kit tail --queue-url <url> [options]

Long-polls an SQS queue and prints the S3 events in each message as they arrive (any road that
ends in SQS), s3:TestEvents, and messages that cannot be read. Messages are NOT deleted unless
--ack is given: they become visible again after their visibility timeout and are printed once.
Each receive counts towards the queue's maxReceiveCount: tailing a queue with a redrive policy
long enough can move messages to its dead-letter queue. With --ack, only messages that were read
completely are deleted.

Options:
  --queue-url <url>          required, the queue's URL
  --ack                      delete each message after printing it
  --endpoint <url>           another endpoint (a local SQS server)
  --region <region>          the queue's Region (default: from the URL, AWS_REGION, or us-east-1)
  --json                     one JSON line per event, test event or failure
  --wait <seconds>           long-poll wait of each receive, 0–20 (default 20)
  --visibility-timeout <s>   visibility timeout of received messages (default: the queue's)
  --max-events <n>           stop after printing this many events
  --timeout <seconds>        stop after this long
  -h, --help                 show this help

Credentials come from the environment, as for the AWS CLI. Stop with Ctrl-C.

Examples:
  s3-event-kit tail --queue-url https://sqs.eu-west-1.amazonaws.com/123456789012/uploads
  s3-event-kit tail --queue-url http://localhost:4566/000000000000/q --endpoint http://localhost:4566 --ack --json
`;

function seconds(option: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${option} must be a number from ${min} to ${max}, got ${value}`);
  return n;
}

/** The Region in an SQS queue URL (`https://sqs.eu-west-1.amazonaws.com/…`), if any. */
export function regionOfQueueUrl(url: string): string | undefined {
  return /^https?:\/\/sqs[.-]([a-z]{2}(?:-[a-z]+)+-\d+)\./.exec(url)?.[1];
}

interface SqsMessageLike {
  readonly MessageId?: string | undefined;
  readonly ReceiptHandle?: string | undefined;
}

/** Runs `tail` with its arguments (after the command name). */
export async function tail(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      'queue-url': { type: 'string' },
      ack: { type: 'boolean', default: false },
      endpoint: { type: 'string' },
      region: { type: 'string' },
      json: { type: 'boolean', default: false },
      wait: { type: 'string' },
      'visibility-timeout': { type: 'string' },
      'max-events': { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.stdout.write(TAIL_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`tail takes no positional arguments, got ${positionals.join(' ')}`);
  const queueUrl = values['queue-url'];
  if (queueUrl === undefined) throw new UsageError('tail needs --queue-url');
  const wait = seconds('wait', values.wait, 0, 20) ?? 20;
  const visibility = seconds('visibility-timeout', values['visibility-timeout'], 0, 43_200);
  const maxEvents = seconds('max-events', values['max-events'], 1, Number.MAX_SAFE_INTEGER);
  const timeout = seconds('timeout', values.timeout, 0, Number.MAX_SAFE_INTEGER);
  const region = values.region ?? regionOfQueueUrl(queueUrl) ?? io.env['AWS_REGION'] ?? io.env['AWS_DEFAULT_REGION'] ?? 'us-east-1';

  let sdk: typeof import('@aws-sdk/client-sqs');
  try {
    sdk = await import('@aws-sdk/client-sqs');
  } catch {
    throw new UsageError('tail needs @aws-sdk/client-sqs: npm install @aws-sdk/client-sqs');
  }
  const client = new sdk.SQSClient({ region, ...(values.endpoint === undefined ? {} : { endpoint: values.endpoint }) });
  const stop = new AbortController();
  const onStop = (): void => stop.abort();
  io.signal.addEventListener('abort', onStop, { once: true });
  const timer = timeout === undefined ? undefined : setTimeout(onStop, timeout * 1000);
  const printed = new Set<string>();
  const write = (line: string): void => void io.stdout.write(`${line}\n`);
  let events = 0;
  let failures = 0;

  if (!values.json) io.stderr.write(`tailing ${queueUrl}${values.ack ? ' (deleting what is printed)' : ' (not deleting: add --ack to delete)'}; Ctrl-C to stop\n`);
  try {
    while (!stop.signal.aborted && (maxEvents === undefined || events < maxEvents)) {
      let received: { Messages?: SqsMessageLike[] | undefined };
      try {
        received = await client.send(
          new sdk.ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: wait,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
            ...(visibility === undefined ? {} : { VisibilityTimeout: visibility }),
          }),
          { abortSignal: stop.signal },
        );
      } catch (error) {
        if (stop.signal.aborted) break;
        throw error;
      }
      const messages = received.Messages ?? [];
      const batch = parseMessages(messages);
      const done: Array<{ Id: string; ReceiptHandle: string }> = [];
      batch.messages.forEach((m, index) => {
        const raw = messages[index];
        const id = m.messageId ?? raw?.MessageId ?? '';
        if (m.failure === undefined && raw?.ReceiptHandle !== undefined) done.push({ Id: String(done.length), ReceiptHandle: raw.ReceiptHandle });
        if (printed.has(id)) return;
        printed.add(id);
        if (values.json) {
          for (const e of m.events) write(JSON.stringify({ kind: 'event', ...eventJson(e) }));
          for (const t of m.testEvents) write(JSON.stringify({ kind: 'testEvent', ...testEventJson(t) }));
          if (m.failure) write(JSON.stringify({ kind: 'failure', ...failureJson(m.failure) }));
        } else {
          const lines = [`message ${id}:`];
          for (const e of m.events) lines.push(...eventLines(e));
          for (const t of m.testEvents) lines.push(...testEventLines(t));
          if (m.failure) lines.push(...failureLines(m.failure));
          write(lines.join('\n'));
        }
        events += m.events.length;
        if (m.failure) failures++;
      });
      if (values.ack && done.length > 0) {
        await client.send(new sdk.DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: done }));
      }
    }
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    io.signal.removeEventListener('abort', onStop);
    client.destroy();
  }
  if (!values.json) io.stderr.write(`${events} event${events === 1 ? '' : 's'} printed, ${failures} unreadable message${failures === 1 ? '' : 's'}\n`);
  return EXIT.ok;
}
