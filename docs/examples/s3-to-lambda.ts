// S3 → Lambda: S3 invokes the function asynchronously with { Records: [...] }.
import { normalize } from 's3-event-kit';

export const handler = async (event: unknown): Promise<void> => {
  for (const e of normalize(event)) {
    // e.via is ['s3']; e.key is decoded: 'photos/red flower.jpg', not 'photos/red+flower.jpg'
    switch (e.name) {
      case 'ObjectCreated:Put':
      case 'ObjectCreated:CompleteMultipartUpload':
        console.log(`new s3://${e.bucket}/${e.key}, ${e.size} bytes, version ${e.versionId ?? '-'}`);
        break;
      case 'ObjectRemoved:Delete':
        console.log(`deleted s3://${e.bucket}/${e.key} (${e.deletionType})`);
        break;
      default:
        console.log(`${e.name} on ${e.key}`);
    }
  }
  // Throwing here makes Lambda retry the invocation (twice by default), then use its on-failure destination.
};
