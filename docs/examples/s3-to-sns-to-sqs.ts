// S3 → SNS → SQS: the SQS body is SNS JSON whose Message is the S3 JSON (a string inside a string).
// With raw message delivery the body is the S3 JSON itself. Both arrive as the same events.
import { normalize } from 's3-event-kit';

export const handler = async (event: unknown): Promise<void> => {
  for (const e of normalize(event)) {
    // e.via is ['s3', 'sns', 'sqs'] (or ['s3', 'sqs'] with raw delivery)
    console.log(e.via.join(' → '), e.name, `s3://${e.bucket}/${e.key}`, e.sequencer);
  }
};
