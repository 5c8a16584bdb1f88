/** SDK clients pointed at the local server started by `global-setup.ts`. */
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { inject } from 'vitest';

const common = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
} as const;

/** The local server's address, e.g. `http://127.0.0.1:41234`. */
export function endpoint(): string {
  return inject('sqsEndpoint');
}

export function sqsClient(url: string = endpoint()): SQSClient {
  return new SQSClient({ ...common, endpoint: url });
}

export function snsClient(url: string = endpoint()): SNSClient {
  return new SNSClient({ ...common, endpoint: url });
}

/** An S3 client for the same server (fauxqs also emulates S3; path-style addressing). */
export function s3Client(url: string = endpoint()): S3Client {
  return new S3Client({ ...common, endpoint: url, forcePathStyle: true });
}

/** A name no other test uses, so tests sharing the server cannot disturb each other. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
