/** ARN parsing for destinations and buckets. @module */

/**
 * The parts of an ARN: `arn:partition:service:region:account:resource`.
 *
 * @example
 * ```ts
 * import { parseArn } from 's3-event-kit/config';
 * parseArn('arn:aws:sqs:us-east-1:111122223333:uploads')?.resource; //=> 'uploads'
 * ```
 * @category Config
 */
export interface ParsedArn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/**
 * Splits an ARN into its parts, or `undefined` when the string is not an ARN.
 *
 * @example
 * ```ts
 * import { parseArn } from 's3-event-kit/config';
 * parseArn('arn:aws:s3:::my-bucket'); //=> { partition: 'aws', service: 's3', region: '', account: '', resource: 'my-bucket' }
 * parseArn('my-bucket'); //=> undefined
 * ```
 * @category Config
 */
export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition = '', service = '', region = '', account = ''] = parts;
  if (partition === '' || service === '') return undefined;
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

/**
 * The ARN of a bucket: `arn:aws:s3:::name` (or another partition).
 *
 * @example
 * ```ts
 * import { bucketArn } from 's3-event-kit/config';
 * bucketArn('my-bucket'); //=> 'arn:aws:s3:::my-bucket'
 * bucketArn('my-bucket', 'aws-cn'); //=> 'arn:aws-cn:s3:::my-bucket'
 * ```
 * @category Config
 */
export function bucketArn(bucket: string, partition = 'aws'): string {
  return `arn:${partition}:s3:::${bucket}`;
}

/**
 * The bucket name of a bucket ARN (or the input itself when it is not an ARN).
 *
 * @example
 * ```ts
 * import { bucketNameOf } from 's3-event-kit/config';
 * bucketNameOf('arn:aws:s3:::my-bucket'); //=> 'my-bucket'
 * ```
 * @category Config
 */
export function bucketNameOf(bucketOrArn: string): string {
  const parsed = parseArn(bucketOrArn);
  return parsed?.service === 's3' ? parsed.resource : bucketOrArn;
}

/** Whether a queue or topic ARN names a FIFO queue or topic (`….fifo`). @internal */
export function isFifoArn(arn: string): boolean {
  return arn.endsWith('.fifo');
}
