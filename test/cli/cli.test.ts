// The `s3-event-kit` CLI, run as a child process (node --import tsx src/cli/index.ts), plus an
// in-process matrix over every road; `tail` against the local SQS server (fauxqs).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { normalize, S3_EVENT_NAMES, type S3EventName } from 's3-event-kit';
import { asS3Event, asSqs, s3Record, testEvent } from 's3-event-kit/testing';
import { describe, expect, test } from 'vitest';
import { CLI_ROADS } from '../../src/cli/generate.js';
import { endpoint, sqsClient, uniqueName } from '../setup/aws.js';
import { cli, cliInProcess } from './run.js';

describe('s3-event-kit (child process)', () => {
  test('--help lists the commands; each command has its own --help', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('Usage: s3-event-kit <command>');
    for (const command of ['inspect', 'generate', 'tail']) {
      const help = await cliInProcess([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: s3-event-kit ${command}`);
    }
    const bare = await cli([]);
    expect(bare.code).toBe(2);
  });

  test('generate prints an exact payload that inspect reads back, key encoded as S3 does and decoded again', async () => {
    // Act
    const generated = await cli(['generate', 'ObjectCreated:Put', '--road', 'sns-sqs', '--bucket', 'photos', '--key', 'red flower+1.jpg', '--message-id', 'm-1']);
    const inspected = await cli(['inspect', '-', '--json'], { input: generated.stdout });

    // Assert
    expect(generated.code).toBe(0);
    expect(generated.stdout).toContain('red+flower%2B1.jpg');
    expect(inspected.code).toBe(0);
    const report = JSON.parse(inspected.stdout) as { input: string; roads: string[][]; messages: Array<{ messageId: string; events: Array<Record<string, unknown>> }> };
    expect(report.input).toBe('SQS event for Lambda (1 record)');
    expect(report.roads).toEqual([['s3', 'sns', 'sqs']]);
    expect(report.messages[0]?.messageId).toBe('m-1');
    expect(report.messages[0]?.events[0]).toMatchObject({ name: 'ObjectCreated:Put', bucket: 'photos', key: 'red flower+1.jpg', rawKey: 'red+flower%2B1.jpg' });
  });

  test('inspect shows each failure with its JSON path and exits 1; good messages of the batch still show', async () => {
    // Arrange: a batch of two SQS records, one with a body that is not JSON.
    const good = asSqs(asS3Event(s3Record({ key: 'ok.txt' })), { messageId: 'good' });
    const batch = { Records: [...good.Records, { ...good.Records[0], messageId: 'bad', body: '{"Records":[{"eventSource":"aws:s3","eventName":"Nope"}]}' }] };
    const dir = await mkdtemp(join(tmpdir(), 'inspect-'));
    const file = join(dir, 'batch.json');
    await writeFile(file, JSON.stringify(batch));

    // Act
    const run = await cli(['inspect', file]);

    // Assert
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('input: SQS event for Lambda (2 records)');
    expect(run.stdout).toContain('message 1 (id good): 1 event\n  ObjectCreated:Put  s3://amzn-s3-demo-bucket/ok.txt');
    expect(run.stdout).toMatch(/message 2 \(id bad\): could not be read\n {2}FAILED UNKNOWN_EVENT_NAME at Records\[1\]\.body → Records\[0\]\.eventName/);
    expect(run.stdout).toContain('1 event, 0 test events, 1 failed message');
  });

  test('inspect reads a line copied from CloudWatch Logs (text before the JSON is skipped)', async () => {
    const payload = JSON.stringify(asS3Event(s3Record({ name: 'ObjectRemoved:Delete', key: 'logs/a b.txt' })));
    const run = await cli(['inspect'], { input: `2024-03-14T19:02:45.087Z\t6f1b2c3d-0000-4000-8000-000000000000\tINFO\t${payload}\n` });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('input: S3 event notification (1 record)\nroad: s3\n');
    expect(run.stdout).toContain('ObjectRemoved:Delete  s3://amzn-s3-demo-bucket/logs/a b.txt');
  });

  test('usage errors exit 2 with a pointer to --help', async () => {
    const unknownRoad = await cli(['generate', 'ObjectCreated:Put', '--road', 'carrier-pigeon']);
    expect(unknownRoad.code).toBe(2);
    expect(unknownRoad.stderr).toContain('unknown road "carrier-pigeon"; roads are s3, sqs, sqs-api');
    expect(unknownRoad.stderr).toContain('See "s3-event-kit generate --help".');
    const unknownName = await cliInProcess(['generate', 'ObjectCreated:Putt', '--road', 's3']);
    expect(unknownName).toMatchObject({ code: 2, stderr: expect.stringContaining('did you mean ObjectCreated:Put, ObjectCreated:Post') });
    expect((await cliInProcess(['generate', 'ReducedRedundancyLostObject', '--road', 'eventbridge'])).code).toBe(2);
    expect((await cliInProcess(['inspect', '--nope'])).code).toBe(2);
    expect((await cliInProcess(['tail'])).stderr).toContain('tail needs --queue-url');
    expect((await cliInProcess(['frobnicate'])).stderr).toContain('unknown command "frobnicate"');
  });
});

describe('generate × every road (in-process)', () => {
  const names: S3EventName[] = ['ObjectCreated:Put', 'ObjectRemoved:DeleteMarkerCreated', 'ObjectTagging:Put', 'ObjectRestore:Completed'];
  const cases = Object.entries(CLI_ROADS).flatMap(([road, { road: via }]) => names.map((name) => [road, name, via] as const));

  test.each(cases)('%s × %s normalizes back to the same event on that road', async (road, name, via) => {
    const run = await cliInProcess(['generate', `s3:${name}`, '--road', road, '--bucket', 'b', '--key', 'dir/a b+c ü.txt', '--compact']);
    expect(run.code).toBe(0);
    const [event] = normalize(JSON.parse(run.stdout));
    expect(event).toMatchObject({ name, bucket: 'b', key: 'dir/a b+c ü.txt', via });
  });

  test('the road names cover every road of the library, plus SQS API and raw SNS variants', () => {
    expect(Object.keys(CLI_ROADS)).toEqual(['s3', 'sqs', 'sqs-api', 'sns', 'sns-sqs', 'sns-raw-sqs', 'eventbridge', 'eventbridge-sqs', 'eventbridge-sns', 'eventbridge-sns-sqs']);
    expect(S3_EVENT_NAMES.length).toBeGreaterThan(20);
  });

  test('sqs-api gives a ReceiveMessage result; sns-raw-sqs an SQS body that is the S3 JSON itself', async () => {
    const api = JSON.parse((await cliInProcess(['generate', 'ObjectCreated:Put', '--road', 'sqs-api'])).stdout) as { Messages: Array<{ Body: string }> };
    expect(JSON.parse(api.Messages[0]?.Body ?? '')).toHaveProperty('Records');
    const raw = JSON.parse((await cliInProcess(['generate', 'ObjectCreated:Put', '--road', 'sns-raw-sqs'])).stdout) as { Records: Array<{ body: string }> };
    expect(JSON.parse(raw.Records[0]?.body ?? '')).toHaveProperty('Records');
  });
});

describe('tail (child process, against the local SQS server)', () => {
  async function queueWith(bodies: readonly string[]): Promise<string> {
    const sqs = sqsClient();
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: uniqueName('tail') }));
    for (const body of bodies) await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
    return QueueUrl ?? '';
  }

  async function counts(queueUrl: string): Promise<number> {
    const { Attributes } = await sqsClient().send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    return Number(Attributes?.['ApproximateNumberOfMessages']) + Number(Attributes?.['ApproximateNumberOfMessagesNotVisible']);
  }

  const env = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' };
  const bodies = [
    JSON.stringify(asS3Event(s3Record({ key: 'a b.txt' }))),
    JSON.stringify(testEvent()),
    'not json',
    JSON.stringify(asS3Event(s3Record({ key: 'c.txt', name: 'ObjectRemoved:Delete' }))),
  ];

  test('prints events as JSON lines as they arrive and deletes nothing without --ack', async () => {
    // Arrange
    const queueUrl = await queueWith(bodies);

    // Act
    const run = await cli(['tail', '--queue-url', queueUrl, '--endpoint', endpoint(), '--json', '--wait', '1', '--max-events', '2', '--timeout', '20'], { env });

    // Assert
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.filter((l) => l['kind'] === 'event').map((l) => [l['name'], l['key'], l['via']])).toEqual([
      ['ObjectCreated:Put', 'a b.txt', ['s3', 'sqs']],
      ['ObjectRemoved:Delete', 'c.txt', ['s3', 'sqs']],
    ]);
    expect(lines.filter((l) => l['kind'] === 'testEvent')).toHaveLength(1);
    expect(lines.find((l) => l['kind'] === 'failure')).toMatchObject({ code: 'INVALID_JSON', path: '[2].Body' });
    expect(await counts(queueUrl)).toBe(4);
  });

  test('--ack deletes the messages it printed, but never one it could not read', async () => {
    const queueUrl = await queueWith(bodies);
    const run = await cli(['tail', '--queue-url', queueUrl, '--endpoint', endpoint(), '--ack', '--wait', '1', '--max-events', '2', '--timeout', '20'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ObjectCreated:Put  s3://amzn-s3-demo-bucket/a b.txt');
    expect(run.stdout).toContain('s3:TestEvent for bucket');
    expect(run.stdout).toContain('FAILED INVALID_JSON');
    expect(run.stderr).toContain('2 events printed, 1 unreadable message');
    expect(await counts(queueUrl)).toBe(1);
  });

  test('Ctrl-C (SIGINT) stops a long poll cleanly, with the summary and exit status 0', async () => {
    const queueUrl = await queueWith([]);
    const run = await cli(['tail', '--queue-url', queueUrl, '--endpoint', endpoint(), '--wait', '20'], {
      env,
      interruptWhen: (stderr) => stderr.includes('Ctrl-C to stop'),
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('0 events printed, 0 unreadable messages');
  });

  test('stops at --timeout on a quiet queue', async () => {
    const queueUrl = await queueWith([]);
    const started = Date.now();
    const run = await cli(['tail', '--queue-url', queueUrl, '--endpoint', endpoint(), '--wait', '1', '--timeout', '1.5'], { env });
    expect(run.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(run.stderr).toContain('0 events printed');
  });
});
