/**
 * Local validation of a notification configuration: the rules S3 enforces, found before any AWS
 * call, each with a message that says which rule (or which two rules) and why.
 * @module
 */
import { isS3EventName, type S3EventName } from '../events/names.js';
import { isFifoArn, parseArn } from './arn.js';
import { closest } from '../suggest.js';
import { isS3ConfigEventName, recordNamesOf, S3_CONFIG_EVENT_NAMES } from './names.js';
import { describeRule, keyFilterOf, KINDS, kindInfo, rulesOf, type LocatedRule } from './rules.js';
import type { NotificationRuleRef, S3NotificationConfiguration } from './types.js';

/**
 * What is wrong, as a stable code:
 *
 * - `OVERLAP`: two rules share an event type and a key could match both filters (S3: "Configurations overlap").
 * - `FIFO_DESTINATION`: a FIFO queue or topic; S3 delivers only to standard ones.
 * - `MULTIPLE_FILTER_RULES`: more than one prefix rule or more than one suffix rule.
 * - `INVALID_FILTER_RULE`: a filter rule named neither `prefix` nor `suffix`.
 * - `FILTER_VALUE_TOO_LONG`: a prefix or suffix longer than 1,024 characters.
 * - `NO_EVENTS`: a rule without event names.
 * - `EMPTY_NAME`: an empty event name, Id, or filter value.
 * - `UNKNOWN_EVENT`: not a configuration-side name (often a record name missing `s3:`).
 * - `INVALID_ARN` / `WRONG_SERVICE_ARN`: no ARN, not an ARN, or the ARN of another service.
 * - `REGION_MISMATCH`: a destination in another Region than the bucket (when `region` is given).
 * - `DUPLICATE_ID`: two rules with one Id.
 *
 * @example
 * ```ts
 * import type { NotificationConfigProblemCode } from 's3-event-kit/config';
 * const code: NotificationConfigProblemCode = 'OVERLAP';
 * ```
 * @category Config
 */
export type NotificationConfigProblemCode =
  | 'OVERLAP'
  | 'FIFO_DESTINATION'
  | 'MULTIPLE_FILTER_RULES'
  | 'INVALID_FILTER_RULE'
  | 'FILTER_VALUE_TOO_LONG'
  | 'NO_EVENTS'
  | 'EMPTY_NAME'
  | 'UNKNOWN_EVENT'
  | 'INVALID_ARN'
  | 'WRONG_SERVICE_ARN'
  | 'REGION_MISMATCH'
  | 'DUPLICATE_ID';

/**
 * One problem in a notification configuration.
 *
 * @example
 * ```ts
 * import { validateNotificationConfig } from 's3-event-kit/config';
 * const [problem] = validateNotificationConfig({
 *   QueueConfigurations: [{ Id: 'q', QueueArn: 'arn:aws:sqs:us-east-1:111122223333:jobs.fifo', Events: ['s3:ObjectCreated:*'] }],
 * });
 * problem?.code; //=> 'FIFO_DESTINATION'
 * ```
 * @category Config
 */
export interface NotificationConfigProblem {
  readonly code: NotificationConfigProblemCode;
  /** A full sentence naming the rule(s), the cause and the fix. */
  readonly message: string;
  /** The rule, or for `OVERLAP` and `DUPLICATE_ID` the two rules, involved. */
  readonly rules: readonly NotificationRuleRef[];
}

/**
 * Options of {@link validateNotificationConfig}.
 *
 * @example
 * ```ts
 * import type { ValidateNotificationOptions } from 's3-event-kit/config';
 * const options: ValidateNotificationOptions = { region: 'eu-west-1' };
 * ```
 * @category Config
 */
export interface ValidateNotificationOptions {
  /** The bucket's Region: destinations elsewhere are reported (S3 requires the same Region). */
  readonly region?: string | undefined;
}

/** The longest prefix or suffix value S3 accepts (API reference, `FilterRule`). */
const MAX_FILTER_VALUE = 1024;

const SERVICE_NAMES: Readonly<Record<string, string>> = {
  sqs: 'SQS queue',
  sns: 'SNS topic',
  lambda: 'Lambda function',
  s3: 'S3 bucket',
  events: 'EventBridge',
};

const EXPECTED: Readonly<Record<string, string>> = {
  queue: 'an SQS queue ARN',
  topic: 'an SNS topic ARN',
  lambda: 'a Lambda function ARN',
};

/**
 * Finds every problem S3 would reject (and a few that would silently break delivery) in a
 * notification configuration, without calling AWS. Returns `[]` when the configuration is valid.
 *
 * @param config - The SDK's `NotificationConfiguration` shape (what `GetBucketNotificationConfiguration` returns).
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html
 * @example
 * ```ts
 * import { validateNotificationConfig } from 's3-event-kit/config';
 * const problems = validateNotificationConfig({
 *   TopicConfigurations: [
 *     { Id: 'all', TopicArn: 'arn:aws:sns:us-east-1:111122223333:one', Events: ['s3:ObjectCreated:*'] },
 *     { Id: 'images', TopicArn: 'arn:aws:sns:us-east-1:111122223333:two', Events: ['s3:ObjectCreated:Put'],
 *       Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'images/' }] } } },
 *   ],
 * });
 * problems[0]?.message;
 * // 'topic rule "all" → … and topic rule "images" → … overlap: both receive ObjectCreated:Put, and …'
 * ```
 * @category Config
 */
