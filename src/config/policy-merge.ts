/** Merging statements into an existing resource policy (pure). @module */
import { S3ConfigError } from './errors.js';
import type { PolicyDocument, PolicyStatement } from './policies.js';

/**
 * The result of {@link mergePolicyStatements}.
 *
 * @example
 * ```ts
 * import type { MergedPolicy } from 's3-event-kit/config';
 * declare const merged: MergedPolicy;
 * if (merged.changed) console.log(JSON.stringify(merged.policy));
 * ```
 * @category Config
 */
export interface MergedPolicy {
  readonly policy: PolicyDocument;
  /** `false` when every statement was already there, exactly. */
  readonly changed: boolean;
  /** Sids (or `#index`) of statements appended. */
  readonly added: readonly string[];
  /** Sids of statements that replaced a different statement with the same Sid. */
  readonly replaced: readonly string[];
}

/**
 * Parses a resource policy attribute (`Policy` of a queue or topic). An absent or empty policy
 * gives an empty document.
 *
 * @throws {@link S3ConfigError} with code `INVALID_POLICY` when the text is not a policy document.
 * @example
 * ```ts
 * import { parsePolicy } from 's3-event-kit/config';
 * parsePolicy(undefined); //=> { Version: '2012-10-17', Statement: [] }
 * ```
 * @category Config
 */
export function parsePolicy(text: string | undefined | null): PolicyDocument {
  if (text === undefined || text === null || text.trim() === '') return { Version: '2012-10-17', Statement: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new S3ConfigError('The existing resource policy is not valid JSON; fix or remove it before merging.', {
      code: 'INVALID_POLICY',
      cause,
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new S3ConfigError('The existing resource policy is not a JSON object.', { code: 'INVALID_POLICY' });
  }
  const document = parsed as { Version?: unknown; Id?: unknown; Statement?: unknown };
  const statements = document.Statement === undefined ? [] : Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  return {
    ...(parsed as object),
    Version: document.Version === '2008-10-17' ? '2008-10-17' : '2012-10-17',
    Statement: statements as PolicyStatement[],
  } as PolicyDocument;
}

function list(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String).sort();
}

/** A statement in a canonical form: single values and one-element arrays agree, actions and condition keys compare case-insensitively. */
function canonical(statement: PolicyStatement): string {
  const principal = statement.Principal;
  const principals =
    principal === undefined
      ? null
      : principal === '*'
        ? '*'
        : Object.fromEntries(
            Object.entries(principal)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([key, value]) => [key, list(value)]),
          );
  const conditions = Object.fromEntries(
    Object.entries(statement.Condition ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([operator, body]) => [
        operator,
        Object.fromEntries(
          Object.entries(body)
            .map(([key, value]) => [key.toLowerCase(), list(value)] as const)
            .sort(([a], [b]) => a.localeCompare(b)),
        ),
      ]),
  );
  return JSON.stringify({
    Sid: statement.Sid ?? null,
    Effect: statement.Effect,
    Principal: principals,
    Action: list(statement.Action).map((action) => action.toLowerCase()),
    Resource: list(statement.Resource),
    Condition: conditions,
  });
}

/**
 * Whether two statements grant the same thing (ignoring key order, `"a"` vs `["a"]`, and the case
 * of action names and condition keys).
 *
 * @example
 * ```ts
 * import { sameStatement } from 's3-event-kit/config';
 * sameStatement(
 *   { Effect: 'Allow', Action: 'SQS:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:q' },
 *   { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: ['arn:aws:sqs:us-east-1:111122223333:q'] },
 * ); //=> true
 * ```
 * @category Config
 */
export function sameStatement(a: PolicyStatement, b: PolicyStatement): boolean {
  return canonical(a) === canonical(b);
}

/**
 * Merges statements into a policy instead of overwriting it: a statement whose `Sid` exists
 * replaces that statement (when different), one without a match is appended, and every other
 * statement is kept untouched. Pure.
 *
 * @example
 * ```ts
 * import { mergePolicyStatements, s3QueuePolicyStatement } from 's3-event-kit/config';
 * const existing = JSON.stringify({
 *   Version: '2012-10-17',
 *   Statement: [{ Sid: 'Consumers', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/worker' }, Action: 'sqs:ReceiveMessage', Resource: '*' }],
 * });
 * const { policy, added } = mergePolicyStatements(existing, [
 *   s3QueuePolicyStatement({ queueArn: 'arn:aws:sqs:us-east-1:111122223333:uploads', bucket: 'photos' }),
 * ]);
 * policy.Statement.length; //=> 2 (the consumers' statement is kept)
 * ```
 * @category Config
 */
export function mergePolicyStatements(
  policy: PolicyDocument | string | undefined | null,
  statements: readonly PolicyStatement[],
): MergedPolicy {
  const document = typeof policy === 'string' || policy === undefined || policy === null ? parsePolicy(policy) : policy;
  const result: PolicyStatement[] = [...document.Statement];
  const added: string[] = [];
  const replaced: string[] = [];
  for (const statement of statements) {
    const at = statement.Sid !== undefined ? result.findIndex((existing) => existing?.Sid === statement.Sid) : -1;
    if (at !== -1) {
      if (!sameStatement(result[at] as PolicyStatement, statement)) {
        result[at] = statement;
        replaced.push(statement.Sid as string);
      }
      continue;
    }
    if (result.some((existing) => existing !== null && typeof existing === 'object' && sameStatement(existing, statement))) continue;
    result.push(statement);
    added.push(statement.Sid ?? `#${result.length - 1}`);
  }
  return {
    policy: { ...document, Statement: result },
    changed: added.length > 0 || replaced.length > 0,
    added,
    replaced,
  };
}
