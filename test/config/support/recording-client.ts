/**
 * Test doubles for AWS clients that have no local server here (S3, EventBridge): a `send` that
 * records every command and answers with recorded AWS responses (SDK v3 output shapes, with
 * `$metadata`) or throws recorded AWS errors (SDK v3 service exceptions).
 */
import { S3ServiceException } from '@aws-sdk/client-s3';

export interface RecordedCall {
  readonly name: string;
  readonly input: Record<string, unknown>;
}

type Answer = unknown | ((input: Record<string, unknown>) => unknown);

/** `$metadata` as the SDK attaches it to every output. */
export function metadata(httpStatusCode = 200): Record<string, unknown> {
  return { httpStatusCode, requestId: 'C3D13FE58DE4C810', extendedRequestId: 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD', attempts: 1, totalRetryDelay: 0 };
}

/**
 * A client whose `send` records commands and returns, per command class name, the next scripted
 * answer (the last one repeats). An answer that is an Error is thrown.
 */
export function recordingClient(script: Record<string, Answer[]>): { send: (command: unknown) => Promise<unknown>; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const queues = new Map(Object.entries(script).map(([name, answers]) => [name, [...answers]]));
  return {
    calls,
    async send(command: unknown) {
      const name = (command as { constructor: { name: string } }).constructor.name;
      const input = structuredClone((command as { input: Record<string, unknown> }).input);
      calls.push({ name, input });
      const queue = queues.get(name);
      if (queue === undefined || queue.length === 0) throw new Error(`unexpected command ${name}`);
      const answer = queue.length > 1 ? queue.shift() : queue[0];
      const value = typeof answer === 'function' ? (answer as (input: Record<string, unknown>) => unknown)(input) : answer;
      if (value instanceof Error) throw value;
      return structuredClone(value);
    },
  };
}

/**
 * A recorded S3 error, as the SDK throws it after parsing S3's XML error body (`Code`, `Message`,
 * `RequestId`, `HostId` and any extra elements become properties).
 */
export function s3Error(code: string, message: string, httpStatusCode: number, extra: Record<string, string> = {}): S3ServiceException {
  const error = new S3ServiceException({
    name: code,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: metadata(httpStatusCode),
    message,
  });
  return Object.assign(error, { Code: code, RequestId: 'C3D13FE58DE4C810', HostId: 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S', ...extra });
}

/**
 * The errors users report from PutBucketNotificationConfiguration (quoted from AWS responses in
 * minio/minio#2472, awslabs/aws-waf-security-automations#49 and the LocalStack AWS-validated
 * snapshots; see ../shared/research/event-shapes.md §8.3).
 */
export const RECORDED_ERRORS = {
  overlap: () =>
    s3Error('InvalidArgument', 'Configurations overlap. Configurations on the same bucket cannot share a common event type.', 400, {
      ArgumentName: 'Event',
      ArgumentValue: 'null',
    }),
  ambiguous: () =>
    s3Error(
      'InvalidArgument',
      'Configuration is ambiguously defined. Cannot have overlapping suffixes in two rules if the prefixes are overlapping for the same event type.',
      400,
    ),
  destination: () =>
    s3Error('InvalidArgument', 'Unable to validate the following destination configurations', 400, {
      ArgumentName1: 'arn:aws:sqs:us-east-1:111122223333:uploads',
      ArgumentValue1: 'Permissions on the destination queue do not allow S3 to publish notifications from this bucket',
    }),
  accessDenied: () => s3Error('AccessDenied', 'Access Denied', 403),
  noSuchBucket: () => s3Error('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: 'missing-bucket' }),
};

/** What S3 returns for a configuration it stores: filter rule names read back capitalised (`Prefix`). */
export function asS3Returns(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { $metadata: metadata() };
  for (const list of ['TopicConfigurations', 'QueueConfigurations', 'LambdaFunctionConfigurations'] as const) {
    const rules = config[list] as Record<string, unknown>[] | undefined;
    if (rules === undefined || rules.length === 0) continue;
    out[list] = rules.map((rule) => {
      const filterRules = (rule['Filter'] as { Key?: { FilterRules?: { Name: string; Value: string }[] } } | undefined)?.Key?.FilterRules;
      return {
        ...rule,
        ...(filterRules !== undefined && {
          Filter: {
            Key: { FilterRules: filterRules.map((r) => ({ Name: r.Name.charAt(0).toUpperCase() + r.Name.slice(1).toLowerCase(), Value: r.Value })) },
          },
        }),
      };
    });
  }
  if (config['EventBridgeConfiguration'] !== undefined) out['EventBridgeConfiguration'] = {};
  return out;
}

/**
 * An S3 client double that records commands and answers like S3 from one stored configuration:
 * Get returns it (in the recorded response shape), Put replaces it.
 */
export function fakeS3Bucket(initial: Record<string, unknown> = {}) {
  let stored: Record<string, unknown> = structuredClone(initial);
  const client = recordingClient({
    GetBucketNotificationConfigurationCommand: [() => asS3Returns(stored)],
    PutBucketNotificationConfigurationCommand: [
      (input: Record<string, unknown>) => {
        stored = structuredClone(input['NotificationConfiguration'] as Record<string, unknown>);
        return { $metadata: metadata() };
      },
    ],
  });
  return { client, stored: () => stored };
}
