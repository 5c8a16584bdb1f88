/** The road and carrying message of the value being read. @internal @module */
import type { Via } from '../events/normalized.js';

/** The envelopes around an origin event, outermost last, e.g. `['sns', 'sqs']`. */
export type Carriers = '' | 'sqs' | 'sns' | 'sns+sqs';

const VIAS = {
  s3: { '': ['s3'], sqs: ['s3', 'sqs'], sns: ['s3', 'sns'], 'sns+sqs': ['s3', 'sns', 'sqs'] },
  eventbridge: {
    '': ['eventbridge'],
    sqs: ['eventbridge', 'sqs'],
    sns: ['eventbridge', 'sns'],
    'sns+sqs': ['eventbridge', 'sns', 'sqs'],
  },
} as const satisfies Record<'s3' | 'eventbridge', Record<Carriers, Via>>;

for (const byCarrier of Object.values(VIAS)) for (const via of Object.values(byCarrier)) Object.freeze(via);

/** The one frozen `via` tuple for an origin and its carriers (shared, so events allocate none). */
export function viaOf(origin: 's3' | 'eventbridge', carriers: Carriers): Via {
  return VIAS[origin][carriers];
}

/** What every event read from one message shares. */
export interface Delivery {
  readonly carriers: Carriers;
  readonly messageId: string | undefined;
  readonly receiptHandle: string | undefined;
  readonly decodeEventBridgeKeys: boolean;
  /** Whether to decode `s3.object.key` of notification records read under this delivery. */
  readonly decodeNotificationKeys: boolean;
  /**
   * The `decodeNotificationKeys` option as given. When it was not, keys are decoded in JSON text
   * and kept inside a document that arrived already parsed (see `readEnclosed`).
   */
  readonly notificationKeysOption: boolean | undefined;
}
