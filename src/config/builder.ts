/** A typed builder for bucket notification configurations. @module */
import { encodeKey } from '../normalize/key.js';
import type { S3ConfigEventName } from './names.js';
import type {
  S3FilterRule,
  S3LambdaFunctionConfiguration,
  S3NotificationConfiguration,
  S3NotificationFilter,
  S3QueueConfiguration,
  S3TopicConfiguration,
} from './types.js';

/**
 * What every rule given to {@link NotificationConfigBuilder} has.
 *
 * @example
 * ```ts
 * import type { NotificationRuleInput } from 's3-event-kit/config';
 * const rule: NotificationRuleInput = { id: 'uploads', events: ['s3:ObjectCreated:*'], prefix: 'uploads/', suffix: '.jpg' };
 * ```
 * @category Config
 */
export interface NotificationRuleInput {
  /** The rule's Id. Required: `applyNotificationConfig` adds or replaces rules by Id. */
  readonly id: string;
  /** At least one configuration-side name; record names (no `s3:`) do not compile. */
  readonly events: readonly [S3ConfigEventName, ...S3ConfigEventName[]];
  /** The **decoded** key prefix (`'uploads/year=2025/'`); it is URL-encoded the way S3 expects. */
  readonly prefix?: string | undefined;
  /** The decoded key suffix (`'.jpg'`); URL-encoded like the prefix. */
  readonly suffix?: string | undefined;
  /**
   * Set to `false` when `prefix` / `suffix` are already URL-encoded (they are then written as
   * given). Default `true`: they are encoded with `encodeKey`, the inverse of how keys arrive.
   */
  readonly encode?: boolean | undefined;
}

/**
 * A queue rule: {@link NotificationRuleInput} plus the SQS standard queue ARN.
 *
 * @example
 * ```ts
 * import type { QueueRuleInput } from 's3-event-kit/config';
 * const rule: QueueRuleInput = { id: 'uploads', queueArn: 'arn:aws:sqs:us-east-1:111122223333:uploads', events: ['s3:ObjectCreated:*'] };
 * ```
 * @category Config
 */
export interface QueueRuleInput extends NotificationRuleInput {
  readonly queueArn: string;
}

/**
 * A topic rule: {@link NotificationRuleInput} plus the SNS standard topic ARN.
 *
 * @example
 * ```ts
 * import type { TopicRuleInput } from 's3-event-kit/config';
 * const rule: TopicRuleInput = { id: 'fan-out', topicArn: 'arn:aws:sns:us-east-1:111122223333:uploads', events: ['s3:ObjectCreated:*'] };
 * ```
 * @category Config
 */
export interface TopicRuleInput extends NotificationRuleInput {
  readonly topicArn: string;
}

/**
 * A Lambda rule: {@link NotificationRuleInput} plus the function ARN.
 *
 * @example
 * ```ts
 * import type { LambdaRuleInput } from 's3-event-kit/config';
 * const rule: LambdaRuleInput = {
 *   id: 'thumbnails',
 *   functionArn: 'arn:aws:lambda:us-east-1:111122223333:function:thumbnails',
 *   events: ['s3:ObjectCreated:Put'],
 *   suffix: '.jpg',
 * };
 * ```
 * @category Config
 */
export interface LambdaRuleInput extends NotificationRuleInput {
  readonly functionArn: string;
}

/**
 * The `Filter` S3 expects for a prefix and/or suffix: one `prefix` rule and one `suffix` rule at
 * most, values URL-encoded (`encodeKey`: a space becomes `+`, `=` becomes `%3D`, `/` stays), or
 * `undefined` when neither is given.
 *
 * @example
 * ```ts
 * import { keyFilter } from 's3-event-kit/config';
 * keyFilter({ prefix: 'year=2025/', suffix: '.csv' });
 * //=> { Key: { FilterRules: [{ Name: 'prefix', Value: 'year%3D2025/' }, { Name: 'suffix', Value: '.csv' }] } }
 * ```
 * @category Config
 */
export function keyFilter(options: {
  readonly prefix?: string | undefined;
  readonly suffix?: string | undefined;
  readonly encode?: boolean | undefined;
}): S3NotificationFilter<'prefix' | 'suffix'> | undefined {
  const encode = options.encode ?? true;
  const rules: S3FilterRule<'prefix' | 'suffix'>[] = [];
  if (options.prefix !== undefined && options.prefix !== '') {
    rules.push({ Name: 'prefix', Value: encode ? encodeKey(options.prefix) : options.prefix });
  }
  if (options.suffix !== undefined && options.suffix !== '') {
    rules.push({ Name: 'suffix', Value: encode ? encodeKey(options.suffix) : options.suffix });
  }
  return rules.length === 0 ? undefined : { Key: { FilterRules: rules } };
}

