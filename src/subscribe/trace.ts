/**
 * `ctx.trace`: the trace context a message carries, parsed. Pure: no I/O, never throws, never
 * mutates its input.
 *
 * - X-Ray: the `AWSTraceHeader` SQS system attribute (`Root=1-…;Parent=…;Sampled=1`), in the
 *   grammar of the X-Ray tracing header (https://docs.aws.amazon.com/xray/latest/devguide/xray-concepts.html#xray-concepts-tracingheader).
 * - W3C Trace Context: `traceparent` and `tracestate` message attributes, validated as the
 *   W3C Trace Context recommendation says (https://www.w3.org/TR/trace-context/#traceparent-header
 *   and #tracestate-header).
 *
 * Where they are: `attributes.AWSTraceHeader` and `messageAttributes.traceparent.stringValue` on
 * a Lambda SQS record; `Attributes.AWSTraceHeader` and `MessageAttributes.traceparent.StringValue`
 * on a `ReceiveMessage` message; `Sns.MessageAttributes.traceparent.Value` on an SNS Lambda
 * record; and, for SNS → SQS without raw delivery, `MessageAttributes.traceparent.Value` inside
 * the SQS body (the SNS notification JSON).
 * @internal @module
 */

/**
 * The X-Ray trace header of a message (the `AWSTraceHeader` SQS system attribute), parsed.
 *
 * @example
 * ```ts
 * import type { S3EventXRayTrace } from 's3-event-kit';
 * const xray: S3EventXRayTrace = {
 *   header: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
 *   root: '1-5759e988-bd862e3fe1be46a994272793',
 *   parent: '53995c3f42cd8ad8',
 *   sampled: true,
 * };
 * ```
 * @category Subscribe
 */
export interface S3EventXRayTrace {
  /** The header as it arrived (pass it on to the X-Ray SDK as is). */
  readonly header: string;
  /** The trace ID: `1-` + 8 hex digits (the epoch seconds) + `-` + 24 hex digits. */
  readonly root: string;
  /** The ID of the parent segment: 16 hex digits. Absent when the header has none. */
  readonly parent?: string | undefined;
  /** `Sampled=1` → true, `Sampled=0` → false; absent when the header has no decision (`Sampled=?` or none). */
  readonly sampled?: boolean | undefined;
}

/**
 * The W3C Trace Context of a message (`traceparent` and `tracestate` message attributes), parsed
 * and validated as https://www.w3.org/TR/trace-context/ says.
 *
 * @example
 * ```ts
 * import type { S3EventW3CTrace } from 's3-event-kit';
 * const w3c: S3EventW3CTrace = {
 *   traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
 *   version: '00',
 *   traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
 *   parentId: '00f067aa0ba902b7',
 *   flags: 1,
 *   sampled: true,
 *   state: 'congo=t61rcWkgMzE',
 * };
 * ```
 * @category Subscribe
 */
export interface S3EventW3CTrace {
  /** The `traceparent` header as it arrived (trimmed of surrounding spaces). */
  readonly traceparent: string;
  /** 2 lowercase hex digits; `00` today (a later version is read as the spec says: its first four fields). */
  readonly version: string;
  /** 32 lowercase hex digits, not all zero. */
  readonly traceId: string;
  /** The caller's span ID (`parent-id`): 16 lowercase hex digits, not all zero. */
  readonly parentId: string;
  /** `trace-flags` as a number (0 to 255). */
  readonly flags: number;
  /** The `sampled` flag (bit 0 of `flags`). */
  readonly sampled: boolean;
  /** The `tracestate` header, when one came with the `traceparent` and is valid. */
  readonly state?: string | undefined;
}

/**
 * `ctx.trace`: the trace context the message carried. At least one of `xray` and `w3c` is set;
 * `ctx.trace` is undefined when the message carried neither (or only malformed headers, which are
 * ignored with one debug line on the logger).
 *
 * @example
 * ```ts
 * import { subscribe, type S3EventTrace } from 's3-event-kit';
 * const traceIdOf = (trace: S3EventTrace | undefined): string | undefined => trace?.w3c?.traceId ?? trace?.xray?.root;
 * export const handler = subscribe({}, async (event, ctx) => {
 *   console.log(event.key, 'trace', traceIdOf(ctx.trace));
 * });
 * ```
 * @category Subscribe
 */
