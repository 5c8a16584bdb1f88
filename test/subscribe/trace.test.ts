// ctx.trace's parser: X-Ray trace headers and W3C Trace Context, on every message shape; malformed
// headers are left out (and named), never thrown.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asS3Event, asSns, s3Record, sqsMessage, sqsRecord } from 's3-event-kit/testing';
import { isValidTracestate, parseTraceparent, parseXRayHeader, readTrace } from '../../src/subscribe/trace.js';

const ROOT = '1-5759e988-bd862e3fe1be46a994272793';
const XRAY = `Root=${ROOT};Parent=53995c3f42cd8ad8;Sampled=1`;
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const body = asS3Event(s3Record());

describe('parseXRayHeader (the X-Ray tracing header)', () => {
  it('reads Root, Parent and Sampled, in any order, ignoring other fields', () => {
    expect(parseXRayHeader(XRAY)).toEqual({ header: XRAY, root: ROOT, parent: '53995c3f42cd8ad8', sampled: true });
    expect(parseXRayHeader(`Sampled=0;Lineage=a87bd80c:1|68fd508a:5;Root=${ROOT}`)).toEqual({
      header: `Sampled=0;Lineage=a87bd80c:1|68fd508a:5;Root=${ROOT}`,
      root: ROOT,
      sampled: false,
    });
    expect(parseXRayHeader(`Root=${ROOT}; Parent=53995c3f42cd8ad8; Sampled=?`)).toEqual({
      header: `Root=${ROOT}; Parent=53995c3f42cd8ad8; Sampled=?`,
      root: ROOT,
      parent: '53995c3f42cd8ad8',
    });
  });

  it.each([
    ['no Root', 'Parent=53995c3f42cd8ad8;Sampled=1'],
    ['a Root of the wrong shape', 'Root=1-5759e988-bd862e3f;Sampled=1'],
    ['a Root of another version', 'Root=2-5759e988-bd862e3fe1be46a994272793'],
    ['a short Parent', `Root=${ROOT};Parent=53995c3f`],
    ['a Sampled that is not 0, 1 or ?', `Root=${ROOT};Sampled=yes`],
    ['a field without =', `Root=${ROOT};Sampled`],
    ['two Roots', `Root=${ROOT};Root=${ROOT}`],
    ['nothing', ''],
  ])('rejects %s', (_what, header) => {
    expect(parseXRayHeader(header)).toBeUndefined();
  });
});

