/**
 * S3ObjectEvent is written out member by member (so the reference can list the variants). These
 * tests prove it is exactly the union the mapped form computes, name by name, so the explicit
 * declaration cannot drift from S3_EVENT_NAMES or from S3ObjectEventOf.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type {
  IntelligentTieringEvent,
  LifecycleTransitionEvent,
  ObjectCreatedEvent,
  ObjectRemovedEvent,
  ObjectRestoreCompletedEvent,
  ObjectRestoreInitiatedEvent,
  OtherObjectEvent,
  ReplicationEvent,
  S3EventName,
  S3ObjectEvent,
  S3ObjectEventOf,
} from 's3-event-kit';

/** The union as it was declared before: one S3ObjectEventOf per name, through a mapped type. */
type Mapped = { [Name in S3EventName]: S3ObjectEventOf<Name> }[S3EventName];

/** The member of a union whose `name` is exactly `Name`. */
type MemberNamed<Union, Name extends S3EventName> = Union extends { readonly name: infer N } ? ([N] extends [Name] ? ([Name] extends [N] ? Union : never) : never) : never;

describe('S3ObjectEvent, declared member by member', () => {
  it('is the same type as the mapped union', () => {
    expectTypeOf<S3ObjectEvent>().toEqualTypeOf<Mapped>();
    expectTypeOf<Mapped>().toEqualTypeOf<S3ObjectEvent>();
  });

  it('has, for every name, exactly the member S3ObjectEventOf gives', () => {
    type PerName = { [Name in S3EventName]: [MemberNamed<S3ObjectEvent, Name>, S3ObjectEventOf<Name>] };
    type Mismatches = {
      [Name in S3EventName]: PerName[Name][0] extends PerName[Name][1]
        ? PerName[Name][1] extends PerName[Name][0]
          ? never
          : Name
        : Name;
    }[S3EventName];
    expectTypeOf<Mismatches>().toEqualTypeOf<never>();
    expectTypeOf<MemberNamed<S3ObjectEvent, 'ObjectCreated:Put'>>().toEqualTypeOf<ObjectCreatedEvent<'ObjectCreated:Put'>>();
    expectTypeOf<MemberNamed<S3ObjectEvent, 'LifecycleExpiration:DeleteMarkerCreated'>>().toEqualTypeOf<
      ObjectRemovedEvent<'LifecycleExpiration:DeleteMarkerCreated'>
    >();
    expectTypeOf<MemberNamed<S3ObjectEvent, 'ObjectRestore:Post'>>().toEqualTypeOf<ObjectRestoreInitiatedEvent>();
    expectTypeOf<MemberNamed<S3ObjectEvent, 'ObjectRestore:Completed'>>().toEqualTypeOf<ObjectRestoreCompletedEvent>();
    expectTypeOf<MemberNamed<S3ObjectEvent, 'LifecycleTransition'>>().toEqualTypeOf<LifecycleTransitionEvent>();
    expectTypeOf<MemberNamed<S3ObjectEvent, 'IntelligentTiering'>>().toEqualTypeOf<IntelligentTieringEvent>();
    expectTypeOf<MemberNamed<S3ObjectEvent, 'Replication:OperationNotTracked'>>().toEqualTypeOf<
      ReplicationEvent<'Replication:OperationNotTracked'>
    >();
    expectTypeOf<MemberNamed<S3ObjectEvent, 'ObjectAnnotation:Delete'>>().toEqualTypeOf<OtherObjectEvent<'ObjectAnnotation:Delete'>>();
  });

  it('would tell a forgotten or a merged member apart', () => {
    type Forgotten = Exclude<S3ObjectEvent, { readonly name: 'ObjectAnnotation:Delete' }>;
    expectTypeOf<Forgotten>().not.toEqualTypeOf<Mapped>();
    type Tagging = 'ObjectTagging:Put' | 'ObjectTagging:Delete';
    type Merged = Exclude<S3ObjectEvent, { readonly name: Tagging }> | OtherObjectEvent<Tagging>;
    expectTypeOf<Merged>().not.toEqualTypeOf<Mapped>();
  });

  it('has one member per name and no other', () => {
    expectTypeOf<S3ObjectEvent['name']>().toEqualTypeOf<S3EventName>();
    // Each member's name is a single literal (no member covers two names).
    type IsUnion<T, All = T> = T extends unknown ? ([All] extends [T] ? false : true) : never;
    type CoversTwo = S3ObjectEvent extends infer Member ? (Member extends { readonly name: infer N } ? (true extends IsUnion<N> ? Member : never) : never) : never;
    expectTypeOf<CoversTwo>().toEqualTypeOf<never>();
    expectTypeOf<IsUnion<'a' | 'b'>>().toEqualTypeOf<true>();
    expectTypeOf<IsUnion<'a'>>().toEqualTypeOf<false>();
  });
});