export interface S3EventTrace {
  /** From the `AWSTraceHeader` SQS system attribute. */
  readonly xray?: S3EventXRayTrace | undefined;
  /** From the `traceparent` / `tracestate` message attributes. */
  readonly w3c?: S3EventW3CTrace | undefined;
}

/** The trace of a message, and what was found malformed (each a short phrase for the debug line). */
export interface TraceReading {
  readonly trace: S3EventTrace | undefined;
  readonly malformed: readonly string[];
}

const XRAY_ROOT = /^1-[0-9a-fA-F]{8}-[0-9a-fA-F]{24}$/;
const XRAY_PARENT = /^[0-9a-fA-F]{16}$/;
/** The longest header worth reading: X-Ray allows 7 KB of trace header data in all. */
const MAX_HEADER = 8192;

/** Parses an X-Ray trace header; undefined when it is malformed (no valid `Root`, a bad `Parent` or `Sampled`). */
export function parseXRayHeader(header: string): S3EventXRayTrace | undefined {
  if (header.length > MAX_HEADER) return undefined;
  let root: string | undefined;
  let parent: string | undefined;
  let sampled: boolean | undefined;
  for (const part of header.split(';')) {
    const field = part.trim();
    if (field === '') continue;
    const eq = field.indexOf('=');
    if (eq <= 0) return undefined;
    const key = field.slice(0, eq).trim();
    const value = field.slice(eq + 1).trim();
    if (key === 'Root') {
      if (root !== undefined || !XRAY_ROOT.test(value)) return undefined;
      root = value;
    } else if (key === 'Parent') {
      if (parent !== undefined || !XRAY_PARENT.test(value)) return undefined;
      parent = value;
    } else if (key === 'Sampled') {
      if (value === '1') sampled = true;
      else if (value === '0') sampled = false;
      else if (value !== '?') return undefined;
    }
    // Other fields (Self, Lineage, user data) are allowed and not read.
  }
  if (root === undefined) return undefined;
  return { header, root, ...(parent === undefined ? {} : { parent }), ...(sampled === undefined ? {} : { sampled }) };
}

const HEX2 = /^[0-9a-f]{2}$/;
const TRACE_ID = /^[0-9a-f]{32}$/;
const PARENT_ID = /^[0-9a-f]{16}$/;

/**
 * Parses a `traceparent` header (W3C Trace Context, section 3.2): `version-traceid-parentid-flags`,
 * lowercase hex only, version `ff` invalid, trace and parent IDs not all zero; version `00` is
 * exactly 55 characters, a later version at least 55 with a `-` after the flags.
 */
export function parseTraceparent(header: string): Omit<S3EventW3CTrace, 'state'> | undefined {
  const value = header.trim();
  if (value.length < 55 || value.length > MAX_HEADER) return undefined;
  const version = value.slice(0, 2);
  if (!HEX2.test(version) || version === 'ff') return undefined;
  if (version === '00' ? value.length !== 55 : value.length > 55 && value[55] !== '-') return undefined;
  if (value[2] !== '-' || value[35] !== '-' || value[52] !== '-') return undefined;
  const traceId = value.slice(3, 35);
  const parentId = value.slice(36, 52);
  const flagsHex = value.slice(53, 55);
  if (!TRACE_ID.test(traceId) || /^0+$/.test(traceId)) return undefined;
  if (!PARENT_ID.test(parentId) || /^0+$/.test(parentId)) return undefined;
  if (!HEX2.test(flagsHex)) return undefined;
  const flags = Number.parseInt(flagsHex, 16);
  return { traceparent: value, version, traceId, parentId, flags, sampled: (flags & 1) === 1 };
}

const SIMPLE_KEY = /^[a-z][_0-9a-z\-*/]{0,255}$/;
const TENANT_KEY = /^[a-z0-9][_0-9a-z\-*/]{0,240}@[a-z][_0-9a-z\-*/]{0,13}$/;
const STATE_VALUE = /^[\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,255}[\x21-\x2b\x2d-\x3c\x3e-\x7e]$/;

