/**
 * `dynamoDbStore()`: an {@link EventStore} over a DynamoDB table, with conditional writes and a
 * TTL attribute, for dedupe and latestOnly shared by many consumers.
 * @module
 */
import { importPeer } from '../optional-peer.js';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { EventStoreError, InvalidOptionError } from '../store/errors.js';
import type { EventStore, StoreSetOptions } from '../store/types.js';
import { checkNumber } from '../store/errors.js';

/**
 * Any object with the DynamoDB client's `send`: a `DynamoDBClient` from `@aws-sdk/client-dynamodb`
 * v3, or a wrapper around one. The store passes it `GetItemCommand` and `PutItemCommand` objects.
 *
 * @example
 * ```ts
 * import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
 * import type { DynamoDbClientLike } from 's3-event-kit/aws';
 * const client: DynamoDbClientLike = new DynamoDBClient({ region: 'eu-west-1' });
 * ```
 * @category AWS
 */
export interface DynamoDbClientLike {
  send(command: unknown): Promise<unknown>;
}

/**
 * Options of {@link dynamoDbStore}. The table needs a string partition key (no sort key); turn
 * on TTL on `ttlAttribute` so DynamoDB deletes expired entries (the store ignores them anyway).
 *
 * @example
 * ```ts
 * import { dynamoDbStore, type DynamoDbStoreOptions } from 's3-event-kit/aws';
 * const options: DynamoDbStoreOptions = { tableName: 's3-event-dedupe', keyAttribute: 'pk', ttlAttribute: 'expiresAt' };
 * const store = dynamoDbStore(options);
 * ```
 * @category AWS
 */
export interface DynamoDbStoreOptions {
  /** The table's name (or ARN). */
  readonly tableName: string;
  /**
   * The client. Without one, a `DynamoDBClient` with the default configuration (region and
   * credentials from the environment) is created on first use, with a dynamic `import()` of the
   * optional peer dependency `@aws-sdk/client-dynamodb`.
   */
  readonly client?: DynamoDbClientLike | undefined;
  /** The table's partition key, of type string. @defaultValue 'pk' */
  readonly keyAttribute?: string | undefined;
  /** The attribute that holds the value. @defaultValue 'value' */
  readonly valueAttribute?: string | undefined;
  /** The TTL attribute: a number, seconds since the epoch. @defaultValue 'expiresAt' */
  readonly ttlAttribute?: string | undefined;
  /** The clock, in milliseconds since the epoch (for tests). @defaultValue Date.now */
  readonly now?: (() => number) | undefined;
}

type Sdk = typeof import('@aws-sdk/client-dynamodb');

/** The SDK module, imported on first use only. */
function loadSdk(): Promise<Sdk> {
  return importPeer<Sdk>('@aws-sdk/client-dynamodb', 'dynamoDbStore');
}

/** DynamoDB's limit on a partition key value, in bytes of UTF-8. */
const MAX_KEY_BYTES = 2048;
/** What a hashed key ends with, before the 64 hex digits of the SHA-256 of the whole key. */
const HASH_MARK = '#sha256:';
/** 8 + 64 bytes (ASCII). */
const HASH_SUFFIX_BYTES = HASH_MARK.length + 64;

let crypto: Promise<typeof import('node:crypto')> | undefined;

/**
 * The partition key value a store key is kept under. A key of at most 2 048 bytes of UTF-8 is
 * used as is (so tables written before keys were hashed keep working). A longer one becomes its
 * longest prefix of whole characters that leaves room for `#sha256:` and the 64 hex digits of the
 * SHA-256 of the whole key (UTF-8), so it stays readable in the console and fits the limit.
 * `node:crypto` is imported the first time a key needs it.
 */
async function partitionKey(key: string): Promise<string> {
  if (Buffer.byteLength(key, 'utf8') <= MAX_KEY_BYTES) return key;
  crypto ??= import('node:crypto');
  const digest = (await crypto).createHash('sha256').update(key, 'utf8').digest('hex');
  let room = MAX_KEY_BYTES - HASH_SUFFIX_BYTES;
  let end = 0;
  for (const char of key) {
    const bytes = Buffer.byteLength(char, 'utf8');
    if (bytes > room) break;
    room -= bytes;
    end += char.length;
  }
  return `${key.slice(0, end)}${HASH_MARK}${digest}`;
}

function nonEmpty(option: string, value: string | undefined, fallback: string): string {
  const name = value ?? fallback;
  if (typeof name !== 'string' || name === '') throw new InvalidOptionError('dynamoDbStore', option, value, 'a non-empty string');
  return name;
}

