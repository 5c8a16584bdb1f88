/**
 * The three SQS calls the consumer makes, on the user's client or on one created lazily. The AWS
 * SDK is an optional peer dependency: it is loaded with a dynamic `import()` when a consumer
 * starts, never when the package is imported.
 * @internal @module
 */
import type { SqsMessage } from '../events/envelopes.js';
import { importPeer, MissingPeerDependencyError } from '../optional-peer.js';
import type { SqsClientLike, SqsCommands } from './consumer-types.js';

/** The SDK command classes the consumer uses (structurally: `new X(input)`). */
interface Commands {
  ReceiveMessageCommand: new (input: object) => object;
  DeleteMessageBatchCommand: new (input: object) => object;
  ChangeMessageVisibilityBatchCommand: new (input: object) => object;
}

interface SdkModule extends Commands {
  SQSClient: new (config: object) => SqsClientLike;
}

const PEER = '@aws-sdk/client-sqs';

/** What to do when the SDK cannot be loaded: the bundling case is the usual one, so it is named first. */
const BUNDLE_ADVICE =
  `it could not be imported. If this worker is bundled into one file (esbuild, webpack, ncc), the SDK inside the bundle ` +
  `cannot be reached by the library's lazy import(): pass it in, start({ queueUrl, client: new SQSClient({}), commands: ` +
  `{ ReceiveMessageCommand, DeleteMessageBatchCommand, ChangeMessageVisibilityBatchCommand } }) with all four imported ` +
  `from '${PEER}' in your own code; otherwise install it: npm install ${PEER}`;

/** An `SQSClient` of the SDK (or a subclass): it can only send the SDK's own command objects. */
function isSdkClient(client: SqsClientLike): boolean {
  const c = client as { middlewareStack?: unknown; config?: unknown };
  return typeof c.middlewareStack === 'object' && c.middlewareStack !== null && typeof c.config === 'object' && c.config !== null;
}

/** Loads `@aws-sdk/client-sqs` through the package's one loader of optional peers (once per process). */
function loadSdk(): Promise<SdkModule> {
  return importPeer<SdkModule>(PEER, 'subscribe().start() without a client');
}

/**
 * Plain commands for a client that is not the SDK's, when the SDK is not installed: each has the
 * SDK's class name and `input`, which is all a structural `send(command)` needs to dispatch on.
 */
const plainCommands: Commands = {
  ReceiveMessageCommand: class ReceiveMessageCommand {
    constructor(readonly input: object) {}
  },
  DeleteMessageBatchCommand: class DeleteMessageBatchCommand {
    constructor(readonly input: object) {}
  },
  ChangeMessageVisibilityBatchCommand: class ChangeMessageVisibilityBatchCommand {
    constructor(readonly input: object) {}
  },
};

/**
 * The system attributes the consumer reads: the receive count and FIFO group, the X-Ray trace
 * header (`ctx.trace`) and the queue a dead-lettered message came from (`ctx.redrivenFrom`).
 */
const SYSTEM_ATTRIBUTES = ['ApproximateReceiveCount', 'MessageGroupId', 'AWSTraceHeader', 'DeadLetterQueueSourceArn'];
/** The message attributes `ctx.trace` reads (W3C Trace Context), asked for besides the user's. */
const TRACE_ATTRIBUTES = ['traceparent', 'tracestate'];

/** The user's `messageAttributeNames` and the trace attributes (unless the user's already cover every name). */
export function messageAttributeNames(names: readonly string[]): string[] {
  if (names.includes('All') || names.includes('.*')) return [...names];
  return [...names, ...TRACE_ATTRIBUTES.filter((name) => !names.includes(name))];
}

/** One entry of a batch call that SQS did not carry out. */
export interface BatchFailure {
  readonly id: string;
  readonly code: string | undefined;
  readonly message: string | undefined;
  readonly senderFault: boolean;
}

export interface VisibilityEntry {
  readonly receiptHandle: string;
  readonly seconds: number;
}

/** The consumer's view of SQS. */
export class SqsApi {
  private constructor(
    readonly client: SqsClientLike,
    private readonly commands: Commands,
    readonly queueUrl: string,
  ) {}

  /**
   * The user's commands, else the SDK's; with the user's client, else a default `SQSClient` (from
   * the commands, when the whole module was passed). A client that is not the SDK's gets plain
   * commands when the SDK is not installed; an SDK client never does (it could not send them):
   * then, and when no client can be made, this rejects with a `MissingPeerDependencyError`.
   */
  static async create(queueUrl: string, client: SqsClientLike | undefined, given: SqsCommands | undefined): Promise<SqsApi> {
    const passed = given as (Commands & Partial<SdkModule>) | undefined;
    if (passed && (client || passed.SQSClient)) {
      return new SqsApi(client ?? new (passed.SQSClient as SdkModule['SQSClient'])({}), passed, queueUrl);
    }
    let module: SdkModule;
    try {
      module = await loadSdk();
    } catch (error) {
      if (client && !isSdkClient(client) && !passed) return new SqsApi(client, plainCommands, queueUrl);
      const purpose = client ? 'subscribe().start() with an SQSClient but without its commands' : 'subscribe().start() without a client';
      throw new MissingPeerDependencyError(PEER, purpose, (error as Error).cause ?? error, BUNDLE_ADVICE);
    }
    return new SqsApi(client ?? new module.SQSClient({}), passed ?? module, queueUrl);
  }

  async receive(
    input: { max: number; wait: number; visibility: number; attributes: readonly string[] },
    signal: AbortSignal,
  ): Promise<SqsMessage[]> {
    const command = new this.commands.ReceiveMessageCommand({
      QueueUrl: this.queueUrl,
      MaxNumberOfMessages: input.max,
      WaitTimeSeconds: input.wait,
      VisibilityTimeout: input.visibility,
      MessageSystemAttributeNames: SYSTEM_ATTRIBUTES,
      MessageAttributeNames: messageAttributeNames(input.attributes),
    });
    const output = (await this.client.send(command, { abortSignal: signal })) as { Messages?: SqsMessage[] } | undefined;
    return output?.Messages ?? [];
  }

  /** Deletes up to 10 messages; returns the entries SQS did not delete. */
  async deleteBatch(receiptHandles: readonly string[]): Promise<BatchFailure[]> {
    const command = new this.commands.DeleteMessageBatchCommand({
      QueueUrl: this.queueUrl,
      Entries: receiptHandles.map((ReceiptHandle, i) => ({ Id: String(i), ReceiptHandle })),
    });
    return failuresOf(await this.client.send(command));
  }

  /** Changes the visibility of up to 10 messages; returns the entries SQS did not change. */
  async changeVisibilityBatch(entries: readonly VisibilityEntry[]): Promise<BatchFailure[]> {
    const command = new this.commands.ChangeMessageVisibilityBatchCommand({
      QueueUrl: this.queueUrl,
      Entries: entries.map((e, i) => ({ Id: String(i), ReceiptHandle: e.receiptHandle, VisibilityTimeout: e.seconds })),
    });
    return failuresOf(await this.client.send(command));
  }
}

function failuresOf(output: unknown): BatchFailure[] {
  const failed = (output as { Failed?: unknown } | undefined)?.Failed;
  if (!Array.isArray(failed)) return [];
  return failed.map((entry: { Id?: unknown; Code?: unknown; Message?: unknown; SenderFault?: unknown }) => ({
    id: String(entry.Id),
    code: typeof entry.Code === 'string' ? entry.Code : undefined,
    message: typeof entry.Message === 'string' ? entry.Message : undefined,
    senderFault: entry.SenderFault === true,
  }));
}