/**
 * Whether a `tracestate` header is valid (W3C Trace Context, section 3.3): at most 32 list-members
 * `key=value` separated by commas (empty members and spaces around them allowed), keys unique.
 */
export function isValidTracestate(header: string): boolean {
  if (header.length > MAX_HEADER) return false;
  const keys = new Set<string>();
  for (const raw of header.split(',')) {
    const member = raw.trim();
    if (member === '') continue;
    const eq = member.indexOf('=');
    if (eq <= 0) return false;
    const key = member.slice(0, eq);
    if (!(SIMPLE_KEY.test(key) || TENANT_KEY.test(key)) || !STATE_VALUE.test(member.slice(eq + 1)) || keys.has(key)) return false;
    keys.add(key);
    if (keys.size > 32) return false;
  }
  return true;
}

/** A string field of an object, or undefined. */
function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

/** The string value of a message attribute, in any of the three spellings (Lambda SQS, SQS API, SNS). */
function attribute(attributes: unknown, name: string): unknown {
  const entry = field(attributes, name);
  if (typeof entry !== 'object' || entry === null) return undefined;
  return field(entry, 'stringValue') ?? field(entry, 'StringValue') ?? field(entry, 'Value');
}

/** The trace headers of a message: where each kind of message keeps them. */
function headersOf(message: unknown): { xray: unknown; traceparent: unknown; tracestate: unknown } {
  const sns = field(message, 'Sns');
  if (sns !== undefined) {
    const attributes = field(sns, 'MessageAttributes');
    return { xray: undefined, traceparent: attribute(attributes, 'traceparent'), tracestate: attribute(attributes, 'tracestate') };
  }
  const system = field(message, 'attributes') ?? field(message, 'Attributes');
  const xray = field(system, 'AWSTraceHeader');
  const attributes = field(message, 'messageAttributes') ?? field(message, 'MessageAttributes');
  let traceparent = attribute(attributes, 'traceparent');
  let tracestate = attribute(attributes, 'tracestate');
  if (traceparent === undefined) {
    // SNS → SQS without raw delivery: the SNS message attributes are inside the body.
    const body = field(message, 'body') ?? field(message, 'Body');
    if (typeof body === 'string' && body.includes('"traceparent"')) {
      const inner = snsAttributes(body);
      traceparent = attribute(inner, 'traceparent');
      tracestate = attribute(inner, 'tracestate');
    }
  }
  return { xray, traceparent, tracestate };
}

function snsAttributes(body: string): unknown {
  try {
    const notification: unknown = JSON.parse(body);
    return field(notification, 'Type') === 'Notification' ? field(notification, 'MessageAttributes') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the trace context of a message (an SQS record or `ReceiveMessage` message, an SNS
 * record, anything else). Never throws: what is malformed is left out and named in `malformed`.
 */
export function readTrace(message: unknown): TraceReading {
  const { xray: xrayHeader, traceparent, tracestate } = headersOf(message);
  const malformed: string[] = [];
  let xray: S3EventXRayTrace | undefined;
  let w3c: S3EventW3CTrace | undefined;
  if (xrayHeader !== undefined) {
    xray = typeof xrayHeader === 'string' ? parseXRayHeader(xrayHeader) : undefined;
    if (xray === undefined) malformed.push(`AWSTraceHeader ${preview(xrayHeader)}`);
  }
  if (traceparent !== undefined) {
    const parsed = typeof traceparent === 'string' ? parseTraceparent(traceparent) : undefined;
    if (parsed === undefined) {
      malformed.push(`traceparent ${preview(traceparent)}`);
    } else if (tracestate === undefined) {
      w3c = parsed;
    } else if (typeof tracestate === 'string' && isValidTracestate(tracestate)) {
      const state = tracestate.trim();
      w3c = state === '' ? parsed : { ...parsed, state };
    } else {
      // The spec: an invalid tracestate is discarded; the traceparent still holds.
      malformed.push(`tracestate ${preview(tracestate)}`);
      w3c = parsed;
    }
  }
  const trace = xray === undefined && w3c === undefined ? undefined : { ...(xray && { xray }), ...(w3c && { w3c }) };
  return { trace, malformed };
}

/** A malformed value for the debug line: JSON, at most 80 characters. */
function preview(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? typeof value);
  } catch {
    text = typeof value;
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
