/**
 * The Powertools recipe of docs/production.md, run for real: @aws-lambda-powertools/logger as the
 * subscription's logger (no adapter), a child logger per event, the Tracer around each handler
 * call, and Metrics fed by the metrics sink. What it writes is read back from stdout and stderr.
 */
import { asS3Event, asSqs, s3Record } from 's3-event-kit/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handler } from '../../docs/examples/recipe-powertools.js';

/** Runs `fn`, keeping every line written to stdout and stderr. */
async function captured<T>(fn: () => Promise<T>): Promise<{ result: T; lines: Array<Record<string, unknown>>; raw: string }> {
  const chunks: string[] = [];
  const keep = (chunk: unknown): boolean => {
    chunks.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(keep);
  vi.spyOn(process.stderr, 'write').mockImplementation(keep);
  const result = await fn();
  vi.restoreAllMocks();
  const raw = chunks.join('');
  const lines = raw
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { result, lines, raw };
}

describe('the Powertools recipe', () => {
  afterEach(() => vi.restoreAllMocks());

  it('logs the failure once as a Powertools line with the message id, bucket and key, per-event keys on the handler lines, and EMF metrics', async () => {
    // Arrange
    const event = asSqs([asS3Event(s3Record({ bucket: 'photos', key: 'cats/tom.jpg' })), asS3Event(s3Record({ bucket: 'photos', key: 'cats/bad.corrupt.jpg' }))]);
    const [good, bad] = event.Records;

    // Act
    const { result, lines } = await captured(() => handler(event));

    // Assert
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: bad?.messageId }] });
    const errors = lines.filter((line) => line['level'] === 'ERROR');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ service: 'thumbnailer', messageId: bad?.messageId, bucket: 'photos', key: 'cats/bad.corrupt.jpg', event: 'ObjectCreated:Put' });
    expect(errors[0]?.['message']).toContain('cannot decode s3://photos/cats/bad.corrupt.jpg');
    expect(JSON.stringify(errors[0])).not.toContain('receiptHandle'); // the error carries no record or body
    const infos = lines.filter((line) => line['message'] === 'making a thumbnail');
    expect(infos.map((line) => [line['key'], line['messageId']]).sort()).toEqual(
      [
        ['cats/bad.corrupt.jpg', bad?.messageId],
        ['cats/tom.jpg', good?.messageId],
      ].sort(),
    );
    const emf = lines.filter((line) => '_aws' in line);
    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({ MessagesHandled: 1, MessagesFailed: 1 });
    expect(emf[0]?.['HandlerDuration']).toHaveLength(2);
  });

  it('writes no message body through the Powertools Logger for a message that is not an S3 event', async () => {
    // Arrange
    const event = asSqs('customer secret 4111-1111-1111-1111');

    // Act
    const { result, raw, lines } = await captured(() => handler(event));

    // Assert
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[0]?.messageId }] });
    expect(lines.filter((line) => line['level'] === 'ERROR')).toHaveLength(1);
    expect(raw).not.toContain('4111');
  });
});
