// ctx.trace, ctx.redrivenFrom and around() through the real transports, and the OpenTelemetry
// recipe (docs/examples/recipe-opentelemetry.ts) with the real @opentelemetry/api and an in-memory
// exporter: one span per message, the message's W3C trace as its parent, an X-Ray trace as a link.
//
// fauxqs (the local SQS server) keeps message attributes, SNS → SQS included, but does not emit
// the AWSTraceHeader and DeadLetterQueueSourceArn system attributes: the worker's tests ask it for
// them (checked) and a spy adds them to its answer, as SQS would.
import { CreateTopicCommand, PublishCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { SendMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { SpanKind, trace, type Link } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { subscribe, type S3EventContext, type SqsClientLike } from 's3-event-kit';
import { asS3Event, s3Record, sqsRecord } from 's3-event-kit/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as recipe } from '../../docs/examples/recipe-opentelemetry.js';
import { snsClient, sqsClient, uniqueName } from '../setup/aws.js';
import { createQueue, waitFor, type SentCommand } from './sqs-helpers.js';

const sqs = sqsClient();
const sns = snsClient();
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
beforeAll(() => {
  trace.setGlobalTracerProvider(provider);
});
beforeEach(() => exporter.reset());
afterAll(async () => {
  trace.disable();
  await provider.shutdown();
  sqs.destroy();
  sns.destroy();
});

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${PARENT_ID}-01`;
const XRAY = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
const DLQ_SOURCE = 'arn:aws:sqs:us-east-1:000000000000:uploads';
const body = (key: string) => JSON.stringify(asS3Event(s3Record({ key })));
const messageSpans = () => exporter.getFinishedSpans().filter((span) => span.name === 's3-events process');
const parentIdOf = (span: ReturnType<typeof messageSpans>[number]) => span.parentSpanContext?.spanId;

/** The real client; the spy records each command and adds system attributes to the messages SQS answers with. */
function withSystemAttributes(sent: SentCommand[], add: (message: Message) => Record<string, string>): SqsClientLike {
  return {
    async send(command: unknown, options?: { abortSignal?: AbortSignal }) {
      const c = command as { constructor: { name: string }; input: Record<string, unknown> };
      sent.push({ name: c.constructor.name, input: c.input, at: Date.now() });
      const output = (await sqs.send(command as never, options)) as { Messages?: Message[] };
      for (const message of output.Messages ?? []) message.Attributes = { ...message.Attributes, ...add(message) };
      return output;
    },
  };
}

describe('the OpenTelemetry recipe', () => {
  it('in Lambda: one span per message of a real SQS event, child of its traceparent, linked to its X-Ray trace', async () => {
    const event = {
      Records: [
        sqsRecord(body('w3c.jpg'), { messageId: 'm-w3c', messageAttributes: { traceparent: { dataType: 'String', stringValue: TRACEPARENT } } }),
        sqsRecord(body('xray.jpg'), { messageId: 'm-xray', attributes: { AWSTraceHeader: XRAY } }),
        sqsRecord(body('none.jpg'), { messageId: 'm-none' }),
      ],
    };
    expect(await recipe(event)).toEqual({ batchItemFailures: [] });
    const spans = messageSpans();
    expect(spans).toHaveLength(3);
    const byId = Object.fromEntries(spans.map((span) => [span.attributes['messaging.message.id'], span]));
    const w3c = byId['m-w3c'];
    expect(w3c?.kind).toBe(SpanKind.CONSUMER);
    expect(w3c?.spanContext().traceId).toBe(TRACE_ID);
    expect(parentIdOf(w3c!)).toBe(PARENT_ID);
    const xray = byId['m-xray'];
    expect(parentIdOf(xray!)).toBeUndefined();
    expect(xray?.links.map((link: Link) => [link.context.traceId, link.context.spanId])).toEqual([['5759e988bd862e3fe1be46a994272793', '53995c3f42cd8ad8']]);
    expect(parentIdOf(byId['m-none']!)).toBeUndefined();
    expect(byId['m-none']?.links).toEqual([]);
  });

  it('a failed message: its span ends with an error status and the exception', async () => {
    const { around } = await import('../../docs/examples/recipe-opentelemetry.js');
    const failing = subscribe({ around }, async () => {
      throw new Error('corrupt image');
    });
    expect(await failing({ Records: [sqsRecord(body('bad.jpg'), { messageId: 'm1' })] })).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
    const [span] = messageSpans();
    expect(span?.status.code).toBe(2); // SpanStatusCode.ERROR
    expect(span?.events.map((e) => e.name)).toEqual(['exception']);
  });

  it('in the worker, against the local SQS server: one span per message, child of the traceparent sent with it', async () => {
    const queue = await createQueue(sqs, 'otel');
    for (const [key, attributes] of [
      ['traced.jpg', { traceparent: { DataType: 'String', StringValue: TRACEPARENT }, tracestate: { DataType: 'String', StringValue: 'congo=t61rcWkgMzE' } }],
      ['plain.jpg', undefined],
    ] as const) {
      await sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: body(key), ...(attributes && { MessageAttributes: attributes }) }));
    }
    const consumer = recipe.start({ queueUrl: queue.url, client: sqs, waitTimeSeconds: 1 });
    await waitFor(() => consumer.stats.deleted === 2, 'both messages handled and deleted');
    await consumer.stop();
    const spans = messageSpans();
    expect(spans).toHaveLength(2);
    const traced = spans.find((span) => span.spanContext().traceId === TRACE_ID);
    expect(traced && parentIdOf(traced)).toBe(PARENT_ID);
    expect(traced?.spanContext().traceState?.get('congo')).toBe('t61rcWkgMzE');
    expect(spans.filter((span) => parentIdOf(span) === undefined)).toHaveLength(1);
  });
});

describe('ctx.trace, ctx.redrivenFrom and around() in the worker, against the local SQS server', () => {
  it('asks for the trace and DLQ attributes and hands them to around() and the handler', async () => {
    const queue = await createQueue(sqs, 'trace');
    await sqs.send(
      new SendMessageCommand({ QueueUrl: queue.url, MessageBody: body('k.jpg'), MessageAttributes: { traceparent: { DataType: 'String', StringValue: TRACEPARENT } } }),
    );
    const sent: SentCommand[] = [];
    const client = withSystemAttributes(sent, () => ({ AWSTraceHeader: XRAY, DeadLetterQueueSourceArn: DLQ_SOURCE }));
    const seen: Array<[string, S3EventContext['trace'], S3EventContext['redrivenFrom']]> = [];
    const subscription = subscribe(
      {
        around: async (ctx, next) => {
          seen.push(['around', ctx.trace, ctx.redrivenFrom]);
          await next();
        },
      },
      async (_event, ctx) => void seen.push(['handler', ctx.trace, ctx.redrivenFrom]),
    );
    const consumer = subscription.start({ queueUrl: queue.url, client, waitTimeSeconds: 1 });
    await waitFor(() => consumer.stats.deleted === 1, 'the message handled and deleted');
    await consumer.stop();

    const receive = sent.find((c) => c.name === 'ReceiveMessageCommand');
    expect(receive?.input['MessageSystemAttributeNames']).toEqual(expect.arrayContaining(['AWSTraceHeader', 'DeadLetterQueueSourceArn']));
    expect(receive?.input['MessageAttributeNames']).toEqual(['traceparent', 'tracestate']);
    const expected = [
      { xray: expect.objectContaining({ root: '1-5759e988-bd862e3fe1be46a994272793', parent: '53995c3f42cd8ad8', sampled: true }), w3c: expect.objectContaining({ traceId: TRACE_ID, parentId: PARENT_ID }) },
      { deadLetterSourceArn: DLQ_SOURCE },
    ];
    expect(seen).toEqual([
      ['around', ...expected],
      ['handler', ...expected],
    ]);
  });

  it('SNS → SQS without raw delivery: the traceparent published with the SNS message', async () => {
    const queue = await createQueue(sqs, 'sns-trace');
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: uniqueName('traced') }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: queue.arn }));
    await sns.send(
      new PublishCommand({ TopicArn, Message: body('via-sns.jpg'), MessageAttributes: { traceparent: { DataType: 'String', StringValue: TRACEPARENT } } }),
    );
    const traces: unknown[] = [];
    const consumer = subscribe({}, async (event, ctx) => void traces.push([event.via.join('/'), ctx.trace?.w3c?.parentId])).start({
      queueUrl: queue.url,
      client: sqs,
      waitTimeSeconds: 1,
    });
    await waitFor(() => traces.length === 1, 'the message');
    await consumer.stop();
    expect(traces).toEqual([['s3/sns/sqs', PARENT_ID]]);
  });

  it('a message without trace or DLQ attributes: both undefined', async () => {
    const queue = await createQueue(sqs, 'plain');
    await sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: body('plain.jpg') }));
    const seen: unknown[] = [];
    const consumer = subscribe({}, async (_event, ctx) => void seen.push([ctx.trace, ctx.redrivenFrom])).start({ queueUrl: queue.url, client: sqs, waitTimeSeconds: 1 });
    await waitFor(() => seen.length === 1, 'the message');
    await consumer.stop();
    expect(seen).toEqual([[undefined, undefined]]);
  });
});
