import fc from 'fast-check';
import {
  S3_CONFIG_EVENT_NAMES,
  cleanNotificationConfig,
  diffNotificationConfigs,
  mergeNotificationConfig,
  notificationConfig,
  summarizeRule,
  type NotificationRuleKind,
  type S3NotificationConfiguration,
} from 's3-event-kit/config';
import { describe, expect, test } from 'vitest';

const QUEUE = 'arn:aws:sqs:us-east-1:111122223333:uploads';
const FUNCTION = 'arn:aws:lambda:us-east-1:111122223333:function:thumbs';

describe('mergeNotificationConfig', () => {
  const current: S3NotificationConfiguration = {
    LambdaFunctionConfigurations: [{ Id: 'thumbs', LambdaFunctionArn: FUNCTION, Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'Suffix', Value: '.jpg' }] } } }],
    QueueConfigurations: [{ Id: 'uploads', QueueArn: QUEUE, Events: ['s3:ObjectRemoved:*'] }],
    EventBridgeConfiguration: {},
  };

  test('adds a new rule and keeps every other rule and EventBridge', () => {
    const change = notificationConfig()
      .topic({ id: 'restores', topicArn: 'arn:aws:sns:us-east-1:111122223333:restores', events: ['s3:ObjectRestore:*'] })
      .build();
    const { config, diff } = mergeNotificationConfig(current, change);
    expect(config.LambdaFunctionConfigurations).toEqual([
      { Id: 'thumbs', LambdaFunctionArn: FUNCTION, Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'suffix', Value: '.jpg' }] } } },
    ]);
    expect(config.QueueConfigurations).toEqual(current.QueueConfigurations);
    expect(config.TopicConfigurations).toEqual(change.TopicConfigurations);
    expect(config.EventBridgeConfiguration).toEqual({});
    expect(diff).toMatchObject({ changed: true, eventBridge: 'unchanged', replaced: [], removed: [] });
    expect(diff.added.map((r) => r.id)).toEqual(['restores']);
    expect(diff.kept.map((r) => r.id)).toEqual(['uploads', 'thumbs']);
  });

  test('replaces a rule with the same Id in place', () => {
    const change = notificationConfig().queue({ id: 'uploads', queueArn: QUEUE, events: ['s3:ObjectRemoved:Delete'] }).build();
    const { config, diff } = mergeNotificationConfig(current, change);
    expect(config.QueueConfigurations).toEqual([{ Id: 'uploads', QueueArn: QUEUE, Events: ['s3:ObjectRemoved:Delete'] }]);
    expect(diff.replaced).toEqual([
      {
        before: { kind: 'queue', id: 'uploads', arn: QUEUE, events: ['s3:ObjectRemoved:*'], prefix: undefined, suffix: undefined },
        after: { kind: 'queue', id: 'uploads', arn: QUEUE, events: ['s3:ObjectRemoved:Delete'], prefix: undefined, suffix: undefined },
      },
    ]);
  });

  test('an Id that moves to another kind of destination leaves its old list', () => {
    const change = notificationConfig()
      .topic({ id: 'uploads', topicArn: 'arn:aws:sns:us-east-1:111122223333:uploads', events: ['s3:ObjectRemoved:*'] })
      .build();
    const { config, diff } = mergeNotificationConfig(current, change);
    expect(config.QueueConfigurations).toBeUndefined();
    expect(config.TopicConfigurations?.map((r) => r.Id)).toEqual(['uploads']);
    expect(diff.replaced.map((r) => [r.before.kind, r.after.kind])).toEqual([['queue', 'topic']]);
  });

  test('the same change merged again changes nothing (idempotent), whatever the order of events', () => {
    const change = notificationConfig().queue({ id: 'uploads', queueArn: QUEUE, events: ['s3:ObjectRemoved:*'] }).build();
    expect(mergeNotificationConfig(current, change).diff.changed).toBe(false);
    const reordered = { LambdaFunctionConfigurations: [{ ...current.LambdaFunctionConfigurations![0]!, Events: ['s3:ObjectCreated:*', 's3:ObjectCreated:*'] }] };
    expect(mergeNotificationConfig(current, reordered).diff.changed).toBe(false);
  });

  test('remove drops rules by Id; replace mode is explicit and drops everything else, EventBridge included', () => {
    expect(mergeNotificationConfig(current, {}, { remove: ['uploads'] }).diff.removed.map((r) => r.id)).toEqual(['uploads']);
    const replaced = mergeNotificationConfig(current, notificationConfig().queue({ id: 'q', queueArn: QUEUE, events: ['s3:ObjectCreated:*'] }).build(), { mode: 'replace' });
    expect(replaced.config).toEqual({ QueueConfigurations: [{ Id: 'q', QueueArn: QUEUE, Events: ['s3:ObjectCreated:*'] }] });
    expect(replaced.diff.eventBridge).toBe('disabled');
    expect(replaced.diff.removed.map((r) => r.id).sort()).toEqual(['thumbs', 'uploads']);
  });

  test('a change rule without an Id cannot be merged', () => {
    expect(() => mergeNotificationConfig(current, { QueueConfigurations: [{ QueueArn: QUEUE, Events: ['s3:ObjectCreated:*'] }] })).toThrow(
      expect.objectContaining({ name: 'S3ConfigError', code: 'MISSING_RULE_ID' }),
    );
  });

  test('cleanNotificationConfig drops $metadata and empty lists and lower-cases filter names', () => {
    expect(
      cleanNotificationConfig({
        $metadata: { httpStatusCode: 200 },
        QueueConfigurations: [],
        TopicConfigurations: [{ Id: 't', TopicArn: 'arn:aws:sns:us-east-1:1:t', Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'Prefix', Value: 'a/' }] } } }],
      } as S3NotificationConfiguration),
    ).toEqual({ TopicConfigurations: [{ Id: 't', TopicArn: 'arn:aws:sns:us-east-1:1:t', Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'a/' }] } } }] });
  });

  test('diffNotificationConfigs reports EventBridge being switched on', () => {
    expect(diffNotificationConfigs({}, { EventBridgeConfiguration: {} })).toMatchObject({ changed: true, eventBridge: 'enabled' });
    expect(diffNotificationConfigs({}, {})).toMatchObject({ changed: false, eventBridge: 'unchanged' });
  });
});

