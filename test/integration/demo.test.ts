/** `npm run demo` keeps working: it runs, prints every road, the test event and the DLQ, and exits 0. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

it('npm run demo prints typed events from three roads and a summary, then exits 0', async () => {
  // Act
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'examples/demo.ts'], {
    cwd: root,
    timeout: 30_000,
  });

  // Assert
  expect(stderr).toBe('');
  expect(stdout).toMatch(/s3 → sqs +ObjectCreated:Put +s3:\/\/demo-photos\/uploads\/red flower\.jpg +1\.2 MB/);
  expect(stdout).toMatch(/s3 → sns → sqs +ObjectCreated:Copy +s3:\/\/demo-photos\/archive\/a\+b=c\.png/);
  expect(stdout).toMatch(/eventbridge → sqs +ObjectRestore:Completed +s3:\/\/demo-photos\/glacier\/2019\.tar/);
  expect(stdout).toMatch(/s3:TestEvent +bucket demo-photos/);
  expect(stdout).toContain('2 event(s) via s3 → sqs');
  expect(stdout).toContain('2 event(s) via s3 → sns → sqs');
  expect(stdout).toContain('2 event(s) via eventbridge → sqs');
  expect(stdout).toContain('1 message in the DLQ');
  expect(stdout).toContain('stopped cleanly');
}, 40_000);
