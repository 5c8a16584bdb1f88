/**
 * The four ways to turn the SQS batch into S3 events, each checked for the right answer before
 * it is timed.
 */
import { deepStrictEqual } from 'node:assert/strict';
import { parse as powertoolsParse } from '@aws-lambda-powertools/parser';
import { SnsSqsEnvelope } from '@aws-lambda-powertools/parser/envelopes/sns-sqs';
import { SqsEnvelope } from '@aws-lambda-powertools/parser/envelopes/sqs';
import { JSONStringified } from '@aws-lambda-powertools/parser/helpers';
import { S3Schema } from '@aws-lambda-powertools/parser/schemas/s3';
import middyEventNormalizer from '@middy/event-normalizer';
import type * as Kit from '../src/index.js';
import { KEYS, type Scenario } from './events.js';
import type { Contestant } from './timing.js';

type Json = Record<string, unknown>;
type Event = Scenario['event'];

/** `before` of `@middy/event-normalizer` (its `.d.ts` points at `@middy/core`, which is not installed). */
type MiddyBefore = (request: { event: unknown }) => Promise<void>;
const middyBefore = (middyEventNormalizer as unknown as () => { before: MiddyBefore })().before;

const S3FromJson = JSONStringified(S3Schema);

/**
 * The copy middy needs: it replaces `record.body` with the parsed object (and then mutates only
 * that fresh object), so a new top-level object with shallow copies of the SQS records is enough
 * to keep the shared event intact. Timed on its own as the `copy` row and subtracted from middy.
 */
export function copyForMiddy(event: Event): { Records: Json[] } {
  const records = event.Records;
  const out: Json[] = new Array<Json>(records.length);
  for (let i = 0; i < records.length; i++) out[i] = { ...records[i] };
  return { Records: out };
}

const decode = (key: string): string => decodeURIComponent(key.replace(/\+/g, ' '));

interface S3Records {
  Records: { s3: { object: { key: string } } }[];
}

/** The floor on S3 → SQS: `JSON.parse` of each body and a key decode per S3 record; nothing else. */
function floorSqs(event: Event): string[] {
  const keys: string[] = [];
  for (const record of event.Records) {
    const s3 = JSON.parse(record['body'] as string) as S3Records;
    for (const r of s3.Records) keys.push(decode(r.s3.object.key));
  }
  return keys;
}

/** The floor on S3 → SNS → SQS: two `JSON.parse` per message and a key decode per S3 record. */
function floorSnsSqs(event: Event): string[] {
  const keys: string[] = [];
  for (const record of event.Records) {
    const sns = JSON.parse(record['body'] as string) as { Message: string };
    const s3 = JSON.parse(sns.Message) as S3Records;
    for (const r of s3.Records) keys.push(decode(r.s3.object.key));
  }
  return keys;
}

export type Road = 'sqs' | 'sns-sqs';

export interface Contestants {
  readonly ours: Contestant;
  readonly powertools: Contestant;
  /** middy on a fresh copy, copy included: subtract `copy` round by round. */
  readonly middyWithCopy: Contestant;
  readonly copy: Contestant;
  readonly floor: Contestant;
}

export const DECODED = KEYS.map((k) => k.decoded);
const RAW = KEYS.map((k) => k.raw);

export async function contestants(kit: typeof Kit, scenario: Scenario, road: Road): Promise<Contestants> {
  const { event } = scenario;
  const before = JSON.stringify(event);
  const floor = road === 'sqs' ? floorSqs : floorSnsSqs;
  const envelope = road === 'sqs' ? SqsEnvelope : SnsSqsEnvelope;
  const viaExpected = road === 'sqs' ? ['s3', 'sqs'] : ['s3', 'sns', 'sqs'];

  // Check every contestant's answer once, before timing anything.
  const ours = kit.normalize(event);
  deepStrictEqual(ours.map((e) => e.key), DECODED, `${scenario.name}: s3-event-kit keys`);
  deepStrictEqual(ours.map((e) => [...e.via]), DECODED.map(() => viaExpected), `${scenario.name}: s3-event-kit via`);
  const pt = powertoolsParse(event, envelope, S3FromJson);
  deepStrictEqual(pt.flatMap((m) => m.Records.map((r) => r.s3.object.key)), RAW, `${scenario.name}: Powertools keys (it does not decode them)`);
  const request = { event: copyForMiddy(event) as unknown };
  await middyBefore(request);
  deepStrictEqual(middyKeys(request.event, road), DECODED, `${scenario.name}: middy keys`);
  deepStrictEqual(floor(event), DECODED, `${scenario.name}: floor keys`);
  if (JSON.stringify(event) !== before) throw new Error(`${scenario.name}: a contestant mutated the shared event`);

  return {
    ours: { id: 'ours', run: () => kit.normalize(event).length },
    powertools: { id: 'powertools', run: () => powertoolsParse(event, envelope, S3FromJson).length },
    middyWithCopy: {
      id: 'middy',
      run: () => {
        const req = { event: copyForMiddy(event) };
        // The hook is async but does all its work synchronously; a rejection would crash the run.
        void middyBefore(req);
        return req.event.Records.length;
      },
    },
    copy: { id: 'copy', run: () => copyForMiddy(event).Records.length },
    floor: { id: 'floor', run: () => floor(event).length },
  };
}

function middyKeys(event: unknown, road: Road): string[] {
  const records = (event as { Records: { body: Json }[] }).Records;
  return records.flatMap((r) => {
    const s3 = (road === 'sqs' ? r.body : r.body['Message']) as S3Records;
    return s3.Records.map((x) => x.s3.object.key);
  });
}
