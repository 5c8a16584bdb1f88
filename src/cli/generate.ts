/** `s3-event-kit generate <eventName> --road <road> …`: an exact AWS payload from the testing factories. @internal @module */
import { parseArgs } from 'node:util';
import { isS3EventName, S3_EVENT_NAMES } from '../events/names.js';
import { closest } from '../suggest.js';
import { isS3EventFactoryError } from '../testing/errors.js';
import { deliver, type DeliverOptions, type S3Road } from '../testing/roads.js';
import { s3Record, type S3RecordOptions } from '../testing/s3-record.js';
import { EXIT, UsageError, type CliIo } from './io.js';

/** The CLI's road names: what each stands for, and how `deliver()` builds it. */
export const CLI_ROADS: Readonly<Record<string, { readonly road: S3Road; readonly options?: DeliverOptions; readonly what: string }>> = {
  s3: { road: ['s3'], what: 'S3 invokes Lambda' },
  sqs: { road: ['s3', 'sqs'], what: 'S3 → SQS, as Lambda receives it (Records)' },
  'sqs-api': { road: ['s3', 'sqs'], options: { sqs: { shape: 'api' } }, what: 'S3 → SQS, as ReceiveMessage returns it (Messages)' },
  sns: { road: ['s3', 'sns'], what: 'S3 → SNS → Lambda' },
  'sns-sqs': { road: ['s3', 'sns', 'sqs'], what: 'S3 → SNS → SQS → Lambda' },
  'sns-raw-sqs': { road: ['s3', 'sqs'], options: { rawSns: true }, what: 'S3 → SNS (raw delivery) → SQS → Lambda' },
  eventbridge: { road: ['eventbridge'], what: 'EventBridge rule → Lambda' },
  'eventbridge-sqs': { road: ['eventbridge', 'sqs'], what: 'EventBridge rule → SQS → Lambda' },
  'eventbridge-sns': { road: ['eventbridge', 'sns'], what: 'EventBridge rule → SNS → Lambda' },
  'eventbridge-sns-sqs': { road: ['eventbridge', 'sns', 'sqs'], what: 'EventBridge rule → SNS → SQS → Lambda' },
};

/**
 * The CLI road nearest to a mistyped one: a typo (\`sns-sq\`), or the road written the way
 * \`ParseOptions.roads\` and \`event.via\` write it (\`s3,sns,sqs\`, \`s3/sns/sqs\`, \`s3 → sqs\`,
 * \`eventbridge-sqs\` with \`s3\` first or not), which names the same CLI road as its steps.
 */
export function nearestRoad(given: string): string | undefined {
  const steps = given.toLowerCase().split(/\s*(?:→|->|[-/,>\s])\s*/).filter((step) => step !== '');
  const withOrigin = steps[0] === 's3' || steps[0] === 'eventbridge' ? steps : ['s3', ...steps];
  const via = withOrigin.join('/');
  const same = Object.entries(CLI_ROADS).find(([, { road, options }]) => options === undefined && road.join('/') === via);
  return same?.[0] ?? closest(given, Object.keys(CLI_ROADS));
}

export const GENERATE_HELP = `Usage: s3-event-kit generate <eventName> --road <road> [--bucket b] [--key k] [options]

Prints the exact AWS payload an S3 event has when it reaches your code by <road> (like
"sam local generate-event", for every road), built by the s3-event-kit/testing factories.
<eventName> is a record name such as ObjectCreated:Put (an "s3:" prefix is accepted). The key is
given decoded and written URL-encoded, as S3 does ("red flower.jpg" → "red+flower.jpg").

Roads:
${Object.entries(CLI_ROADS)
  .map(([name, { what }]) => `  ${name.padEnd(20)}${what}`)
  .join('\n')}

Options:
  --road <road>          required, one of the roads above
  --bucket <name>        bucket name (default amzn-s3-demo-bucket)
  --key <key>            object key, decoded (default photos/2024/red flower.jpg)
  --size <bytes>         object size (ObjectCreated)
  --etag <etag>          entity tag, without quotes
  --version-id <id>      object version id
  --sequencer <hex>      sequencer
  --region <region>      the bucket's Region (default us-east-1)
  --time <iso>           event time (default: now)
  --message-id <id>      SQS/SNS message id
  --compact              one line of JSON instead of indented JSON
  -h, --help             show this help

Examples:
  s3-event-kit generate ObjectCreated:Put --road sns-sqs --bucket photos --key "red flower.jpg"
  s3-event-kit generate ObjectRemoved:Delete --road eventbridge-sqs --key old.txt --compact
`;