/** The filter rule names S3 documents (it reads them back as `Prefix` / `Suffix`). */
type FilterName = 'prefix' | 'suffix';

function common(rule: NotificationRuleInput): { Id: string; Events: S3ConfigEventName[]; Filter?: S3NotificationFilter<FilterName> } {
  const filter = keyFilter(rule);
  return { Id: rule.id, Events: [...rule.events], ...(filter !== undefined && { Filter: filter }) };
}

/**
 * Builds a notification configuration with compile-time-checked event names and correctly
 * encoded filters. Immutable: every method returns a new builder.
 *
 * @example
 * ```ts
 * import { notificationConfig } from 's3-event-kit/config';
 * const change = notificationConfig()
 *   .queue({ id: 'uploads', queueArn: 'arn:aws:sqs:us-east-1:111122223333:uploads', events: ['s3:ObjectCreated:*'], prefix: 'uploads/' })
 *   .topic({ id: 'deletes', topicArn: 'arn:aws:sns:us-east-1:111122223333:deletes', events: ['s3:ObjectRemoved:*'] })
 *   .eventBridge()
 *   .build();
 * ```
 * @category Config
 */
export class NotificationConfigBuilder {
  readonly #queues: readonly S3QueueConfiguration<S3ConfigEventName, FilterName>[];
  readonly #topics: readonly S3TopicConfiguration<S3ConfigEventName, FilterName>[];
  readonly #lambdas: readonly S3LambdaFunctionConfiguration<S3ConfigEventName, FilterName>[];
  readonly #eventBridge: boolean;

  /** @internal */
  constructor(
    queues: readonly S3QueueConfiguration<S3ConfigEventName, FilterName>[] = [],
    topics: readonly S3TopicConfiguration<S3ConfigEventName, FilterName>[] = [],
    lambdas: readonly S3LambdaFunctionConfiguration<S3ConfigEventName, FilterName>[] = [],
    eventBridge = false,
  ) {
    this.#queues = queues;
    this.#topics = topics;
    this.#lambdas = lambdas;
    this.#eventBridge = eventBridge;
  }

  /** Adds a rule that sends the events to an SQS standard queue. */
  queue(rule: QueueRuleInput): NotificationConfigBuilder {
    const next: S3QueueConfiguration<S3ConfigEventName, FilterName> = { ...common(rule), QueueArn: rule.queueArn };
    return new NotificationConfigBuilder([...this.#queues, next], this.#topics, this.#lambdas, this.#eventBridge);
  }

  /** Adds a rule that publishes the events to an SNS standard topic. */
  topic(rule: TopicRuleInput): NotificationConfigBuilder {
    const next: S3TopicConfiguration<S3ConfigEventName, FilterName> = { ...common(rule), TopicArn: rule.topicArn };
    return new NotificationConfigBuilder(this.#queues, [...this.#topics, next], this.#lambdas, this.#eventBridge);
  }

  /** Adds a rule that invokes a Lambda function with the events. */
  lambda(rule: LambdaRuleInput): NotificationConfigBuilder {
    const next: S3LambdaFunctionConfiguration<S3ConfigEventName, FilterName> = { ...common(rule), LambdaFunctionArn: rule.functionArn };
    return new NotificationConfigBuilder(this.#queues, this.#topics, [...this.#lambdas, next], this.#eventBridge);
  }

  /** Turns delivery of every event to EventBridge on (`EventBridgeConfiguration: {}`). */
  eventBridge(): NotificationConfigBuilder {
    return new NotificationConfigBuilder(this.#queues, this.#topics, this.#lambdas, true);
  }

  /** The configuration, in the SDK's shape (only the non-empty lists are present). */
  build(): S3NotificationConfiguration<S3ConfigEventName, FilterName> {
    return {
      ...(this.#queues.length > 0 && { QueueConfigurations: structuredClone([...this.#queues]) }),
      ...(this.#topics.length > 0 && { TopicConfigurations: structuredClone([...this.#topics]) }),
      ...(this.#lambdas.length > 0 && { LambdaFunctionConfigurations: structuredClone([...this.#lambdas]) }),
      ...(this.#eventBridge && { EventBridgeConfiguration: {} }),
    };
  }
}

/**
 * Starts an empty {@link NotificationConfigBuilder}.
 *
 * @example
 * ```ts
 * import { notificationConfig } from 's3-event-kit/config';
 * const change = notificationConfig()
 *   .lambda({ id: 'thumbnails', functionArn: 'arn:aws:lambda:us-east-1:111122223333:function:thumbs', events: ['s3:ObjectCreated:Put'], suffix: '.jpg' })
 *   .build();
 * ```
 * @category Config
 */
export function notificationConfig(): NotificationConfigBuilder {
  return new NotificationConfigBuilder();
}
