/**
 * A small evaluator for resource policies: does this policy let a service principal perform an
 * action on a resource for a given source? Enough to diagnose S3 → SQS/SNS delivery; conditions it
 * cannot evaluate are reported as such, never guessed.
 * @module
 */
import type { PolicyDocument, PolicyStatement } from './policies.js';
import { parsePolicy } from './policy-merge.js';

/**
 * The request to evaluate.
 *
 * @example
 * ```ts
 * import type { PolicyRequest } from 's3-event-kit/config';
 * const request: PolicyRequest = {
 *   principalService: 's3.amazonaws.com', action: 'sqs:SendMessage',
 *   resource: 'arn:aws:sqs:us-east-1:111122223333:uploads', sourceArn: 'arn:aws:s3:::photos', sourceAccount: '111122223333',
 * };
 * ```
 * @category Config
 */
export interface PolicyRequest {
  readonly principalService: string;
  readonly action: string;
  readonly resource: string;
  /** `aws:SourceArn` of the request (the bucket ARN for S3). */
  readonly sourceArn?: string | undefined;
  /** `aws:SourceAccount` of the request (the bucket owner). */
  readonly sourceAccount?: string | undefined;
}

/**
 * The verdict of {@link evaluatePolicy}.
 *
 * @example
 * ```ts
 * import type { PolicyVerdict } from 's3-event-kit/config';
 * declare const verdict: PolicyVerdict;
 * if (!verdict.allowed) console.error('not granted', verdict.uncertain);
 * ```
 * @category Config
 */
export interface PolicyVerdict {
  /** An Allow statement applies and no Deny statement does. */
  readonly allowed: boolean;
  /** Sid (or `#index`) of a Deny statement that applies. */
  readonly deniedBy: string | undefined;
  /** Sid (or `#index`) of the Allow statement that grants it. */
  readonly allowedBy: string | undefined;
  /** Statements that might apply but use conditions or elements this evaluator does not evaluate. */
  readonly uncertain: readonly string[];
}

type Tri = 'yes' | 'no' | 'unknown';

function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

function globMatches(pattern: string, value: string, caseInsensitive = false): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's').test(value);
}

function principalMatches(principal: PolicyStatement['Principal'], service: string): Tri {
  if (principal === undefined) return 'unknown';
  if (principal === '*') return 'yes';
  if (list(principal.AWS).includes('*')) return 'yes';
  return list(principal.Service).includes(service) ? 'yes' : 'no';
}

function conditionHolds(operator: string, key: string, expected: string[], request: PolicyRequest): Tri {
  const name = key.toLowerCase();
  const actual = name === 'aws:sourcearn' ? request.sourceArn : name === 'aws:sourceaccount' || name === 'aws:sourceowner' ? request.sourceAccount : undefined;
  if (actual === undefined) return 'unknown';
  switch (operator) {
    case 'ArnEquals':
    case 'StringEquals':
      return expected.includes(actual) ? 'yes' : 'no';
    case 'StringEqualsIgnoreCase':
      return expected.some((value) => value.toLowerCase() === actual.toLowerCase()) ? 'yes' : 'no';
    case 'ArnLike':
    case 'StringLike':
      return expected.some((value) => globMatches(value, actual)) ? 'yes' : 'no';
    case 'ArnNotEquals':
    case 'StringNotEquals':
      return expected.includes(actual) ? 'no' : 'yes';
    case 'ArnNotLike':
    case 'StringNotLike':
      return expected.some((value) => globMatches(value, actual)) ? 'no' : 'yes';
    default:
      return 'unknown';
  }
}

function statementApplies(statement: PolicyStatement, request: PolicyRequest): Tri {
  const raw = statement as PolicyStatement & { NotPrincipal?: unknown; NotAction?: unknown; NotResource?: unknown };
  if (raw.NotPrincipal !== undefined || raw.NotAction !== undefined || raw.NotResource !== undefined) return 'unknown';
  const principal = principalMatches(statement.Principal, request.principalService);
  if (principal === 'no') return 'no';
  if (!list(statement.Action).some((action) => globMatches(action, request.action, true))) return 'no';
  const resources = list(statement.Resource);
  if (resources.length > 0 && !resources.some((resource) => globMatches(resource, request.resource))) return 'no';
  let result: Tri = principal;
  for (const [operator, body] of Object.entries(statement.Condition ?? {})) {
    for (const [key, value] of Object.entries(body ?? {})) {
      const holds = conditionHolds(operator, key, list(value), request);
      if (holds === 'no') return 'no';
      if (holds === 'unknown') result = 'unknown';
    }
  }
  return result;
}

/**
 * Evaluates a resource policy for one request: whether some Allow statement applies (principal,
 * action, resource, and the `aws:SourceArn` / `aws:SourceAccount` conditions) and no Deny does.
 * Statements with conditions or elements it cannot evaluate are listed in `uncertain`.
 *
 * @example
 * ```ts
 * import { evaluatePolicy, s3QueuePolicy } from 's3-event-kit/config';
 * const policy = s3QueuePolicy({ queueArn: 'arn:aws:sqs:us-east-1:111122223333:uploads', bucket: 'photos' });
 * evaluatePolicy(policy, {
 *   principalService: 's3.amazonaws.com', action: 'sqs:SendMessage', resource: 'arn:aws:sqs:us-east-1:111122223333:uploads',
 *   sourceArn: 'arn:aws:s3:::photos', sourceAccount: '111122223333',
 * }).allowed; //=> true
 * ```
 * @category Config
 */
export function evaluatePolicy(policy: PolicyDocument | string | undefined | null, request: PolicyRequest): PolicyVerdict {
  const document = typeof policy === 'string' || policy === undefined || policy === null ? parsePolicy(policy) : policy;
  let deniedBy: string | undefined;
  let allowedBy: string | undefined;
  const uncertain: string[] = [];
  document.Statement.forEach((statement, index) => {
    if (statement === null || typeof statement !== 'object') return;
    const name = statement.Sid !== undefined && statement.Sid !== '' ? statement.Sid : `#${index}`;
    const applies = statementApplies(statement, request);
    if (applies === 'unknown') uncertain.push(name);
    else if (applies === 'yes') {
      if (statement.Effect === 'Deny') deniedBy ??= name;
      else if (statement.Effect === 'Allow') allowedBy ??= name;
    }
  });
  return { allowed: allowedBy !== undefined && deniedBy === undefined, deniedBy, allowedBy, uncertain };
}
