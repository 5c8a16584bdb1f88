// S3 → Lambda: make a thumbnail of every new JPEG under uploads/, from exactly the bytes the event names.
import { S3Client } from '@aws-sdk/client-s3';
import { subscribe } from 's3-event-kit';
import { getObjectFor, S3ObjectChangedError } from 's3-event-kit/aws';

const s3 = new S3Client({});

async function resize(image: Uint8Array, width: number): Promise<Uint8Array> {
  return image.subarray(0, width); // stand-in for sharp / ImageMagick
}

export const handler = subscribe(
  { events: ['ObjectCreated:*'], prefix: 'uploads/', suffix: '.jpg' },
  async (event, ctx) => {
    // event.key is decoded ('uploads/red flower.jpg'); event.size is a number on ObjectCreated events
    if (event.size > 50 * 1024 * 1024) return; // acknowledged, not handled: too big to thumbnail here
    try {
      const object = await getObjectFor(event, s3, { abortSignal: ctx.signal });
      const image = await object.Body?.transformToByteArray();
      if (image) await resize(image, 256); // then PutObject under thumbnails/ (outside uploads/: no loop)
    } catch (error) {
      // Overwritten since the event: the newer upload has its own event, so this one is done.
      if (!(error instanceof S3ObjectChangedError)) throw error; // anything else: Lambda retries
    }
  },
);
