/**
 * Starts one real local SQS/SNS server (fauxqs 1.9.2, in-process, loopback, free port) for the
 * whole test run. Tests read its address with `inject('sqsEndpoint')`. Set `SQS_ENDPOINT` to use
 * a server that is already running instead.
 */
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    sqsEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env['SQS_ENDPOINT'];
  if (external) {
    const health = await fetch(`${external}/health`).catch(() => undefined);
    if (!health?.ok) throw new Error(`SQS_ENDPOINT=${external} does not answer /health`);
    project.provide('sqsEndpoint', external);
    return async () => {};
  }
  const { buildApp } = await import('fauxqs');
  const app = buildApp({ logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  project.provide('sqsEndpoint', address.replace('localhost', '127.0.0.1'));
  return async () => {
    await app.close();
  };
}
