/**
 * Loading the optional AWS SDK peer dependencies: once per process, only when a helper that talks
 * to AWS runs, and never at import time.
 * @module
 */

/**
 * The optional peer dependencies of the package: the AWS SDK v3 clients that only the helpers
 * talking to AWS load.
 *
 * @example
 * ```ts
 * import { MissingPeerDependencyError, type OptionalPeer } from 's3-event-kit';
 * declare const error: MissingPeerDependencyError;
 * const missing: OptionalPeer = error.packageName; // e.g. '@aws-sdk/client-sqs'
 * ```
 * @category Errors
 */
export type OptionalPeer =
  | '@aws-sdk/client-sqs'
  | '@aws-sdk/client-sns'
  | '@aws-sdk/client-s3'
  | '@aws-sdk/client-eventbridge'
  | '@aws-sdk/client-dynamodb';

/**
 * Thrown when a helper needs an AWS SDK package that is not installed (they are optional peer
 * dependencies). Pass a client of your own, or install the package it names.
 *
 * @example
 * ```ts
 * import { MissingPeerDependencyError } from 's3-event-kit';
 * try {
 *   // e.g. subscribe(...).start({ queueUrl }) when the SQS client package is not installed
 * } catch (error) {
 *   if (error instanceof MissingPeerDependencyError) console.error(`npm install ${error.packageName}`);
 * }
 * ```
 * @category Errors
 */
export class MissingPeerDependencyError extends Error {
  override readonly name = 'MissingPeerDependencyError' as const;
  /** The package to install, e.g. `@aws-sdk/client-sqs`. */
  readonly packageName: OptionalPeer;

  /** `advice` replaces the default `npm install` advice when the cause is known to be another (a bundle). */
  constructor(packageName: OptionalPeer, purpose: string, cause: unknown, advice?: string) {
    super(`${purpose} needs the optional peer dependency ${packageName}: ${advice ?? `npm install ${packageName}`}`, { cause });
    this.packageName = packageName;
  }
}

const loading = new Map<OptionalPeer, Promise<unknown>>();

/**
 * Imports an optional peer once per process (a failed import is retried next time). The specifier
 * goes through a variable on purpose: bundlers then leave the SDK out of a Lambda handler that
 * never calls the code needing it, instead of inlining hundreds of kilobytes or failing to build
 * when the SDK is not installed.
 * @internal
 */
export function importPeer<Module>(name: OptionalPeer, purpose: string): Promise<Module> {
  let pending = loading.get(name);
  if (pending === undefined) {
    const specifier: string = name;
    pending = import(/* webpackIgnore: true */ /* @vite-ignore */ specifier).catch((cause: unknown) => {
      loading.delete(name);
      throw new MissingPeerDependencyError(name, purpose, cause);
    });
    loading.set(name, pending);
  }
  return pending as Promise<Module>;
}
