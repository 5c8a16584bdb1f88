// S3 → SNS → Lambda: the S3 JSON is a string in Records[].Sns.Message.
import { normalize } from 's3-event-kit';

export const handler = async (event: unknown): Promise<void> => {
  for (const e of normalize(event)) {
    // e.via is ['s3', 'sns']; e.messageId is the SNS MessageId (stable across SNS retries)
    if (e.type === 'ObjectCreated') {
      console.log(`fan-out copy: s3://${e.bucket}/${e.key} (${e.size} bytes, eTag ${e.eTag})`);
    }
  }
};
