// Try a pattern locally before deploying it: build the event S3 would send and match it.
import { matchesEventPattern, s3EventPattern } from 's3-event-kit/config';
import { asEventBridge } from 's3-event-kit/testing';

const pattern = s3EventPattern({ buckets: 'photos', events: ['ObjectRemoved:DeleteMarkerCreated'], prefix: 'uploads/' });
const event = asEventBridge({ name: 'ObjectRemoved:DeleteMarkerCreated', bucket: 'photos', key: 'uploads/cat.jpg' });
console.log(matchesEventPattern(pattern, event)); // true
console.log(matchesEventPattern(pattern, asEventBridge({ name: 'ObjectRemoved:Delete', bucket: 'photos', key: 'uploads/cat.jpg' }))); // false
