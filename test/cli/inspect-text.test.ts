/**
 * `inspect` reading what console.log prints in CloudWatch (util.inspect text, with the Lambda log
 * prefix), the parser's round trip (property test), and the CLI's --version and "did you mean".
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { inspect as nodeInspect } from 'node:util';
import { encodeKey } from 's3-event-kit';
import { describe, expect, it } from 'vitest';
import { nearestRoad } from '../../src/cli/generate.js';
import { readInspected } from '../../src/cli/inspect-text.js';
import { VERSION } from '../../src/cli/main.js';
import { cli, cliInProcess } from './run.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const fixture = (name: string): Json => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as Json;

/** What `console.log('event', event)` writes to CloudWatch Logs from a Node.js Lambda function. */
const logged = (event: unknown, options?: Parameters<typeof nodeInspect>[1]) =>
  `2024-01-01T00:00:00.000Z\t6f1b2c3d-0000-4000-8000-000000000000\tINFO\tevent ${nodeInspect(event, options)}\n`;

const FULL = { depth: Infinity, maxArrayLength: Infinity, maxStringLength: Infinity } as const;

describe('inspect reads console.log output (util.inspect text)', () => {
  it('a complete SQS event at default depth: the body is a string, so the events are all there', async () => {
    const event = fixture('powertools-python__s3SqsEvent.json');
    const run = await cliInProcess(['inspect'], logged(event));
    expect(run.stdout).toContain('input: SQS event for Lambda (1 record), printed by util.inspect (console.log)');
    expect(run.stdout).toContain('ObjectCreated:Put  s3://xxx/test.pdf');
    // attributes is cut to [Object] at the default depth: said, but it does not matter here.
    expect(run.stdout).toContain('incomplete: util.inspect (console.log) cut the logged event short at Records[0].attributes ([Object])');
    expect(run.code).toBe(0);
  });

  it.each([
    'powertools-python__s3Event.json',
    'aws-lambda-dotnet__s3-event.json',
    'powertools-python__s3EventBridgeNotificationObjectCreatedEvent.json',
    'powertools-python__snsSqsEvent.json',
  ])('%s logged in full (depth: Infinity) reads as its JSON does', async (name) => {
    const event = fixture(name);
    const fromJson = JSON.parse((await cliInProcess(['inspect', '--json'], JSON.stringify(event))).stdout) as Json;
    const run = await cliInProcess(['inspect', '--json'], logged(event, { depth: Infinity }));
    const fromText = JSON.parse(run.stdout) as Json;
    expect(fromText['format']).toBe('util.inspect');
    expect(fromText['truncated']).toEqual([]);
    expect(fromText['messages']).toEqual(fromJson['messages']);
    expect(fromText['roads']).toEqual(fromJson['roads']);
  });

  it('a direct S3 event at default depth is cut short: says where and how to log it whole, exit 1', async () => {
    const event = fixture('powertools-python__s3Event.json');
    event['Records'][0].s3.object.key = encodeKey("it's a b+c 100% café.txt");
    const run = await cliInProcess(['inspect'], logged(event));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('cut the logged event short at Records[0].userIdentity ([Object])');
    expect(run.stdout).toContain('Records[0].s3 ([Object])');
    expect(run.stdout).toContain('Log the whole event as JSON instead: console.log(JSON.stringify(event))');

    const json = JSON.parse((await cliInProcess(['inspect', '--json'], logged(event))).stdout) as Json;
    expect(json['truncated']).toContainEqual({ path: 'Records[0].s3', marker: '[Object]' });
    expect(json['advice']).toBe('log the whole event as JSON: console.log(JSON.stringify(event))');

    // Logged whole, the same event reads, its key (quotes and all) intact.
    const whole = await cliInProcess(['inspect'], logged(event, { depth: Infinity }));
    expect(whole.stdout).toContain("ObjectCreated:Put  s3://lambda-artifacts-deafc19498e3f2df/it's a b+c 100% café.txt");
  });

  it('says so for "... more items" and "... more characters" too', () => {
    const many = { Records: Array.from({ length: 120 }, (_, i) => ({ i })) };
    expect(readInspected(nodeInspect(many, { depth: Infinity }))?.truncations).toEqual([{ path: 'Records[100]', marker: '... 20 more items' }]);
    const long = { body: 'x'.repeat(10_005) };
    const read = readInspected(nodeInspect(long));
    expect(read?.truncations).toEqual([{ path: 'body', marker: '... 5 more characters' }]);
    expect((read?.value as Json)['body']).toHaveLength(10_000);
  });

  it('as a child process, from standard input, multi-line with the log prefix', async () => {
    const event = fixture('powertools-python__s3SqsEvent.json');
    const run = await cli(['inspect'], { input: logged(event) });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ObjectCreated:Put  s3://xxx/test.pdf');
  });

  it('reads escapes, quotes of every kind, special numbers and an own __proto__ key; never evaluates', () => {
    const value = { a: "it's", b: 'say "hi"', c: `both ' and "`, d: '\u0001\n\t\x7f\\', n: [-0, 1e21, 1.5, -3], u: undefined, t: true, f: false, z: null };
    expect(readInspected(nodeInspect(value))?.value).toEqual(value);
    const proto = JSON.parse('{"__proto__":{"polluted":1}}') as Json;
    const read = readInspected(nodeInspect(proto))?.value as Json;
    expect(Object.getOwnPropertyNames(read)).toEqual(['__proto__']);
    expect(({} as Json)['polluted']).toBeUndefined();
    expect(readInspected('{ a: process.exit(1) }')).toBeUndefined();
    expect(readInspected('{ a: [Function: f] }')).toBeUndefined();
    expect(readInspected('no value here')).toBeUndefined();
    expect(readInspected('{ a: 1')).toBeUndefined();
    expect(readInspected(`${'['.repeat(10_000)}`)).toBeUndefined();
  });

  it('property: util.inspect(x) with no limits reads back as x, for JSON-like x and any breakLength', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 20, 80, Infinity), fc.boolean(), (x, breakLength, compact) => {
        const text = nodeInspect(x, { ...FULL, breakLength, compact: compact ? 3 : false });
        const read = readInspected(text);
        if (typeof x === 'object' && x !== null) {
          expect(read?.truncations).toEqual([]);
          expect(read?.value).toEqual(x);
        }
      }),
      { numRuns: 500 },
    );
  });
});

