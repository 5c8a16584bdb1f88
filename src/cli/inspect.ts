/** `s3-event-kit inspect [file|-]`: what a payload is, the events in it and what is wrong with it. @internal @module */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseMessages, type ParsedBatch } from '../normalize/parse.js';
import { eventJson, eventLines, failureJson, failureLines, testEventJson, testEventLines } from './format.js';
import { readInspected, type Truncation } from './inspect-text.js';
import { EXIT, readAll, UsageError, type CliIo } from './io.js';

export const INSPECT_HELP = `Usage: s3-event-kit inspect [file|-] [--json]

Reads one payload (a file, or standard input when the file is "-" or omitted) — any road: an S3
notification, an SQS or SNS Lambda event, a ReceiveMessage result, an EventBridge event, SNS JSON,
or a log line that contains one (text before the first "{" or "[" is skipped, as in a line copied
from CloudWatch Logs), also as console.log prints it (Node's util.inspect text, multi-line; when
util.inspect cut it short with [Object], [Array] or "... more items", inspect says where) — and prints the detected road, each normalized event, each s3:TestEvent and
each message that could not be read, with the JSON path of the problem.

Options:
  --json      print one JSON document instead of text
  -h, --help  show this help

Exit status: 0 when every message was read, 1 when any failed, 2 on a usage error.

Examples:
  s3-event-kit inspect event.json
  pbpaste | s3-event-kit inspect --json
`;

/** A payload read from a text, and what `util.inspect` cut out of it, if that is how it was printed. */
export interface Payload {
  readonly payload: unknown;
  /** `'json'`, or `'util.inspect'` for what `console.log(event)` prints. */
  readonly format: 'json' | 'util.inspect' | 'text';
  readonly truncations: readonly Truncation[];
}

/**
 * The payload in a text: the whole text as JSON, else the JSON after the first "{" or "[" (a log
 * line's prefix dropped), else Node's `util.inspect` text (`console.log('event', event)` in
 * CloudWatch Logs), else the text itself (the normalizer then reports the JSON error).
 */
export function payloadOf(text: string): Payload {
  const trimmed = text.trim();
  try {
    return { payload: JSON.parse(trimmed) as unknown, format: 'json', truncations: [] };
  } catch {
    const start = trimmed.search(/[{[]/);
    if (start > 0) {
      try {
        return { payload: JSON.parse(trimmed.slice(start)) as unknown, format: 'json', truncations: [] };
      } catch {
        // not JSON after a prefix either
      }
    }
    const inspected = readInspected(trimmed);
    if (inspected !== undefined) return { payload: inspected.value, format: 'util.inspect', truncations: inspected.truncations };
    return { payload: trimmed, format: 'text', truncations: [] };
  }
}

/** What to say when `util.inspect` cut the logged value short. */
export function truncationLines(truncations: readonly Truncation[]): string[] {
  if (truncations.length === 0) return [];
  const shown = truncations.slice(0, 5).map((t) => `${t.path} (${t.marker})`);
  const more = truncations.length > 5 ? `, and ${truncations.length - 5} more` : '';
  return [
    `incomplete: util.inspect (console.log) cut the logged event short at ${shown.join(', ')}${more}.`,
    '  Log the whole event as JSON instead: console.log(JSON.stringify(event))',
  ];
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A name for the input's outer shape. */
export function describeInput(value: unknown, batch: ParsedBatch): string {
  if (typeof value === 'string') return 'text that is not JSON';
  if (Array.isArray(value)) return `SQS ReceiveMessage messages (an array of ${count(value.length, 'message')})`;
  if (!isObject(value)) return `a JSON ${value === null ? 'null' : typeof value}`;
  const records = value['Records'];
  if (Array.isArray(records)) {
    const first: unknown = records[0];
    if (isObject(first) && first['eventSource'] === 'aws:sqs') return `SQS event for Lambda (${count(records.length, 'record')})`;
    if (isObject(first) && first['EventSource'] === 'aws:sns') return `SNS event for Lambda (${count(records.length, 'record')})`;
    if (isObject(first) && first['eventSource'] === 'aws:s3') return `S3 event notification (${count(records.length, 'record')})`;
    return `an object with ${count(records.length, 'record')} of an unknown kind`;
  }
  if (Array.isArray(value['Messages'])) return `SQS ReceiveMessage result (${count(value['Messages'].length, 'message')})`;
  if ('Body' in value && 'ReceiptHandle' in value) return 'one SQS ReceiveMessage message';
  if (value['Type'] === 'Notification') return 'SNS notification JSON';
  if ('detail-type' in value) return 'EventBridge event';
  if (value['Event'] === 's3:TestEvent') return 's3:TestEvent message';
  return batch.carrier === undefined ? 'an object of an unknown shape' : `${batch.carrier} payload`;
}

/** Runs `inspect` with its arguments (after the command name). */
export async function inspect(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.stdout.write(INSPECT_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 1) throw new UsageError(`inspect takes one file (or "-"), got ${positionals.length}`);
  const file = positionals[0] ?? '-';
  let text: string;
  try {
    text = file === '-' ? await readAll(io.stdin) : await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file === '-' ? 'standard input' : file}: ${(error as Error).message}`);
  }
  const { payload, format, truncations } = payloadOf(text);
  const batch = parseMessages(payload);
  const failures = batch.messages.filter((m) => m.failure !== undefined).length;
  const events = batch.messages.reduce((n, m) => n + m.events.length, 0);
  const tests = batch.messages.reduce((n, m) => n + m.testEvents.length, 0);
  const roads = [...new Set(batch.messages.flatMap((m) => [...m.events, ...m.testEvents].map((e) => e.via.join(' → '))))];
  const input = `${describeInput(payload, batch)}${format === 'util.inspect' ? ', printed by util.inspect (console.log)' : ''}`;

  if (values.json) {
    const document = {
      input,
      carrier: batch.carrier ?? null,
      roads: roads.map((r) => r.split(' → ')),
      messages: batch.messages.map((m, index) => ({
        index,
        messageId: m.messageId ?? null,
        events: m.events.map(eventJson),
        testEvents: m.testEvents.map(testEventJson),
        failure: m.failure === undefined ? null : failureJson(m.failure),
      })),
      summary: { messages: batch.messages.length, events, testEvents: tests, failures },
      format,
      truncated: truncations.map((t) => ({ path: t.path, marker: t.marker })),
      ...(truncations.length === 0 ? {} : { advice: 'log the whole event as JSON: console.log(JSON.stringify(event))' }),
    };
    io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  } else {
    const lines = [`input: ${input}`, ...truncationLines(truncations), `road: ${roads.length === 0 ? '(none detected)' : roads.join(', ')}`];
    batch.messages.forEach((m, index) => {
      const id = m.messageId === undefined ? '' : ` (id ${m.messageId})`;
      lines.push(`message ${index + 1}${id}: ${m.failure ? 'could not be read' : count(m.events.length, 'event')}`);
      for (const event of m.events) lines.push(...eventLines(event));
      for (const test of m.testEvents) lines.push(...testEventLines(test));
      if (m.failure) lines.push(...failureLines(m.failure));
    });
    lines.push(`${count(events, 'event')}, ${count(tests, 'test event')}, ${count(failures, 'failed message')}`);
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  return failures > 0 || (truncations.length > 0 && events + tests === 0) ? EXIT.failures : EXIT.ok;
}