export function validateNotificationConfig(
  config: S3NotificationConfiguration,
  options: ValidateNotificationOptions = {},
): NotificationConfigProblem[] {
  const problems: NotificationConfigProblem[] = [];
  const rules = rulesOf(config);
  for (const located of rules) problems.push(...ruleProblems(located, options));
  problems.push(...duplicateIds(rules));
  problems.push(...overlaps(rules));
  return problems;
}

function problem(code: NotificationConfigProblemCode, rules: readonly NotificationRuleRef[], message: string): NotificationConfigProblem {
  return { code, rules, message };
}

function ruleProblems({ ref, rule }: LocatedRule, options: ValidateNotificationOptions): NotificationConfigProblem[] {
  const out: NotificationConfigProblem[] = [];
  const who = describeRule(ref);
  const info = kindInfo(ref.kind);
  if (rule.Id === '') out.push(problem('EMPTY_NAME', [ref], `${who} has an empty Id; leave Id out to let S3 assign one, or name it.`));

  // Events
  const events: unknown = rule.Events;
  if (!Array.isArray(events) || events.length === 0) {
    out.push(problem('NO_EVENTS', [ref], `${who} lists no events; give it at least one, such as "s3:ObjectCreated:*".`));
  } else {
    for (const event of events as unknown[]) {
      if (event === '' || typeof event !== 'string') {
        out.push(problem('EMPTY_NAME', [ref], `${who} has an empty event name.`));
      } else if (!isS3ConfigEventName(event)) {
        const near = closest(event, S3_CONFIG_EVENT_NAMES);
        const hint = isS3EventName(event)
          ? ` Configuration names carry the s3: prefix: write "s3:${event}".`
          : event.startsWith('s3:') && event.endsWith(':*')
            ? ' S3 offers no wildcard for that family; list the names one by one.'
            : near !== undefined
              ? ` Did you mean ${JSON.stringify(near)}?`
              : ' See S3_CONFIG_EVENT_NAMES for the names S3 accepts.';
        out.push(problem('UNKNOWN_EVENT', [ref], `${who} lists ${JSON.stringify(event)}, which is not an S3 event type.${hint}`));
      }
    }
  }

  // Destination ARN
  const arn = ref.arn;
  if (arn === undefined || arn === '') {
    out.push(problem('INVALID_ARN', [ref], `${who} has no ${info.arn}.`));
  } else {
    const parsed = parseArn(arn);
    if (parsed === undefined) {
      out.push(problem('INVALID_ARN', [ref], `${who}: ${info.arn} ${JSON.stringify(arn)} is not an ARN (arn:partition:${info.service}:region:account:…).`));
    } else if (parsed.service !== info.service) {
      const what = SERVICE_NAMES[parsed.service] ?? `${parsed.service} resource`;
      const home = KINDS.find((other) => other.service === parsed.service);
      const fix = home !== undefined ? ` Move the rule to ${home.list}.` : '';
      out.push(
        problem(
          'WRONG_SERVICE_ARN',
          [ref],
          `${who}: ${info.arn} names ${/^[AEIOUS]/.test(what) ? 'an' : 'a'} ${what}, but must be ${EXPECTED[ref.kind]}.${fix}`,
        ),
      );
    } else {
      if (ref.kind === 'lambda' && !parsed.resource.startsWith('function:')) {
        out.push(problem('INVALID_ARN', [ref], `${who}: ${JSON.stringify(arn)} is not a Lambda function ARN (…:function:name).`));
      }
      if (ref.kind !== 'lambda' && isFifoArn(arn)) {
        out.push(
          problem(
            'FIFO_DESTINATION',
            [ref],
            `${who}: S3 cannot send event notifications to a FIFO ${ref.kind === 'queue' ? 'queue' : 'topic'}; use a standard one (or route through EventBridge, which can target SQS FIFO queues).`,
          ),
        );
      }
      if (options.region !== undefined && parsed.region !== '' && parsed.region !== options.region) {
        out.push(
          problem('REGION_MISMATCH', [ref], `${who} is in ${parsed.region}, but the bucket is in ${options.region}; S3 notifies destinations in the bucket's Region only.`),
        );
      }
    }
  }

  // Filter
  const filter = keyFilterOf(rule);
  for (const [kind, values] of [['prefix', filter.prefixes], ['suffix', filter.suffixes]] as const) {
    if (values.length > 1) {
      out.push(
        problem(
          'MULTIPLE_FILTER_RULES',
          [ref],
          `${who} has ${values.length} ${kind} rules (${values.map((v) => JSON.stringify(v)).join(', ')}); S3 accepts one prefix and one suffix per rule. Add one rule per ${kind} instead.`,
        ),
      );
    }
    for (const value of values) {
      if (value === '') {
        out.push(problem('EMPTY_NAME', [ref], `${who} has an empty ${kind} value; leave the ${kind} rule out to match every key.`));
      } else if (value.length > MAX_FILTER_VALUE) {
        out.push(problem('FILTER_VALUE_TOO_LONG', [ref], `${who} has a ${kind} of ${value.length} characters; S3 accepts at most ${MAX_FILTER_VALUE}.`));
      }
    }
  }
  for (const unknown of filter.unknown) {
    out.push(
      problem('INVALID_FILTER_RULE', [ref], `${who} has a filter rule named ${JSON.stringify(unknown?.Name ?? null)}; only "prefix" and "suffix" exist.`),
    );
  }
  return out;
}

