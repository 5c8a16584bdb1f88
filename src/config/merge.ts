/**
 * Merging a change into a bucket's notification configuration by rule `Id`, and the diff between
 * two configurations. Pure: the network part is in `apply.ts`.
 * @module
 */
import { S3ConfigError } from './errors.js';
import { keyFilterOf, KINDS, rulesOf, type AnyRule } from './rules.js';
import type {
  NotificationRuleKind,
  S3FilterRule,
  S3NotificationConfiguration,
  S3NotificationFilter,
} from './types.js';

/**
 * How a change meets the current configuration: `'merge'` adds or replaces rules by `Id` and keeps
 * everything else (including `EventBridgeConfiguration`); `'replace'` writes the change as the
 * whole configuration, removing whatever it does not list.
 *
 * @example
 * ```ts
 * import type { ApplyMode } from 's3-event-kit/config';
 * const mode: ApplyMode = 'merge';
 * ```
 * @category Config
 */
export type ApplyMode = 'merge' | 'replace';

/**
 * One rule as the diff reports it.
 *
 * @example
 * ```ts
 * import type { NotificationRuleSummary } from 's3-event-kit/config';
 * const rule: NotificationRuleSummary = {
 *   kind: 'queue', id: 'uploads', arn: 'arn:aws:sqs:us-east-1:111122223333:uploads',
 *   events: ['s3:ObjectCreated:*'], prefix: 'uploads/', suffix: undefined,
 * };
 * ```
 * @category Config
 */
export interface NotificationRuleSummary {
  readonly kind: NotificationRuleKind;
  readonly id: string | undefined;
  readonly arn: string | undefined;
  /** Sorted, without duplicates. */
  readonly events: readonly string[];
  /** As stored (URL-encoded). */
  readonly prefix: string | undefined;
  readonly suffix: string | undefined;
}

/**
 * What a write changes (or changed): rules added, replaced (same Id, different content), removed,
 * kept, and whether EventBridge delivery is switched.
 *
 * @example
 * ```ts
 * import { mergeNotificationConfig } from 's3-event-kit/config';
 * const { diff } = mergeNotificationConfig({}, { EventBridgeConfiguration: {} });
 * diff.eventBridge; //=> 'enabled'
 * diff.changed; //=> true
 * ```
 * @category Config
 */
export interface NotificationConfigDiff {
  /** `false` when the result equals the current configuration: nothing needs writing. */
  readonly changed: boolean;
  readonly added: readonly NotificationRuleSummary[];
  readonly replaced: readonly { readonly before: NotificationRuleSummary; readonly after: NotificationRuleSummary }[];
  readonly removed: readonly NotificationRuleSummary[];
  /** Rules left exactly as they were. */
  readonly kept: readonly NotificationRuleSummary[];
  readonly eventBridge: 'enabled' | 'disabled' | 'unchanged';
}

/**
 * Options of {@link mergeNotificationConfig}.
 *
 * @example
 * ```ts
 * import type { MergeNotificationOptions } from 's3-event-kit/config';
 * const options: MergeNotificationOptions = { mode: 'merge', remove: ['old-rule'] };
 * ```
 * @category Config
 */
export interface MergeNotificationOptions {
  /** Default `'merge'`. */
  readonly mode?: ApplyMode | undefined;
  /** Ids of rules to remove (merge mode). */
  readonly remove?: readonly string[] | undefined;
}

/**
 * The merged configuration and its diff against the current one.
 *
 * @example
 * ```ts
 * import type { MergedNotificationConfig } from 's3-event-kit/config';
 * declare const merged: MergedNotificationConfig;
 * if (merged.diff.changed) console.log(merged.config);
 * ```
 * @category Config
 */
export interface MergedNotificationConfig {
  readonly config: S3NotificationConfiguration;
  readonly diff: NotificationConfigDiff;
}

type RuleList = 'QueueConfigurations' | 'TopicConfigurations' | 'LambdaFunctionConfigurations';

/** A rule rewritten to exactly the fields S3 knows, filter names lower-case (`Prefix` → `prefix`). */
function cleanRule(rule: AnyRule, arnKey: 'QueueArn' | 'TopicArn' | 'LambdaFunctionArn'): AnyRule {
  const filter = keyFilterOf(rule);
  const rules: S3FilterRule[] = [
    ...filter.prefixes.map((value) => ({ Name: 'prefix', Value: value })),
    ...filter.suffixes.map((value) => ({ Name: 'suffix', Value: value })),
    ...filter.unknown.map((unknown) => ({ ...unknown })),
  ];
  const out: AnyRule = {
    ...(rule.Id !== undefined && { Id: rule.Id }),
    [arnKey]: rule[arnKey],
    Events: Array.isArray(rule.Events) ? [...rule.Events] : rule.Events,
  };
  if (rules.length > 0) out.Filter = { Key: { FilterRules: rules } } satisfies S3NotificationFilter;
  return out;
}

