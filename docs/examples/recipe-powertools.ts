// Powertools for AWS Lambda around a subscription: its Logger is the subscription's logger (and, per
// event, a child logger carries the event's keys), its Tracer opens a subsegment around each handler
// call, and its Metrics are fed by the subscription's metrics sink and published once per invocation.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { subscribe } from 's3-event-kit';

const logger = new Logger({ serviceName: 'thumbnailer' });
const tracer = new Tracer({ serviceName: 'thumbnailer' });
const metrics = new Metrics({ namespace: 'Thumbnails', serviceName: 'thumbnailer' });

async function makeThumbnail(bucket: string, key: string): Promise<void> {
  if (key.endsWith('.corrupt.jpg')) throw new Error(`cannot decode s3://${bucket}/${key}`);
}

export const handler = subscribe(
  {
    events: ['ObjectCreated:*'],
    // Failures are logged once, as Powertools JSON lines with messageId, bucket, key and the error.
    logger,
    metrics: {
      handlerCall: ({ durationMs, lagMs }) => {
        metrics.addMetric('HandlerDuration', MetricUnit.Milliseconds, durationMs);
        if (lagMs !== undefined) metrics.addMetric('EventLag', MetricUnit.Milliseconds, lagMs);
      },
      message: ({ outcome }) => metrics.addMetric(`Messages${outcome[0]?.toUpperCase()}${outcome.slice(1)}`, MetricUnit.Count, 1),
      flush: () => metrics.publishStoredMetrics(), // the subscription calls it at the end of every invocation
    },
  },
  async (event, ctx) => {
    // Messages run concurrently: a child logger per event, not appendKeys on the shared one.
    const log = logger.createChild({ persistentKeys: { bucket: event.bucket, key: event.key, messageId: ctx.messageId } });
    const parent = tracer.getSegment();
    const subsegment = parent?.addNewSubsegment(`### ${event.name}`);
    if (subsegment) tracer.setSegment(subsegment);
    try {
      tracer.putAnnotation('bucket', event.bucket);
      log.info('making a thumbnail', { size: event.size });
      await makeThumbnail(event.bucket, event.key);
    } catch (error) {
      subsegment?.addError(error as Error);
      throw error; // the subscription logs it once and reports the message failed
    } finally {
      subsegment?.close();
      if (parent) tracer.setSegment(parent);
    }
  },
);