/** Runs `generate` with its arguments (after the command name). */
export async function generate(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      road: { type: 'string' },
      bucket: { type: 'string' },
      key: { type: 'string' },
      size: { type: 'string' },
      etag: { type: 'string' },
      'version-id': { type: 'string' },
      sequencer: { type: 'string' },
      region: { type: 'string' },
      time: { type: 'string' },
      'message-id': { type: 'string' },
      compact: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.stdout.write(GENERATE_HELP);
    return EXIT.ok;
  }
  const [given, ...extra] = positionals;
  if (given === undefined) throw new UsageError('generate needs an event name, e.g. ObjectCreated:Put');
  if (extra.length > 0) throw new UsageError(`generate takes one event name, got also ${extra.join(' ')}`);
  const name = given.startsWith('s3:') ? given.slice(3) : given;
  if (!isS3EventName(name)) {
    const family = name.split(':')[0] ?? '';
    const near = S3_EVENT_NAMES.filter((n) => n.startsWith(family));
    throw new UsageError(`unknown event name ${JSON.stringify(given)}; ${near.length > 0 ? `did you mean ${near.join(', ')}?` : `names are ${S3_EVENT_NAMES.join(', ')}`}`);
  }
  if (values.road === undefined) throw new UsageError(`generate needs --road, one of ${Object.keys(CLI_ROADS).join(', ')}`);
  const road = Object.hasOwn(CLI_ROADS, values.road) ? CLI_ROADS[values.road] : undefined;
  if (road === undefined) {
    const near = nearestRoad(values.road);
    throw new UsageError(
      `unknown road ${JSON.stringify(values.road)}; ${near === undefined ? '' : `did you mean "${near}"? `}roads are ${Object.keys(CLI_ROADS).join(', ')}`,
    );
  }

  let size: number | undefined;
  if (values.size !== undefined) {
    size = Number(values.size);
    if (!Number.isSafeInteger(size) || size < 0) throw new UsageError(`--size must be a whole number of bytes, got ${values.size}`);
  }
  const options: S3RecordOptions = {
    name,
    ...(values.bucket === undefined ? {} : { bucket: values.bucket }),
    ...(values.key === undefined ? {} : { key: values.key }),
    ...(size === undefined ? {} : { size }),
    ...(values.etag === undefined ? {} : { eTag: values.etag }),
    ...(values['version-id'] === undefined ? {} : { versionId: values['version-id'] }),
    ...(values.sequencer === undefined ? {} : { sequencer: values.sequencer }),
    ...(values.region === undefined ? {} : { region: values.region }),
    ...(values.time === undefined ? {} : { time: values.time }),
  };
  const messageId = values['message-id'];
  const hops: DeliverOptions = {
    ...road.options,
    ...(messageId === undefined ? {} : { sqs: { ...road.options?.sqs, messageId }, sns: { messageId }, eventBridge: { id: messageId } }),
  };
  let payload: unknown;
  try {
    payload = deliver(s3Record(options), road.road, hops);
  } catch (error) {
    if (isS3EventFactoryError(error)) throw new UsageError(error.message);
    throw error;
  }
  io.stdout.write(`${values.compact ? JSON.stringify(payload) : JSON.stringify(payload, null, 2)}\n`);
  return EXIT.ok;
}