// ---- property tests ----------------------------------------------------------------------

const KIND_INFO = {
  queue: { list: 'QueueConfigurations', arn: 'QueueArn', service: 'sqs', resource: (n: string) => n },
  topic: { list: 'TopicConfigurations', arn: 'TopicArn', service: 'sns', resource: (n: string) => n },
  lambda: { list: 'LambdaFunctionConfigurations', arn: 'LambdaFunctionArn', service: 'lambda', resource: (n: string) => `function:${n}` },
} as const;

interface GenRule {
  kind: NotificationRuleKind;
  id: string | undefined;
  name: string;
  events: string[];
  prefix: string | undefined;
  suffix: string | undefined;
  capitalised: boolean;
}

const ruleArb = (ids: fc.Arbitrary<string | undefined>) =>
  fc.record<GenRule>({
    kind: fc.constantFrom<NotificationRuleKind>('queue', 'topic', 'lambda'),
    id: ids,
    name: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
    events: fc.uniqueArray(fc.constantFrom(...S3_CONFIG_EVENT_NAMES), { minLength: 1, maxLength: 4 }),
    prefix: fc.option(fc.stringMatching(/^[a-z0-9/%+._-]{1,8}$/), { nil: undefined }),
    suffix: fc.option(fc.stringMatching(/^[a-z0-9.%+_-]{1,6}$/), { nil: undefined }),
    capitalised: fc.boolean(),
  });

function toConfig(rules: readonly GenRule[], eventBridge: boolean): S3NotificationConfiguration {
  const config: Record<string, unknown[]> & { EventBridgeConfiguration?: object } = {};
  for (const rule of rules) {
    const info = KIND_INFO[rule.kind];
    const filterRules = [
      ...(rule.prefix !== undefined ? [{ Name: rule.capitalised ? 'Prefix' : 'prefix', Value: rule.prefix }] : []),
      ...(rule.suffix !== undefined ? [{ Name: rule.capitalised ? 'Suffix' : 'suffix', Value: rule.suffix }] : []),
    ];
    (config[info.list] ??= []).push({
      ...(rule.id !== undefined && { Id: rule.id }),
      [info.arn]: `arn:aws:${info.service}:us-east-1:111122223333:${info.resource(rule.name)}`,
      Events: [...rule.events],
      ...(filterRules.length > 0 && { Filter: { Key: { FilterRules: filterRules } } }),
    });
  }
  if (eventBridge) config.EventBridgeConfiguration = {};
  return config as S3NotificationConfiguration;
}

