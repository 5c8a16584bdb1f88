/** How the CLI shows events, test events and failures: human-readable lines, or plain JSON. @internal @module */
import { eventId } from '../dedupe/event-id.js';
import type { S3ObjectEvent, S3TestNotification } from '../events/normalized.js';
import type { S3EventParseError } from '../normalize/errors.js';

/** An event as JSON: every field but the original record, plus its `eventId`. */
export function eventJson(event: S3ObjectEvent): Record<string, unknown> {
  const { record: _record, ...fields } = event;
  return { id: eventId(event), ...fields };
}

export function testEventJson(test: S3TestNotification): Record<string, unknown> {
  const { record: _record, ...fields } = test;
  return fields;
}

export function failureJson(failure: S3EventParseError): Record<string, unknown> {
  return { code: failure.code, path: failure.path, messageId: failure.messageId, message: failure.message };
}

const road = (via: readonly string[]): string => via.join(' → ');

/** The lines describing one event, indented. */
export function eventLines(event: S3ObjectEvent, indent = '  '): string[] {
  const lines = [`${indent}${event.name}  s3://${event.bucket}/${event.key}`];
  const facts: Array<[string, unknown]> = [
    ['via', road(event.via)],
    ['time', event.time],
    ['region', event.region],
    ['size', event.size],
    ['eTag', event.eTag],
    ['versionId', event.versionId],
    ['sequencer', event.sequencer],
    ['rawKey', event.rawKey === event.key ? undefined : event.rawKey],
    ['requester', event.requester],
    ['sourceIp', event.sourceIp],
    ['requestId', event.requestId],
  ];
  if ('deletionType' in event) facts.push(['deletionType', event.deletionType]);
  for (const [name, value] of facts) if (value !== undefined && value !== '') lines.push(`${indent}  ${name}: ${String(value)}`);
  return lines;
}

export function testEventLines(test: S3TestNotification, indent = '  '): string[] {
  return [`${indent}s3:TestEvent for bucket ${test.bucket} at ${test.time} via ${road(test.via)} (acknowledged, never handled)`];
}

export function failureLines(failure: S3EventParseError, indent = '  '): string[] {
  return [`${indent}FAILED ${failure.code} at ${failure.path === '' ? '(the message itself)' : failure.path}`, `${indent}  ${failure.message}`];
}
