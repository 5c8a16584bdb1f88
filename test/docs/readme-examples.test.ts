// The README's road examples are the type-checked files in docs/examples/: this keeps them equal.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

const root = new URL('../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const blocks = [...readme.matchAll(/<!-- example: (\S+) -->\n```ts\n([\s\S]*?)\n```/g)];

test('the README embeds the road examples', () => {
  expect(blocks.map(([, file]) => file)).toHaveLength(7);
});

test.each(blocks.map(([, file, code]) => [file ?? '', code ?? '']))('README block %s matches the file', (file, code) => {
  expect(code).toBe(readFileSync(new URL(file, root), 'utf8').trimEnd());
});