/**
 * A copy of a configuration with only the fields S3 knows (no `$metadata`), filter rule names
 * lower-case, and empty lists left out: the form this entry writes.
 *
 * @example
 * ```ts
 * import { cleanNotificationConfig } from 's3-event-kit/config';
 * cleanNotificationConfig({ QueueConfigurations: [], EventBridgeConfiguration: {} }); //=> { EventBridgeConfiguration: {} }
 * ```
 * @category Config
 */
export function cleanNotificationConfig(config: S3NotificationConfiguration | undefined): S3NotificationConfiguration {
  const out: S3NotificationConfiguration = {};
  if (config === undefined || config === null) return out;
  for (const info of KINDS) {
    const list = config[info.list] as AnyRule[] | undefined;
    if (Array.isArray(list) && list.length > 0) {
      (out as Record<RuleList, AnyRule[]>)[info.list] = list.map((rule) => cleanRule(rule ?? ({} as AnyRule), info.arn));
    }
  }
  if (config.EventBridgeConfiguration !== undefined && config.EventBridgeConfiguration !== null) out.EventBridgeConfiguration = {};
  return out;
}

/**
 * A rule reduced to what S3 compares: kind, Id, destination, the set of events, and the filter.
 *
 * @example
 * ```ts
 * import { summarizeRule } from 's3-event-kit/config';
 * summarizeRule('topic', { Id: 't', TopicArn: 'arn:aws:sns:us-east-1:111122223333:t', Events: ['s3:ObjectRemoved:*', 's3:ObjectCreated:*'] }).events;
 * //=> ['s3:ObjectCreated:*', 's3:ObjectRemoved:*']
 * ```
 * @category Config
 */
export function summarizeRule(
  kind: NotificationRuleKind,
  rule: { Id?: string | undefined; Events: readonly string[] | undefined; Filter?: S3NotificationFilter | undefined } & Partial<
    Record<'QueueArn' | 'TopicArn' | 'LambdaFunctionArn', string | undefined>
  >,
): NotificationRuleSummary {
  const info = KINDS.find((candidate) => candidate.kind === kind) ?? KINDS[0];
  const filter = keyFilterOf(rule as AnyRule);
  const arn = rule[info.arn];
  return {
    kind,
    id: typeof rule.Id === 'string' ? rule.Id : undefined,
    arn: typeof arn === 'string' ? arn : undefined,
    events: Array.isArray(rule.Events) ? [...new Set(rule.Events as string[])].sort() : [],
    prefix: filter.prefixes.length === 0 ? undefined : filter.prefixes.join('\u0000'),
    suffix: filter.suffixes.length === 0 ? undefined : filter.suffixes.join('\u0000'),
  };
}

function sameRule(a: NotificationRuleSummary, b: NotificationRuleSummary): boolean {
  return (
    a.kind === b.kind &&
    a.id === b.id &&
    a.arn === b.arn &&
    a.prefix === b.prefix &&
    a.suffix === b.suffix &&
    a.events.length === b.events.length &&
    a.events.every((event, i) => event === b.events[i])
  );
}

function summaries(config: S3NotificationConfiguration): NotificationRuleSummary[] {
  return rulesOf(config).map(({ ref, rule }) => summarizeRule(ref.kind, rule));
}

/**
 * The diff from `before` to `after`, matching rules by Id (rules without an Id match an identical
 * rule without an Id).
 *
 * @example
 * ```ts
 * import { diffNotificationConfigs } from 's3-event-kit/config';
 * const diff = diffNotificationConfigs({ EventBridgeConfiguration: {} }, {});
 * diff.eventBridge; //=> 'disabled'
 * ```
 * @category Config
 */
