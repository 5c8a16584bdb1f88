import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { normalize } from 's3-event-kit';
import { expect, test } from 'vitest';
import { sqsClient, uniqueName } from '../setup/aws.js';

test('an S3 notification sent through the local SQS server comes back as a typed event', async () => {
  // Arrange
  const sqs = sqsClient();
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: uniqueName('roundtrip') }));
  const record = {
    eventVersion: '2.1', eventSource: 'aws:s3', awsRegion: 'us-east-1', eventTime: '2024-01-01T00:00:00.000Z',
    eventName: 'ObjectRemoved:Delete', userIdentity: { principalId: 'AWS:AIDAEXAMPLE' },
    requestParameters: { sourceIPAddress: '192.0.2.1' },
    responseElements: { 'x-amz-request-id': 'C3D13FE58DE4C810', 'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD' },
    s3: { s3SchemaVersion: '1.0', configurationId: 'c', bucket: { name: 'b', ownerIdentity: { principalId: 'A' }, arn: 'arn:aws:s3:::b' }, object: { key: 'a+b.txt', sequencer: '0055AED6DCD90281E5' } },
  };
  await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify({ Records: [record] }) }));

  // Act
  const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
  const [event] = normalize(received);

  // Assert
  expect(event).toMatchObject({ name: 'ObjectRemoved:Delete', key: 'a b.txt', rawKey: 'a+b.txt', via: ['s3', 'sqs'] });
  expect(event?.messageId).toBe(received.Messages?.[0]?.MessageId);
});