describe('parseTraceparent (W3C Trace Context 3.2)', () => {
  it('reads version, trace-id, parent-id and flags', () => {
    expect(parseTraceparent(TRACEPARENT)).toEqual({
      traceparent: TRACEPARENT,
      version: '00',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      parentId: '00f067aa0ba902b7',
      flags: 1,
      sampled: true,
    });
    expect(parseTraceparent(' 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00 ')).toMatchObject({ flags: 0, sampled: false });
  });

  it('reads a later version by its first four fields, as the spec asks', () => {
    expect(parseTraceparent(`cc${TRACEPARENT.slice(2)}-what-the-future-holds`)).toMatchObject({ version: 'cc', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
    expect(parseTraceparent(`cc${TRACEPARENT.slice(2)}`)).toMatchObject({ version: 'cc' });
  });

  it.each([
    ['version ff', `ff${TRACEPARENT.slice(2)}`],
    ['an all-zero trace-id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['an all-zero parent-id', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'],
    ['upper-case hex', TRACEPARENT.toUpperCase()],
    ['version 00 with more after the flags', `${TRACEPARENT}-extra`],
    ['a later version with no dash after the flags', `cc${TRACEPARENT.slice(2)}x`],
    ['a short trace-id', '00-4bf92f3577b34da6a3ce929d0e0e47-00f067aa0ba902b7-01'],
    ['other separators', TRACEPARENT.replaceAll('-', '_')],
    ['non-hex flags', `${TRACEPARENT.slice(0, 53)}0g`],
  ])('rejects %s', (_what, header) => {
    expect(parseTraceparent(header)).toBeUndefined();
  });
});

describe('isValidTracestate (W3C Trace Context 3.3)', () => {
  it.each(['congo=t61rcWkgMzE', 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE', ' a=1 , ,b@sys=2 ', '', 'a=x,', 'k*/_-=x y'])('accepts %j', (header) => {
    expect(isValidTracestate(header)).toBe(true);
  });
  it.each(['noequals', 'Upper=1', '1a=1', 'a=1,a=2', 'a=b=c', 'a=', Array.from({ length: 33 }, (_, i) => `k${i}=v`).join(',')])('rejects %j', (header) => {
    expect(isValidTracestate(header)).toBe(false);
  });
});

describe('readTrace: where each message keeps its headers', () => {
  const w3cAttributes = {
    traceparent: { dataType: 'String', stringValue: TRACEPARENT },
    tracestate: { dataType: 'String', stringValue: 'congo=t61rcWkgMzE' },
  };

  it('a Lambda SQS record: attributes.AWSTraceHeader and messageAttributes.*.stringValue', () => {
    const record = sqsRecord(body, { attributes: { AWSTraceHeader: XRAY }, messageAttributes: w3cAttributes });
    expect(readTrace(record)).toEqual({
      trace: {
        xray: { header: XRAY, root: ROOT, parent: '53995c3f42cd8ad8', sampled: true },
        w3c: {
          traceparent: TRACEPARENT,
          version: '00',
          traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
          parentId: '00f067aa0ba902b7',
          flags: 1,
          sampled: true,
          state: 'congo=t61rcWkgMzE',
        },
      },
      malformed: [],
    });
  });

  it('a ReceiveMessage message: Attributes.AWSTraceHeader and MessageAttributes.*.StringValue', () => {
    const message = sqsMessage(body, { attributes: { AWSTraceHeader: XRAY }, messageAttributes: w3cAttributes });
    expect(readTrace(message).trace).toMatchObject({ xray: { root: ROOT }, w3c: { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', state: 'congo=t61rcWkgMzE' } });
  });

  it('an SNS Lambda record: Sns.MessageAttributes.*.Value', () => {
    const event = asSns(body, { messageAttributes: { traceparent: { Type: 'String', Value: TRACEPARENT } } });
    expect(readTrace(event.Records[0]).trace).toMatchObject({ w3c: { parentId: '00f067aa0ba902b7' } });
  });

  it('SNS → SQS without raw delivery: the SNS message attributes inside the SQS body', () => {
    const notification = asSns(body, { delivery: 'sqs', messageAttributes: { traceparent: { Type: 'String', Value: TRACEPARENT } } });
    const record = sqsRecord(notification, { attributes: { AWSTraceHeader: XRAY } });
    expect(readTrace(record).trace).toMatchObject({ xray: { root: ROOT }, w3c: { traceId: '4bf92f3577b34da6a3ce929d0e0e4736' } });
  });

  it('none: undefined, nothing malformed', () => {
    expect(readTrace(sqsRecord(body))).toEqual({ trace: undefined, malformed: [] });
    expect(readTrace(asS3Event(s3Record()))).toEqual({ trace: undefined, malformed: [] });
    expect(readTrace(undefined)).toEqual({ trace: undefined, malformed: [] });
  });

  it('malformed headers are left out and named; a bad tracestate drops only itself', () => {
    const record = sqsRecord(body, {
      attributes: { AWSTraceHeader: 'Root=nope' },
      messageAttributes: { traceparent: { dataType: 'String', stringValue: TRACEPARENT }, tracestate: { dataType: 'String', stringValue: 'BAD' } },
    });
    const { trace, malformed } = readTrace(record);
    expect(trace).toEqual({ w3c: expect.objectContaining({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736' }) });
    expect(trace?.w3c?.state).toBeUndefined();
    expect(malformed).toEqual(['AWSTraceHeader "Root=nope"', 'tracestate "BAD"']);
    expect(readTrace(sqsRecord(body, { messageAttributes: { traceparent: { dataType: 'String', stringValue: 'x'.repeat(200) } } }))).toEqual({
      trace: undefined,
      malformed: [`traceparent "${'x'.repeat(76)}...`],
    });
  });

  it('tracestate without a traceparent is ignored (the spec: tracestate only goes with a traceparent)', () => {
    expect(readTrace(sqsRecord(body, { messageAttributes: { tracestate: w3cAttributes.tracestate } }))).toEqual({ trace: undefined, malformed: [] });
  });
});

describe('properties', () => {
  const hex = (length: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${length}}$`));
  const nonZeroHex = (length: number) => hex(length).filter((h) => /[1-9a-f]/.test(h));

  it('a valid traceparent round-trips', () => {
    fc.assert(
      fc.property(hex(2).filter((v) => v !== 'ff'), nonZeroHex(32), nonZeroHex(16), fc.integer({ min: 0, max: 255 }), (version, traceId, parentId, flags) => {
        const flagsHex = flags.toString(16).padStart(2, '0');
        const header = `${version}-${traceId}-${parentId}-${flagsHex}`;
        expect(parseTraceparent(header)).toEqual({ traceparent: header, version, traceId, parentId, flags, sampled: (flags & 1) === 1 });
      }),
    );
  });

  it('a valid X-Ray header round-trips', () => {
    fc.assert(
      fc.property(hex(8), hex(24), fc.option(hex(16), { nil: undefined }), fc.constantFrom<boolean | undefined>(true, false, undefined), (time, id, parent, sampled) => {
        const root = `1-${time}-${id}`;
        const header = [`Root=${root}`, ...(parent === undefined ? [] : [`Parent=${parent}`]), ...(sampled === undefined ? [] : [`Sampled=${sampled ? 1 : 0}`])].join(';');
        expect(parseXRayHeader(header)).toEqual({ header, root, ...(parent !== undefined && { parent }), ...(sampled !== undefined && { sampled }) });
      }),
    );
  });

  it('random strings and values never throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), fc.anything(), (text, value) => {
        parseXRayHeader(text);
        parseTraceparent(text);
        isValidTracestate(text);
        readTrace(value);
        const { trace } = readTrace({ attributes: { AWSTraceHeader: text }, messageAttributes: { traceparent: { stringValue: text }, tracestate: { stringValue: text } } });
        if (trace?.w3c) expect(trace.w3c.traceId).toMatch(/^[0-9a-f]{32}$/);
        if (trace?.xray) expect(trace.xray.root).toMatch(/^1-[0-9a-fA-F]{8}-[0-9a-fA-F]{24}$/);
      }),
      { numRuns: 500 },
    );
  });

  it('mutated valid headers never throw, and parse only to what the grammar allows', () => {
    const mutate = (header: string) =>
      fc.tuple(fc.nat({ max: header.length }), fc.nat({ max: 3 }), fc.string({ maxLength: 3 })).map(([at, cut, insert]) => header.slice(0, at) + insert + header.slice(at + cut));
    fc.assert(
      fc.property(mutate(TRACEPARENT), mutate(XRAY), (traceparent, xray) => {
        const parsed = parseTraceparent(traceparent);
        if (parsed) expect(`${parsed.version}-${parsed.traceId}-${parsed.parentId}-${parsed.flags.toString(16).padStart(2, '0')}`).toBe(parsed.traceparent.slice(0, 55));
        const x = parseXRayHeader(xray);
        if (x) expect(x.header).toBe(xray);
      }),
      { numRuns: 500 },
    );
  });
});