/**
 * A shared {@link EventStore} over DynamoDB: `get` is a strongly consistent `GetItem`; `set`
 * is a `PutItem` whose `ConditionExpression` makes the claim atomic across consumers —
 * `attribute_not_exists(pk) OR expiresAt <= :now` for `{ absent: true }`, and
 * `value = :expected AND expiresAt > :now` for `{ equals }`. A failed condition
 * (`ConditionalCheckFailedException`) resolves to `false`; any other failure rejects with
 * {@link EventStoreError}.
 *
 * Keys: DynamoDB refuses a partition key value over 2 048 bytes, and a store key (for dedupe, the
 * event's name, bucket, key and version id as JSON) can be longer: S3 keys and version ids may each
 * take 1 024 bytes of UTF-8, and JSON escapes some characters (`"` and control characters). A key
 * of at most 2 048 bytes of UTF-8 — bytes, not `string.length` — is stored unchanged; a longer one
 * as its longest prefix of whole characters followed by `#sha256:` and the hex SHA-256 of the whole
 * key, 2 048 bytes at most. Keys written before this rule existed all fit, so existing tables keep
 * working. The keys the library builds are JSON and end with `]`, never with a hex digit, so a
 * hashed key cannot equal one of them.
 *
 * Entries carry a TTL attribute (epoch seconds). DynamoDB deletes expired items in the background,
 * typically within a few days, and until then they still show up in reads — so the store treats
 * an item whose TTL has passed as absent itself. Times have one-second granularity.
 *
 * Create the table once (on-demand capacity suits bursts of events):
 *
 * ```sh
 * aws dynamodb create-table --table-name s3-event-dedupe --billing-mode PAY_PER_REQUEST \
 *   --attribute-definitions AttributeName=pk,AttributeType=S --key-schema AttributeName=pk,KeyType=HASH
 * aws dynamodb update-time-to-live --table-name s3-event-dedupe \
 *   --time-to-live-specification Enabled=true,AttributeName=expiresAt
 * ```
 *
 * The consumer needs `dynamodb:GetItem` and `dynamodb:PutItem` on the table.
 *
 * @example
 * ```ts
 * import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
 * import { createGuard } from 's3-event-kit';
 * import { dynamoDbStore } from 's3-event-kit/aws';
 *
 * const store = dynamoDbStore({ tableName: 's3-event-dedupe', client: new DynamoDBClient({}) });
 * const guard = createGuard({ dedupe: { store }, latestOnly: { store } });
 * ```
 * @category AWS
 */
export function dynamoDbStore(options: DynamoDbStoreOptions): EventStore {
  const tableName = nonEmpty('tableName', options.tableName, '');
  const keyName = nonEmpty('keyAttribute', options.keyAttribute, 'pk');
  const valueName = nonEmpty('valueAttribute', options.valueAttribute, 'value');
  const ttlName = nonEmpty('ttlAttribute', options.ttlAttribute, 'expiresAt');
  const now = options.now ?? Date.now;
  const where = `DynamoDB table ${tableName}`;
  let client: Promise<DynamoDbClientLike> | undefined;

  const getClient = (): Promise<DynamoDbClientLike> => {
    const made: Promise<DynamoDbClientLike> = client ?? (options.client ? Promise.resolve(options.client) : loadSdk().then(({ DynamoDBClient }) => new DynamoDBClient({})));
    client = made;
    return made;
  };
  const nowSeconds = (): number => Math.floor(now() / 1000);

  return {
    async get(key: string): Promise<string | undefined> {
      const { GetItemCommand } = await loadSdk();
      const stored = await partitionKey(key);
      let output: { Item?: Record<string, AttributeValue> | undefined };
      try {
        output = (await (await getClient()).send(
          new GetItemCommand({
            TableName: tableName,
            Key: { [keyName]: { S: stored } },
            ConsistentRead: true,
            ProjectionExpression: '#v, #t',
            ExpressionAttributeNames: { '#v': valueName, '#t': ttlName },
          }),
        )) as typeof output;
      } catch (cause) {
        throw new EventStoreError(where, 'GetItem', key, cause);
      }
      const value = output.Item?.[valueName]?.S;
      const expiresAt = Number(output.Item?.[ttlName]?.N);
      return value !== undefined && expiresAt > nowSeconds() ? value : undefined;
    },

    async set(key: string, value: string, { ttlSeconds, condition }: StoreSetOptions): Promise<boolean> {
      checkNumber('dynamoDbStore', 'ttlSeconds', ttlSeconds, 0);
      const { PutItemCommand } = await loadSdk();
      const stored = await partitionKey(key);
      const at = nowSeconds();
      const names: Record<string, string> = {};
      const values: Record<string, AttributeValue> = {};
      let expression: string | undefined;
      if (condition !== undefined) {
        names['#t'] = ttlName;
        values[':now'] = { N: String(at) };
        if ('absent' in condition) {
          names['#k'] = keyName;
          expression = 'attribute_not_exists(#k) OR #t <= :now';
        } else {
          names['#v'] = valueName;
          values[':expected'] = { S: condition.equals };
          expression = '#v = :expected AND #t > :now';
        }
      }
      try {
        await (await getClient()).send(
          new PutItemCommand({
            TableName: tableName,
            Item: { [keyName]: { S: stored }, [valueName]: { S: value }, [ttlName]: { N: String(at + Math.ceil(ttlSeconds)) } },
            ...(expression === undefined
              ? {}
              : { ConditionExpression: expression, ExpressionAttributeNames: names, ExpressionAttributeValues: values }),
          }),
        );
        return true;
      } catch (cause) {
        if (cause instanceof Error && cause.name === 'ConditionalCheckFailedException') return false;
        throw new EventStoreError(where, 'PutItem', key, cause);
      }
    },
  };
}
