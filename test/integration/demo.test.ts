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
  expect(stdout).toMatch(/filter +1 event left out +message [\w-]+: outcome 'skipped', deleted/);
  expect(stdout).toMatch(/log: error +handler failed for ObjectCreated:CompleteMultipartUpload s3:\/\/demo-photos\/raw\/2024\/été 100%\.cr3 .*raw converter busy, try again \[receive 1\]/);
  expect(stdout).toMatch(/s3 → sqs +ObjectCreated:CompleteMultipartUpload +s3:\/\/demo-photos\/raw\/2024\/été 100%\.cr3 +46\.0 MB +\(attempt 2\)/);
  expect(stdout).toMatch(/log: error +not JSON .* at Body \(message [\w-]+\) \[receive 2\]/);
  expect(stdout).toContain('answer to Lambda: {"batchItemFailures":[]}');
  expect(stdout).toMatch(/s3 → sqs +ObjectCreated:Put +s3:\/\/demo-photos\/lambda\/portrait\.jpg/);
  expect(stdout).not.toContain('lambda/old.jpg');
  expect(stdout).toContain('2 event(s) via s3 → sqs');
  expect(stdout).toContain('1 event(s) via s3 → sns → sqs');
  expect(stdout).toContain('2 event(s) via eventbridge → sqs');
  expect(stdout).toContain('1 message in the DLQ');
  expect(stdout).toContain('stopped cleanly');
}, 40_000);