/** Existing rules (some without Id, as S3 stores them when none was given) and a change with Ids. */
const scenario = fc
  .record({
    existing: fc.uniqueArray(ruleArb(fc.option(fc.stringMatching(/^[a-z]{1,3}$/), { nil: undefined })), {
      maxLength: 8,
      selector: (rule) => rule.id ?? Symbol(),
    }),
    change: fc.uniqueArray(ruleArb(fc.stringMatching(/^[a-z]{1,3}$/)), { maxLength: 4, selector: (rule) => rule.id }),
    eventBridge: fc.boolean(),
    changeEventBridge: fc.boolean(),
  })
  .map(({ existing, change, eventBridge, changeEventBridge }) => ({
    existing,
    change,
    current: toConfig(existing, eventBridge),
    changeConfig: toConfig(change, changeEventBridge),
    eventBridge,
    changeEventBridge,
  }));

function summariesOf(config: S3NotificationConfiguration) {
  const out: ReturnType<typeof summarizeRule>[] = [];
  for (const kind of ['queue', 'topic', 'lambda'] as const) {
    for (const rule of (config[KIND_INFO[kind].list] ?? []) as Parameters<typeof summarizeRule>[1][]) out.push(summarizeRule(kind, rule));
  }
  return out;
}

describe('mergeNotificationConfig (property tests)', () => {
  test('keeps every unrelated rule of a random existing configuration, in order and unchanged', () => {
    fc.assert(
      fc.property(scenario, ({ current, changeConfig, change }) => {
        const changeIds = new Set(change.map((rule) => rule.id));
        const { config } = mergeNotificationConfig(current, changeConfig);
        for (const kind of ['queue', 'topic', 'lambda'] as const) {
          const list = KIND_INFO[kind].list;
          const before = ((current[list] ?? []) as Parameters<typeof summarizeRule>[1][])
            .filter((rule) => rule.Id === undefined || !changeIds.has(rule.Id))
            .map((rule) => summarizeRule(kind, rule));
          const after = ((config[list] ?? []) as Parameters<typeof summarizeRule>[1][])
            .filter((rule) => rule.Id === undefined || !changeIds.has(rule.Id))
            .map((rule) => summarizeRule(kind, rule));
          expect(after).toEqual(before);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('contains every rule of the change, and no other rule with its Ids', () => {
    fc.assert(
      fc.property(scenario, ({ current, changeConfig, change }) => {
        const changeIds = new Set(change.map((rule) => rule.id));
        const merged = summariesOf(mergeNotificationConfig(current, changeConfig).config);
        expect(merged.filter((rule) => rule.id !== undefined && changeIds.has(rule.id))).toEqual(
          expect.arrayContaining(summariesOf(changeConfig)),
        );
        expect(merged.filter((rule) => rule.id !== undefined && changeIds.has(rule.id))).toHaveLength(changeIds.size);
      }),
      { numRuns: 300 },
    );
  });

  test('keeps EventBridgeConfiguration whenever it was on', () => {
    fc.assert(
      fc.property(scenario, ({ current, changeConfig, eventBridge, changeEventBridge }) => {
        const { config, diff } = mergeNotificationConfig(current, changeConfig);
        expect(config.EventBridgeConfiguration !== undefined).toBe(eventBridge || changeEventBridge);
        expect(diff.eventBridge).toBe(!eventBridge && changeEventBridge ? 'enabled' : 'unchanged');
      }),
      { numRuns: 200 },
    );
  });

  test('is idempotent: merging the same change into the result changes nothing', () => {
    fc.assert(
      fc.property(scenario, ({ current, changeConfig }) => {
        const once = mergeNotificationConfig(current, changeConfig).config;
        const twice = mergeNotificationConfig(once, changeConfig);
        expect(twice.diff.changed).toBe(false);
        expect(twice.config).toEqual(once);
      }),
      { numRuns: 300 },
    );
  });

  test('the diff accounts for every rule: added = new Ids, kept + replaced = the rest of the result, nothing removed', () => {
    fc.assert(
      fc.property(scenario, ({ current, changeConfig, change, existing }) => {
        const { config, diff } = mergeNotificationConfig(current, changeConfig);
        const existingIds = new Set<string | undefined>(existing.map((rule) => rule.id).filter((id) => id !== undefined));
        expect(diff.removed).toEqual([]);
        expect(diff.added.map((r) => r.id).sort()).toEqual(change.map((r) => r.id).filter((id) => !existingIds.has(id)).sort());
        expect(diff.added.length + diff.kept.length + diff.replaced.length).toBe(summariesOf(config).length);
        for (const { after } of diff.replaced) expect(change.some((r) => r.id === after.id)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
