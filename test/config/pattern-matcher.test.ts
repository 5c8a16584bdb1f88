/**
 * The local EventBridge pattern matcher against the examples AWS documents: the EventBridge user
 * guide ("Content filtering in Amazon EventBridge event patterns", "Comparison operators") and the
 * README of aws/event-ruler, the matching engine EventBridge runs.
 */
import { matchesEventPattern, type EventPattern } from 's3-event-kit/config';
import { describe, expect, test } from 'vitest';

/** The sample event of the Event Ruler README. */
const EC2_EVENT = {
  version: '0',
  id: 'ddddd4-aaaa-7777-4444-345dd43cc333',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '012345679012',
  time: '2017-10-02T16:24:49Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
  detail: {
    'c-count': 5,
    'd-count': 3,
    'x-limit': 301.8,
    'source-ip': '10.0.0.33',
    'instance-id': 'i-000000aaaaaa00000',
    state: 'running',
  },
};

const matches = (pattern: EventPattern, event: unknown = EC2_EVENT) => matchesEventPattern(pattern, event);

describe('matchesEventPattern: documented examples', () => {
  test('simple matching: every field must match, any value in a field may, event arrays intersect', () => {
    expect(
      matches({
        'detail-type': ['EC2 Instance State-change Notification'],
        resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
        detail: { state: ['initializing', 'running'] },
      }),
    ).toBe(true);
    expect(matches({ 'detail-type': ['EC2 Instance State-change Notification'], detail: { state: ['initializing'] } })).toBe(false);
    expect(matches({ source: ['aws.ec2', 'aws.fargate'] })).toBe(true);
  });

  test('a field the event lacks (or has with another nesting) does not match', () => {
    expect(matches({ detail: { missing: ['x'] } })).toBe(false);
    expect(matches({ state: ['running'] })).toBe(false);
  });

  test('prefix matching ("time" starts with "2017-10-02")', () => {
    expect(matches({ time: [{ prefix: '2017-10-02' }] })).toBe(true);
    expect(matches({ time: [{ prefix: '2017-10-03' }] })).toBe(false);
    expect(matches({ region: [{ prefix: 'eu-' }] })).toBe(false);
  });

  test('prefix matching only works on string values', () => {
    expect(matches({ detail: { 'c-count': [{ prefix: '5' }] } })).toBe(false);
  });

  test('suffix matching ("FileName" ends with ".png"; "source" ends with "ec2")', () => {
    expect(matches({ source: [{ suffix: 'ec2' }] })).toBe(true);
    expect(matches({ FileName: [{ suffix: '.png' }] }, { FileName: 'image.png' })).toBe(true);
    expect(matches({ FileName: [{ suffix: '.png' }] }, { FileName: 'image.jpg' })).toBe(false);
  });

  test('prefix and suffix with equals-ignore-case, and equals-ignore-case', () => {
    expect(matches({ detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } }, { detail: { service: 'eventbridge' } })).toBe(true);
    expect(matches({ detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } }, { detail: { FileName: 'A.PNG' } })).toBe(true);
    expect(matches({ Name: [{ 'equals-ignore-case': 'alice' }] }, { Name: 'Alice' })).toBe(true);
  });

  test('empty value matching ("LastName": [""])', () => {
    expect(matches({ LastName: [''] }, { LastName: '' })).toBe(true);
    expect(matches({ LastName: [''] }, { LastName: 'Doe' })).toBe(false);
  });

  test('wildcard matching ("Simple*Service"; "*/lib/*"), escapes and invalid wildcards', () => {
    expect(matches({ source: [{ wildcard: 'Simple*Service' }] }, { source: 'SimpleQueueService' })).toBe(true);
    expect(matches({ source: [{ wildcard: 'Simple*Service' }] }, { source: 'SimpleService' })).toBe(true);
    expect(matches({ source: [{ wildcard: 'Simple*Service' }] }, { source: 'SimpleQueueServices' })).toBe(false);
    expect(matches({ FilePath: [{ wildcard: '*/lib/*' }] }, { FilePath: 'node_modules/lib/index.js' })).toBe(true);
    expect(matches({ k: [{ wildcard: 'a\\*b' }] }, { k: 'a*b' })).toBe(true);
    expect(matches({ k: [{ wildcard: 'a\\*b' }] }, { k: 'axb' })).toBe(false);
    expect(matches({ k: [{ wildcard: 'a\\\\b' }] }, { k: 'a\\b' })).toBe(true);
    expect(matches({ k: [{ wildcard: 'a.b' }] }, { k: 'axb' })).toBe(false);
    expect(() => matches({ k: [{ wildcard: 'a**b' }] }, { k: 'ab' })).toThrow(/consecutive wildcard/);
    expect(() => matches({ k: [{ wildcard: 'a\\nb' }] }, { k: 'ab' })).toThrow(/backslash/);
  });

  test('anything-but: a value, a list of strings or numbers, a prefix, a suffix', () => {
    expect(matches({ detail: { state: [{ 'anything-but': 'initializing' }] } })).toBe(true);
    expect(matches({ detail: { state: [{ 'anything-but': 'running' }] } })).toBe(false);
    expect(matches({ detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } })).toBe(true);
    expect(matches({ detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } })).toBe(true);
    expect(matches({ detail: { 'x-limit': [{ 'anything-but': 123 }] } })).toBe(true);
    expect(matches({ detail: { state: [{ 'anything-but': { prefix: 'init' } }] } })).toBe(true);
    expect(matches({ detail: { state: [{ 'anything-but': { prefix: 'run' } }] } })).toBe(false);
    expect(matches({ FileName: [{ 'anything-but': { suffix: '.png' } }] }, { FileName: 'a.png' })).toBe(false);
    expect(matches({ source: [{ 'anything-but': { prefix: 'aws.' } }] })).toBe(false);
  });

  test('numeric matching ("c-count" > 0 <= 5, "d-count" < 10, "x-limit" = 3.018e2)', () => {
    expect(
      matches({
        detail: {
          'c-count': [{ numeric: ['>', 0, '<=', 5] }],
          'd-count': [{ numeric: ['<', 10] }],
          'x-limit': [{ numeric: ['=', 3.018e2] }],
        },
      }),
    ).toBe(true);
    expect(matches({ detail: { 'c-count': [{ numeric: ['>', 5] }] } })).toBe(false);
  });

  test('the complex example (prefix + anything-but + numeric) matches the sample event', () => {
    expect(
      matches({
        time: [{ prefix: '2017-10-02' }],
        detail: {
          state: [{ 'anything-but': 'initializing' }],
          'c-count': [{ numeric: ['>', 0, '<=', 5] }],
          'd-count': [{ numeric: ['<', 10] }],
          'x-limit': [{ 'anything-but': [100, 200, 300] }],
        },
      }),
    ).toBe(true);
  });

  test('exists matching works on leaf nodes only', () => {
    const pending = {
      version: '0',
      id: '7bf73129-1428-4cd3-a780-95db273d1602',
      'detail-type': 'EC2 Instance State-change Notification',
      source: 'aws.ec2',
      account: '123456789012',
      time: '2015-11-11T21:29:54Z',
      region: 'us-east-1',
      resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
      detail: { 'instance-id': 'i-abcd1111', state: 'pending' },
    };
    const withObject = {
      'detail-type': ['EC2 Instance State-change Notification'],
      resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-02ebd4584a2ebd341'],
      detail: { 'c-count': { c1: 100 } },
    };
    expect(matches({ detail: { state: [{ exists: true }] } }, pending)).toBe(true);
    expect(matches({ detail: { state: [{ exists: true }] } }, withObject)).toBe(false);
    // "c-count" is not a leaf node, so { exists: false } matches an event where it is an object.
    expect(matches({ detail: { 'c-count': [{ exists: false }] } }, withObject)).toBe(true);
    expect(matches({ detail: { 'c-count': [{ exists: false }] } })).toBe(false);
  });

  test('"$or" with two or more alternatives (Event Ruler README examples)', () => {
    const event = { source: 'aws.cloudwatch', metricName: 'CPUUtilization', namespace: 'AWS/Lambda', detail: { 'detail-type': 'CloudWatch Alarm State Change' } };
    const normal: EventPattern = {
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
    };
    expect(matches(normal, event)).toBe(true);
    expect(matches(normal, { ...event, metricName: 'Other' })).toBe(false);
    const parallel: EventPattern = {
      $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
      detail: { $or: [{ source: ['aws.cloudwatch'] }, { 'detail-type': ['CloudWatch Alarm State Change'] }] },
    };
    expect(matches(parallel, event)).toBe(true);
    const nested: EventPattern = {
      source: ['aws.cloudwatch'],
      $or: [
        { metricName: ['ReadLatency'] },
        { metricType: ['MetricType'], namespace: ['AWS/EC2', 'AWS/ES'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] },
        { scope: ['Service'] },
      ],
    };
    expect(matches(nested, { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/ES', spaceId: 1000 })).toBe(true);
    expect(matches(nested, { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/ES', spaceId: 999 })).toBe(false);
  });

  test('"$or" that is not an array of two or more objects is an ordinary field name', () => {
    expect(matches({ source: ['aws.cloudwatch'], $or: { metricType: ['MetricType'] } } as unknown as EventPattern, { source: 'aws.cloudwatch', $or: { metricType: 'MetricType' } })).toBe(true);
  });

  test('numbers and strings are different values; exact numbers compare numerically', () => {
    expect(matches({ detail: { 'c-count': ['5'] } })).toBe(false);
    expect(matches({ detail: { 'c-count': [5] } })).toBe(true);
    expect(matches({ detail: { 'x-limit': [3.018e2] } })).toBe(true);
  });

  test('arrays of objects in the event are searched element by element', () => {
    expect(matches({ items: { kind: ['b'] } }, { items: [{ kind: 'a' }, { kind: 'b' }] })).toBe(true);
  });

  test('accepts JSON text for both arguments, and throws on unsupported operators instead of guessing', () => {
    expect(matchesEventPattern(JSON.stringify({ source: ['aws.ec2'] }), JSON.stringify(EC2_EVENT))).toBe(true);
    expect(() => matches({ detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } } as unknown as EventPattern)).toThrow(/cidr/);
    expect(() => matches({ source: [] })).toThrow(/empty condition list/);
    expect(() => matches({ source: 'aws.ec2' } as unknown as EventPattern)).toThrow(/must map to an array or an object/);
  });
});