export function diffNotificationConfigs(before: S3NotificationConfiguration, after: S3NotificationConfiguration): NotificationConfigDiff {
  const old = summaries(before);
  const next = summaries(after);
  const added: NotificationRuleSummary[] = [];
  const replaced: { before: NotificationRuleSummary; after: NotificationRuleSummary }[] = [];
  const kept: NotificationRuleSummary[] = [];
  const unmatched = [...old];
  for (const rule of next) {
    const at =
      rule.id !== undefined
        ? unmatched.findIndex((candidate) => candidate.id === rule.id)
        : unmatched.findIndex((candidate) => candidate.id === undefined && sameRule(candidate, rule));
    if (at === -1) {
      added.push(rule);
      continue;
    }
    const previous = unmatched.splice(at, 1)[0] as NotificationRuleSummary;
    if (sameRule(previous, rule)) kept.push(rule);
    else replaced.push({ before: previous, after: rule });
  }
  const wasOn = before.EventBridgeConfiguration !== undefined && before.EventBridgeConfiguration !== null;
  const isOn = after.EventBridgeConfiguration !== undefined && after.EventBridgeConfiguration !== null;
  const eventBridge = wasOn === isOn ? 'unchanged' : isOn ? 'enabled' : 'disabled';
  return {
    changed: added.length > 0 || replaced.length > 0 || unmatched.length > 0 || eventBridge !== 'unchanged',
    added,
    replaced,
    removed: unmatched,
    kept,
    eventBridge,
  };
}

/**
 * Merges `change` into `current` without touching what the change does not name: each rule of the
 * change replaces the current rule with the same `Id` (in any of the three lists) or is appended;
 * every other rule, and `EventBridgeConfiguration`, is kept. With `mode: 'replace'` the change
 * becomes the whole configuration. Pure; the result's `diff.changed` is `false` when nothing
 * would change.
 *
 * @throws {@link S3ConfigError} with code `MISSING_RULE_ID` when, in merge mode, a rule of the
 *   change has no `Id` (it could be neither matched nor later replaced).
 * @example
 * ```ts
 * import { mergeNotificationConfig, notificationConfig } from 's3-event-kit/config';
 * const current = {
 *   LambdaFunctionConfigurations: [
 *     { Id: 'thumbs', LambdaFunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:thumbs', Events: ['s3:ObjectCreated:*'] },
 *   ],
 *   EventBridgeConfiguration: {},
 * };
 * const change = notificationConfig()
 *   .queue({ id: 'deletes', queueArn: 'arn:aws:sqs:us-east-1:111122223333:deletes', events: ['s3:ObjectRemoved:*'] })
 *   .build();
 * const { config, diff } = mergeNotificationConfig(current, change);
 * diff.added.map((rule) => rule.id); //=> ['deletes']
 * config.LambdaFunctionConfigurations?.length; //=> 1 (kept)
 * config.EventBridgeConfiguration; //=> {} (kept)
 * ```
 * @category Config
 */
export function mergeNotificationConfig(
  current: S3NotificationConfiguration,
  change: S3NotificationConfiguration,
  options: MergeNotificationOptions = {},
): MergedNotificationConfig {
  const before = cleanNotificationConfig(current);
  const incoming = cleanNotificationConfig(change);
  if ((options.mode ?? 'merge') === 'replace') {
    return { config: incoming, diff: diffNotificationConfigs(before, incoming) };
  }
  const changeRules = rulesOf(incoming);
  for (const { ref } of changeRules) {
    if (ref.id === undefined || ref.id === '') {
      throw new S3ConfigError(
        `The change's ${ref.kind} rule #${ref.index + 1} has no Id; merging works by Id. Give every rule an Id, or use mode: 'replace'.`,
        { code: 'MISSING_RULE_ID' },
      );
    }
  }
  const takenIds = new Set<string>([...changeRules.map(({ ref }) => ref.id as string), ...(options.remove ?? [])]);
  const result: S3NotificationConfiguration = {};
  for (const info of KINDS) {
    const seen = new Set<string>();
    const kept = ((before[info.list] ?? []) as AnyRule[]).map((rule) => {
      if (rule.Id === undefined || !takenIds.has(rule.Id)) return rule;
      if (seen.has(rule.Id)) return undefined;
      seen.add(rule.Id);
      // Replace in place when the same Id comes back in the same list.
      const replacement = changeRules.find(({ ref }) => ref.id === rule.Id && ref.kind === info.kind);
      return replacement !== undefined ? replacement.rule : undefined;
    });
    const placed = new Set(kept.filter((rule): rule is AnyRule => rule !== undefined).map((rule) => rule.Id));
    const appended = changeRules
      .filter(({ ref }) => ref.kind === info.kind && !placed.has(ref.id))
      .map(({ rule }) => rule);
    const list = [...kept.filter((rule): rule is AnyRule => rule !== undefined), ...appended];
    if (list.length > 0) (result as Record<RuleList, AnyRule[]>)[info.list] = list;
  }
  if (before.EventBridgeConfiguration !== undefined || incoming.EventBridgeConfiguration !== undefined) {
    result.EventBridgeConfiguration = {};
  }
  return { config: result, diff: diffNotificationConfigs(before, result) };
}
