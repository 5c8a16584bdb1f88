// OpenTelemetry around a subscription: one CONSUMER span per message, in Lambda and in a worker.
// A W3C `traceparent` on the message (set by an instrumented producer) makes the span its child;
// an X-Ray `AWSTraceHeader` (SQS sets it when X-Ray is active upstream) becomes a link.
// Register your SDK's tracer provider (NodeSDK, or the Lambda layer) as usual; this file only uses
// @opentelemetry/api, so it is a no-op until one is registered.
import { context, createTraceState, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags, type Link } from '@opentelemetry/api';
import { subscribe, type AroundHook, type S3EventTrace } from 's3-event-kit';

const tracer = trace.getTracer('s3-events');

/** The message's W3C trace as a parent context, else the active one. */
function parentOf(messageTrace: S3EventTrace | undefined) {
  const w3c = messageTrace?.w3c;
  if (!w3c) return context.active();
  return trace.setSpanContext(ROOT_CONTEXT, {
    traceId: w3c.traceId,
    spanId: w3c.parentId,
    traceFlags: w3c.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
    isRemote: true,
    ...(w3c.state !== undefined && { traceState: createTraceState(w3c.state) }),
  });
}

/** The X-Ray trace as a link: `1-5759e988-bd862e3f…` is the trace ID `5759e988bd862e3f…`. */
function linksOf(messageTrace: S3EventTrace | undefined): Link[] {
  const xray = messageTrace?.xray;
  if (!xray?.parent) return [];
  const traceId = xray.root.slice(2).replace('-', '').toLowerCase();
  const traceFlags = xray.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE;
  return [{ context: { traceId, spanId: xray.parent.toLowerCase(), traceFlags, isRemote: true } }];
}

export const around: AroundHook = (ctx, next) =>
  tracer.startActiveSpan(
    's3-events process',
    {
      kind: SpanKind.CONSUMER,
      links: linksOf(ctx.trace),
      attributes: {
        'messaging.operation.type': 'process',
        ...(ctx.messageId !== undefined && { 'messaging.message.id': ctx.messageId }),
        ...(ctx.redrivenFrom?.replayName !== undefined && { 's3_events.replay_name': ctx.redrivenFrom.replayName }),
      },
    },
    parentOf(ctx.trace),
    async (span) => {
      try {
        await next();
      } catch (error) {
        span.recordException(error instanceof Error ? error : String(error));
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    },
  );

export const handler = subscribe({ events: ['ObjectCreated:*'], around }, async (event) => {
  // Spans opened here are children of the message's span.
  await tracer.startActiveSpan('make thumbnail', async (span) => {
    span.setAttribute('s3.key', event.key);
    span.end();
  });
});

// In a worker: the same subscription, polling SQS.
// const consumer = handler.start({ queueUrl: process.env.QUEUE_URL! });