function duplicateIds(rules: readonly LocatedRule[]): NotificationConfigProblem[] {
  const out: NotificationConfigProblem[] = [];
  const seen = new Map<string, NotificationRuleRef>();
  for (const { ref } of rules) {
    if (ref.id === undefined || ref.id === '') continue;
    const first = seen.get(ref.id);
    if (first === undefined) seen.set(ref.id, ref);
    else {
      out.push(
        problem('DUPLICATE_ID', [first, ref], `${describeRule(first)} and ${describeRule(ref)} share the Id ${JSON.stringify(ref.id)}; give every rule its own Id.`),
      );
    }
  }
  return out;
}

/** The part of a filter that decides overlap: one prefix and one suffix (`''` = none, matches every key). */
interface Span {
  readonly prefix: string;
  readonly suffix: string;
}

function spanOf(rule: LocatedRule['rule']): Span {
  const filter = keyFilterOf(rule);
  return { prefix: filter.prefixes[0] ?? '', suffix: filter.suffixes[0] ?? '' };
}

/** Why two prefixes (or suffixes) can both hold for one key, or `undefined` when they cannot. */
function sharedBy(kind: 'prefix' | 'suffix', a: string, b: string, nameA: string, nameB: string): string | undefined {
  const fits = kind === 'prefix' ? (x: string, y: string) => x.startsWith(y) : (x: string, y: string) => x.endsWith(y);
  const verb = kind === 'prefix' ? 'starts with' : 'ends with';
  if (a === '' && b === '') return `neither has a ${kind}`;
  if (a === '') return `${nameA} has no ${kind}, which matches every key`;
  if (b === '') return `${nameB} has no ${kind}, which matches every key`;
  if (a === b) return `both have the ${kind} ${JSON.stringify(a)}`;
  if (fits(a, b)) return `${kind} ${JSON.stringify(a)} ${verb} ${JSON.stringify(b)}`;
  if (fits(b, a)) return `${kind} ${JSON.stringify(b)} ${verb} ${JSON.stringify(a)}`;
  return undefined;
}

function expanded(rule: LocatedRule['rule']): Set<S3EventName> {
  const names = new Set<S3EventName>();
  if (Array.isArray(rule.Events)) for (const event of rule.Events) for (const name of recordNamesOf(event)) names.add(name);
  return names;
}

function overlaps(rules: readonly LocatedRule[]): NotificationConfigProblem[] {
  const out: NotificationConfigProblem[] = [];
  const events = rules.map((located) => expanded(located.rule));
  const spans = rules.map((located) => spanOf(located.rule));
  for (let i = 0; i < rules.length; i++) {
    for (let j = i + 1; j < rules.length; j++) {
      const a = rules[i] as LocatedRule;
      const b = rules[j] as LocatedRule;
      const shared = [...(events[i] as Set<S3EventName>)].filter((name) => (events[j] as Set<S3EventName>).has(name));
      if (shared.length === 0) continue;
      const spanA = spans[i] as Span;
      const spanB = spans[j] as Span;
      const nameA = a.ref.id !== undefined ? JSON.stringify(a.ref.id) : `#${a.ref.index + 1}`;
      const nameB = b.ref.id !== undefined ? JSON.stringify(b.ref.id) : `#${b.ref.index + 1}`;
      const byPrefix = sharedBy('prefix', spanA.prefix, spanB.prefix, nameA, nameB);
      if (byPrefix === undefined) continue;
      const bySuffix = sharedBy('suffix', spanA.suffix, spanB.suffix, nameA, nameB);
      if (bySuffix === undefined) continue;
      const listed = shared.length > 4 ? `${shared.slice(0, 4).join(', ')} and ${shared.length - 4} more` : shared.join(', ');
      out.push(
        problem(
          'OVERLAP',
          [a.ref, b.ref],
          `${describeRule(a.ref)} and ${describeRule(b.ref)} overlap: both receive ${listed}, and one key can match both filters (${byPrefix}; ${bySuffix}). ` +
            'S3 rejects this ("Configurations overlap"): one event type goes to at most one destination per key. ' +
            'Use prefixes or suffixes that cannot both match a key, split the event types, or fan out through one SNS topic or EventBridge.',
        ),
      );
    }
  }
  return out;
}
