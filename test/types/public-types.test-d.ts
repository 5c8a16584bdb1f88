/** A type-only import of every public type compiles, and no public type leaks `any`. */
import type {
  DeletionType,
  IntelligentTieringEvent,
  LifecycleTransitionEvent,
  MatchedEvent,
  MessageContents,
  ObjectCreatedEvent,
  ObjectRemovedEvent,
  ObjectRestoreCompletedEvent,
  ObjectRestoreInitiatedEvent,
  OtherObjectEvent,
  ParseOptions,
  ParseResult,
  ParsedBatch,
  ParsedMessage,
  ReceiveMessageResult,
  ReplicationDetails,
  ReplicationEvent,
  S3EventBridgeDetailBase,
  S3EventBridgeDetailType,
  S3EventBridgeDetails,
  S3EventBridgeEvent,
  S3EventBridgeEventOf,
  S3EventBridgeObject,
  S3EventDelivery,
  S3EventFilter,
  S3EventName,
  S3EventNotification,
  S3EventParseError,
  S3EventParseErrorCode,
  S3EventParseErrorOptions,
  S3EventPattern,
  S3EventRecord,
  S3EventRecordBucket,
  S3EventRecordObject,
  S3EventType,
  S3EventTypeOf,
  S3GlacierEventData,
  S3IntelligentTieringEventData,
  S3IntelligentTieringRecord,
  S3LifecycleEventData,
  S3LifecycleTransitionRecord,
  S3ObjectAccessTierChangedDetail,
  S3ObjectCreatedDetail,
  S3ObjectCreatedRecord,
  S3ObjectDeletedDetail,
  S3ObjectEvent,
  S3ObjectEventBase,
  S3ObjectEventOf,
  S3ObjectMetadataRecord,
  S3ObjectRemovedRecord,
  S3ObjectRestoreCompletedDetail,
  S3ObjectRestoreCompletedRecord,
  S3ObjectRestoreInitiatedDetail,
  S3ObjectRestorePostRecord,
  S3ObjectStorageClassChangedDetail,
  S3OtherRecord,
  S3ReplicationEventData,
  S3ReplicationRecord,
  S3TestEvent,
  S3TestNotification,
  SnsLambdaEvent,
  SnsLambdaRecord,
  SnsNotification,
  SqsLambdaEvent,
  SqsLambdaMessageAttribute,
  SqsLambdaRecord,
  SqsMessage,
  Via,
} from 's3-event-kit';
import type * as Kit from 's3-event-kit';
import { describe, expectTypeOf, it } from 'vitest';

type IsAny<T> = 0 extends 1 & T ? true : false;
type Prefix<Step extends string, Paths> = Paths extends string ? `${Step}${Paths}` : never;

/** The paths (`.a.b`, `[]`, `()`, `(…)`) at which `T` holds `any`, down to a few levels; `never` when none. */
type AnyPaths<T, Depth extends 0[] = []> =
  IsAny<T> extends true
    ? ''
    : Depth['length'] extends 6
      ? never
      : T extends string | number | boolean | bigint | symbol | null | undefined
        ? never
        : T extends (...args: infer Args) => infer Result
          ? Prefix<'()', AnyPaths<Result, [...Depth, 0]>> | Prefix<'(…)', AnyPaths<Args[number], [...Depth, 0]>>
          : T extends readonly (infer Element)[]
            ? Prefix<'[]', AnyPaths<Element, [...Depth, 0]>>
            : T extends object
              ? { [Key in keyof T & string]-?: Prefix<`.${Key}`, AnyPaths<T[Key], [...Depth, 0]>> }[keyof T & string]
              : never;

/** `never` when `T` has no `any` inside; else the paths (shown in the error). */
type NoAny<T> = [AnyPaths<T>] extends [never] ? never : AnyPaths<T>;

