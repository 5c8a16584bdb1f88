/** Reading notification rules uniformly across the three lists. @internal @module */
import type {
  NotificationRuleKind,
  NotificationRuleRef,
  S3FilterRule,
  S3NotificationConfiguration,
  S3NotificationRuleBase,
} from './types.js';

/** The list key and ARN key of each rule kind, in the order S3 documents them. */
export const KINDS = [
  { kind: 'queue', list: 'QueueConfigurations', arn: 'QueueArn', service: 'sqs', label: 'queue' },
  { kind: 'topic', list: 'TopicConfigurations', arn: 'TopicArn', service: 'sns', label: 'topic' },
  { kind: 'lambda', list: 'LambdaFunctionConfigurations', arn: 'LambdaFunctionArn', service: 'lambda', label: 'Lambda' },
] as const satisfies readonly {
  kind: NotificationRuleKind;
  list: keyof S3NotificationConfiguration;
  arn: string;
  service: string;
  label: string;
}[];

export type KindInfo = (typeof KINDS)[number];

export function kindInfo(kind: NotificationRuleKind): KindInfo {
  return KINDS.find((info) => info.kind === kind) as KindInfo;
}

/** A rule of any kind, read without caring which list it came from. */
export interface AnyRule extends S3NotificationRuleBase {
  QueueArn?: string | undefined;
  TopicArn?: string | undefined;
  LambdaFunctionArn?: string | undefined;
}

/** One rule with its place. */
export interface LocatedRule {
  readonly ref: NotificationRuleRef;
  readonly rule: AnyRule;
}

/** Every rule of a configuration, queues first, then topics, then Lambda functions. */
export function rulesOf(config: S3NotificationConfiguration | undefined): LocatedRule[] {
  const out: LocatedRule[] = [];
  if (config === undefined || config === null) return out;
  for (const info of KINDS) {
    const list = config[info.list] as readonly AnyRule[] | undefined;
    if (!Array.isArray(list)) continue;
    list.forEach((rule: AnyRule, index) => {
      const arn = rule?.[info.arn];
      out.push({
        ref: { kind: info.kind, index, id: typeof rule?.Id === 'string' ? rule.Id : undefined, arn: typeof arn === 'string' ? arn : undefined },
        rule: rule ?? ({ Events: undefined } as AnyRule),
      });
    });
  }
  return out;
}

/** The prefix and suffix rules of a filter (names compared case-insensitively, as S3 returns `Prefix`). */
export interface KeyFilter {
  readonly prefixes: string[];
  readonly suffixes: string[];
  /** Rules whose name is neither prefix nor suffix. */
  readonly unknown: S3FilterRule[];
}

export function keyFilterOf(rule: S3NotificationRuleBase): KeyFilter {
  const prefixes: string[] = [];
  const suffixes: string[] = [];
  const unknown: S3FilterRule[] = [];
  const rules = rule.Filter?.Key?.FilterRules;
  if (Array.isArray(rules)) {
    for (const filterRule of rules as S3FilterRule[]) {
      const name = typeof filterRule?.Name === 'string' ? filterRule.Name.toLowerCase() : undefined;
      const value = typeof filterRule?.Value === 'string' ? filterRule.Value : '';
      if (name === 'prefix') prefixes.push(value);
      else if (name === 'suffix') suffixes.push(value);
      else unknown.push(filterRule);
    }
  }
  return { prefixes, suffixes, unknown };
}

/** `queue rule "uploads" (arn:aws:sqs:…:uploads)` or `topic rule #2 (no Id)`. */
export function describeRule(ref: NotificationRuleRef): string {
  const label = kindInfo(ref.kind).label;
  const name = ref.id !== undefined ? `${label} rule ${JSON.stringify(ref.id)}` : `${label} rule #${ref.index + 1} (no Id)`;
  return ref.arn !== undefined ? `${name} → ${ref.arn}` : name;
}
