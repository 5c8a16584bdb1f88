/** matches() narrows the event to what its filter selects; MatchedEvent computes the same at type level. */
import { describe, expectTypeOf, it } from 'vitest';
import type { LifecycleTransitionEvent, MatchedEvent, ObjectCreatedEvent, ObjectRemovedEvent, S3EventPattern, S3ObjectEvent } from 's3-event-kit';
import { matches } from 's3-event-kit';

declare const event: S3ObjectEvent;

describe('matches', () => {
  it('narrows to the ObjectCreated variants with ObjectCreated:*', () => {
    if (matches(event, { events: ['ObjectCreated:*'] })) {
      expectTypeOf(event.size).toEqualTypeOf<number>();
      expectTypeOf(event.type).toEqualTypeOf<'ObjectCreated'>();
      expectTypeOf(event).toEqualTypeOf<MatchedEvent<['ObjectCreated:*']>>();
    }
  });

  it('narrows with the s3: prefix and with exact names', () => {
    if (matches(event, { events: ['s3:ObjectRemoved:Delete', 'LifecycleTransition'], prefix: 'a/' })) {
      expectTypeOf(event.name).toEqualTypeOf<'ObjectRemoved:Delete' | 'LifecycleTransition'>();
    }
  });

  it('keeps the whole union without events', () => {
    if (matches(event, { prefix: 'uploads/', bucket: ['a', 'b'] })) expectTypeOf(event).toEqualTypeOf<S3ObjectEvent>();
  });

  it('rejects patterns S3 does not have', () => {
    // @ts-expect-error only whole-family wildcards exist
    matches(event, { events: ['ObjectCreated:Pu*'] });
    // @ts-expect-error LifecycleTransition has no variants, so no wildcard
    matches(event, { events: ['LifecycleTransition:*'] });
    // @ts-expect-error unknown name
    matches(event, { events: ['ObjectCreated:Teleport'] });
  });
});

describe('MatchedEvent', () => {
  it('s3:ObjectRemoved:* selects the two ObjectRemoved variants (not lifecycle expirations)', () => {
    type Removed = MatchedEvent<['s3:ObjectRemoved:*']>;
    expectTypeOf<Removed>().toEqualTypeOf<ObjectRemovedEvent<'ObjectRemoved:Delete'> | ObjectRemovedEvent<'ObjectRemoved:DeleteMarkerCreated'>>();
    expectTypeOf<Removed['name']>().toEqualTypeOf<'ObjectRemoved:Delete' | 'ObjectRemoved:DeleteMarkerCreated'>();
    expectTypeOf<Removed['deletionType']>().toEqualTypeOf<'Permanently Deleted' | 'Delete Marker Created'>();
  });

  it('* and s3:* select everything; a list selects the union', () => {
    expectTypeOf<MatchedEvent<['*']>>().toEqualTypeOf<S3ObjectEvent>();
    expectTypeOf<MatchedEvent<['s3:*']>>().toEqualTypeOf<S3ObjectEvent>();
    expectTypeOf<MatchedEvent<readonly ['ObjectCreated:Copy', 'LifecycleTransition']>>().toEqualTypeOf<
      ObjectCreatedEvent<'ObjectCreated:Copy'> | LifecycleTransitionEvent
    >();
  });

  it('S3EventPattern accepts both notations', () => {
    expectTypeOf<'ObjectCreated:*'>().toExtend<S3EventPattern>();
    expectTypeOf<'s3:ObjectCreated:*'>().toExtend<S3EventPattern>();
    expectTypeOf<'s3:IntelligentTiering'>().toExtend<S3EventPattern>();
    expectTypeOf<'ObjectCreated'>().not.toExtend<S3EventPattern>();
  });
});