describe('public types', () => {
  it('leak no any', () => {
    // The probe itself finds any in objects, unions, arrays and functions:
    expectTypeOf<NoAny<{ a: { b: any } }>>().toEqualTypeOf<'.a.b'>();
    expectTypeOf<NoAny<{ a: string } | { a: readonly { b: any }[] }>>().toEqualTypeOf<'.a[].b'>();
    expectTypeOf<NoAny<(x: string) => { y: any }>>().toEqualTypeOf<'().y'>();
    expectTypeOf<NoAny<{ f: (x: any) => void }>>().toEqualTypeOf<'.f(…)'>();
    expectTypeOf<NoAny<S3ObjectEvent>>().toBeNever();
    expectTypeOf<NoAny<S3TestNotification>>().toBeNever();
    expectTypeOf<NoAny<S3EventNotification>>().toBeNever();
    expectTypeOf<NoAny<S3EventBridgeEvent>>().toBeNever();
    expectTypeOf<NoAny<SqsLambdaEvent>>().toBeNever();
    expectTypeOf<NoAny<SnsLambdaEvent>>().toBeNever();
    expectTypeOf<NoAny<ReceiveMessageResult>>().toBeNever();
    expectTypeOf<NoAny<ParseResult>>().toBeNever();
    expectTypeOf<NoAny<ParsedBatch>>().toBeNever();
    expectTypeOf<NoAny<ParseOptions>>().toBeNever();
    expectTypeOf<NoAny<S3EventFilter>>().toBeNever();
    expectTypeOf<NoAny<Pick<S3EventParseError, 'name' | 'code' | 'path' | 'messageId' | 'input' | 'message'>>>().toBeNever();
    expectTypeOf<NoAny<typeof Kit.normalize>>().toBeNever();
    expectTypeOf<NoAny<typeof Kit.parse>>().toBeNever();
    expectTypeOf<NoAny<typeof Kit.parseMessages>>().toBeNever();
    expectTypeOf<NoAny<typeof Kit.matches>>().toBeNever();
    expectTypeOf<NoAny<typeof Kit.eventNameMatches>>().toBeNever();
    expectTypeOf<NoAny<typeof Kit.compareSequencers>>().toBeNever();
    expectTypeOf<NoAny<typeof Kit.decodeKey>>().toBeNever();
    expectTypeOf<NoAny<typeof Kit.encodeKey>>().toBeNever();
    expectTypeOf<NoAny<typeof Kit.isS3EventParseError>>().toBeNever();
    expectTypeOf<NoAny<typeof Kit.S3_EVENT_NAMES>>().toBeNever();
  });

  it('are all importable with import type', () => {
    type Everything = [
      DeletionType, IntelligentTieringEvent, LifecycleTransitionEvent, MatchedEvent<['*']>, MessageContents, ObjectCreatedEvent,
      ObjectRemovedEvent, ObjectRestoreCompletedEvent, ObjectRestoreInitiatedEvent, OtherObjectEvent, ParseOptions, ParseResult,
      ParsedBatch, ParsedMessage, ReceiveMessageResult, ReplicationDetails, ReplicationEvent, S3EventBridgeDetailBase,
      S3EventBridgeDetailType, S3EventBridgeDetails, S3EventBridgeEvent, S3EventBridgeEventOf<'Object Created'>, S3EventBridgeObject,
      S3EventDelivery, S3EventFilter, S3EventName, S3EventNotification, S3EventParseError, S3EventParseErrorCode,
      S3EventParseErrorOptions, S3EventPattern, S3EventRecord, S3EventRecordBucket, S3EventRecordObject, S3EventType,
      S3EventTypeOf<'ObjectCreated:Put'>, S3GlacierEventData, S3IntelligentTieringEventData, S3IntelligentTieringRecord,
      S3LifecycleEventData, S3LifecycleTransitionRecord, S3ObjectAccessTierChangedDetail, S3ObjectCreatedDetail,
      S3ObjectCreatedRecord, S3ObjectDeletedDetail, S3ObjectEvent, S3ObjectEventBase<'ObjectAcl:Put'>,
      S3ObjectEventOf<'IntelligentTiering'>, S3ObjectMetadataRecord, S3ObjectRemovedRecord, S3ObjectRestoreCompletedDetail,
      S3ObjectRestoreCompletedRecord, S3ObjectRestoreInitiatedDetail, S3ObjectRestorePostRecord, S3ObjectStorageClassChangedDetail,
      S3OtherRecord, S3ReplicationEventData, S3ReplicationRecord, S3TestEvent, S3TestNotification, SnsLambdaEvent,
      SnsLambdaRecord, SnsNotification, SqsLambdaEvent, SqsLambdaMessageAttribute, SqsLambdaRecord, SqsMessage, Via,
    ];
    expectTypeOf<Everything['length']>().toEqualTypeOf<68>();
    expectTypeOf<NoAny<Everything[number]>>().toBeNever();
  });

  it('S3EventParseErrorCode is the closed list of codes', () => {
    expectTypeOf<S3EventParseErrorCode>().toEqualTypeOf<
      'INVALID_JSON' | 'UNKNOWN_SHAPE' | 'NOT_S3_EVENT' | 'INVALID_FIELD' | 'UNKNOWN_EVENT_NAME' | 'MALFORMED_KEY' | 'UNEXPECTED_ROAD'
    >();
  });
});
