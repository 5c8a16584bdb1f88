import { decodeKey } from 's3-event-kit';
import { keyFilter, notificationConfig, validateNotificationConfig } from 's3-event-kit/config';
import { describe, expect, test } from 'vitest';

const QUEUE = 'arn:aws:sqs:us-east-1:111122223333:uploads';
const TOPIC = 'arn:aws:sns:us-east-1:111122223333:deletes';
const FUNCTION = 'arn:aws:lambda:us-east-1:111122223333:function:thumbs';

describe('notificationConfig()', () => {
  test('builds the SDK shape with only the lists that have rules', () => {
    const config = notificationConfig()
      .queue({ id: 'uploads', queueArn: QUEUE, events: ['s3:ObjectCreated:*'], prefix: 'uploads/' })
      .topic({ id: 'deletes', topicArn: TOPIC, events: ['s3:ObjectRemoved:*'] })
      .lambda({ id: 'thumbs', functionArn: FUNCTION, events: ['s3:ObjectCreated:Put'], prefix: 'images/', suffix: '.jpg' })
      .eventBridge()
      .build();

    expect(config).toEqual({
      QueueConfigurations: [
        { Id: 'uploads', QueueArn: QUEUE, Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'uploads/' }] } } },
      ],
      TopicConfigurations: [{ Id: 'deletes', TopicArn: TOPIC, Events: ['s3:ObjectRemoved:*'] }],
      LambdaFunctionConfigurations: [
        {
          Id: 'thumbs',
          LambdaFunctionArn: FUNCTION,
          Events: ['s3:ObjectCreated:Put'],
          Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'images/' }, { Name: 'suffix', Value: '.jpg' }] } },
        },
      ],
      EventBridgeConfiguration: {},
    });
    expect(validateNotificationConfig(config)).toEqual([]);
  });

  test('an empty builder builds an empty configuration (which turns notifications off)', () => {
    expect(notificationConfig().build()).toEqual({});
  });

  test('is immutable: each method returns a new builder', () => {
    const base = notificationConfig();
    const withQueue = base.queue({ id: 'q', queueArn: QUEUE, events: ['s3:ObjectCreated:*'] });
    expect(base.build()).toEqual({});
    expect(withQueue.build().QueueConfigurations).toHaveLength(1);
    const built = withQueue.build();
    built.QueueConfigurations?.[0]?.Events?.push('s3:ObjectRemoved:*');
    expect(withQueue.build().QueueConfigurations?.[0]?.Events).toEqual(['s3:ObjectCreated:*']);
  });

  test('encodes filter values the way S3 encodes keys: space → +, = → %3D, + → %2B, / kept', () => {
    const config = notificationConfig()
      .queue({ id: 'q', queueArn: QUEUE, events: ['s3:ObjectCreated:*'], prefix: 'year=2025/my photos/', suffix: 'a+b.jpg' })
      .build();
    expect(config.QueueConfigurations?.[0]?.Filter?.Key?.FilterRules).toEqual([
      { Name: 'prefix', Value: 'year%3D2025/my+photos/' },
      { Name: 'suffix', Value: 'a%2Bb.jpg' },
    ]);
  });

  test('encoded filter values decode back to the given key parts', () => {
    for (const part of ['café/', 'a b=c', '日本/', 'x+y', '(1)!']) {
      const value = keyFilter({ prefix: part })?.Key?.FilterRules?.[0]?.Value ?? '';
      expect(decodeKey(value)).toBe(part);
    }
  });

  test('encode: false writes already-encoded values as given', () => {
    expect(keyFilter({ prefix: 'year%3D2025/', encode: false })).toEqual({ Key: { FilterRules: [{ Name: 'prefix', Value: 'year%3D2025/' }] } });
  });

  test('an empty prefix or suffix adds no filter rule', () => {
    expect(keyFilter({ prefix: '', suffix: '' })).toBeUndefined();
  });
});
