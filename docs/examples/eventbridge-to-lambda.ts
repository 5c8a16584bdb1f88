// S3 → EventBridge → Lambda: one event with detail-type 'Object Created', 'Object Deleted', …
// It is mapped onto the same names: 'Object Created' with reason 'CopyObject' → 'ObjectCreated:Copy'.
import { normalize } from 's3-event-kit';

export const handler = async (event: unknown): Promise<void> => {
  for (const e of normalize(event)) {
    // e.via is ['eventbridge']; e.messageId is the EventBridge event id
    if (e.name === 'ObjectRemoved:DeleteMarkerCreated') {
      console.log(`delete marker on ${e.key}, version ${e.versionId ?? '-'}`);
    } else if (e.name === 'LifecycleTransition') {
      console.log(`${e.key} moved to ${e.destinationStorageClass ?? 'another class'}`);
    }
  }
};
