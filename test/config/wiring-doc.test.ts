// docs/wiring.md embeds the recipes of test/config/wiring/*.ts (type-checked by tsc): keep them equal.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

const root = new URL('../../', import.meta.url);
const guide = readFileSync(new URL('docs/wiring.md', root), 'utf8');
const blocks = [...guide.matchAll(/<!-- example: (\S+) -->\n```ts\n([\s\S]*?)\n```/g)];

test('the guide has one recipe per road plus the local pattern check', () => {
  expect(blocks.map(([, file]) => file)).toEqual([
    'test/config/wiring/sqs.ts',
    'test/config/wiring/sns-fan-out.ts',
    'test/config/wiring/eventbridge.ts',
    'test/config/wiring/pattern-test.ts',
  ]);
  expect(guide).toContain('# Wiring S3 to your consumer');
  for (const heading of ['## Road 1: S3 to SQS', '## Road 2: S3 to SNS fan-out', '## Road 3: S3 to EventBridge']) expect(guide).toContain(heading);
  expect(guide.match(/\*\*IAM permissions\*\*/g)).toHaveLength(3);
});

test.each(blocks.map(([, file, code]) => [file ?? '', code ?? '']))('guide block %s matches the file', (file, code) => {
  expect(code).toBe(readFileSync(new URL(file, root), 'utf8').trimEnd());
});