it('property: multi-line strings with quotes and escapes, split by util.inspect across lines, read back whole', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', "'", '"', '`', '\\', '\t', 'é', '\u0001'), maxLength: 200 });
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.array(text, { maxLength: 4 }), { maxKeys: 4 }), fc.constantFrom(0, 20, 80), (x, breakLength) => {
      expect(readInspected(`2024-01-01T00:00:00.000Z\tid\tINFO\tevent ${nodeInspect(x, { ...FULL, breakLength })}\nEND RequestId: id`)?.value).toEqual(x);
    }),
    { numRuns: 300 },
  );
});

describe('--version and "did you mean"', () => {
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
    for (const flag of ['--version', '-v']) expect(await cliInProcess([flag])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    expect((await cli(['--version'])).stdout).toBe(`${pkg.version}\n`);
  });

  it('an unknown command suggests the nearest one, or lists them', async () => {
    expect((await cliInProcess(['inspcet'])).stderr).toContain('unknown command "inspcet"; did you mean "inspect"?');
    expect((await cliInProcess(['generat'])).stderr).toContain('did you mean "generate"?');
    expect((await cliInProcess(['deploy'])).stderr).toContain('unknown command "deploy"; commands are inspect, generate, tail');
    expect((await cliInProcess(['toString'])).stderr).toContain('unknown command "toString"');
  });

  it('an unknown road suggests the CLI name, for typos and for roads written as ParseOptions.roads / event.via write them', async () => {
    expect(nearestRoad('sns-sq')).toBe('sns-sqs');
    expect(nearestRoad('evenbridge')).toBe('eventbridge');
    expect(nearestRoad('s3,sns,sqs')).toBe('sns-sqs');
    expect(nearestRoad('s3/sqs')).toBe('sqs');
    expect(nearestRoad('s3 → sns → sqs')).toBe('sns-sqs');
    expect(nearestRoad('eventbridge,sqs')).toBe('eventbridge-sqs');
    expect(nearestRoad('carrier-pigeon')).toBeUndefined();
    const run = await cliInProcess(['generate', 'ObjectCreated:Put', '--road', 's3,sns,sqs']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown road "s3,sns,sqs"; did you mean "sns-sqs"? roads are s3, sqs, sqs-api');
    expect((await cliInProcess(['generate', 'ObjectCreated:Put', '--road', 'constructor'])).code).toBe(2);
  });
});
