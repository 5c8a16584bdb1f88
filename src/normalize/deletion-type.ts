import type { DeletionType } from '../events/normalized.js';

/** `ObjectRemoved:Delete` → `'Permanently Deleted'`; `…:DeleteMarkerCreated` → `'Delete Marker Created'`. @internal */
export function deletionTypeOf(name: string): DeletionType {
  return name.endsWith(':DeleteMarkerCreated') ? 'Delete Marker Created' : 'Permanently Deleted';
}
