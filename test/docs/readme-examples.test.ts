// Code shown in the README and the guides is the type-checked files in docs/examples/ (tsc covers
// them): a block marked `<!-- example: docs/examples/x.ts -->` must equal its file.
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

const root = new URL('../../', import.meta.url);
const pages = ['README.md', ...readdirSync(new URL('docs/', root)).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const blocks = pages.flatMap((page) =>
  [...readFileSync(new URL(page, root), 'utf8').matchAll(/<!-- example: (\S+) -->\n```ts\n([\s\S]*?)\n```/g)].map(
    ([, file, code]) => [page, file ?? '', code ?? ''] as const,
  ),
);

test('the README embeds the seven road examples and the recipes page the three recipes', () => {
  expect(blocks.filter(([page]) => page === 'README.md')).toHaveLength(7);
  expect(blocks.filter(([page]) => page === 'docs/recipes.md')).toHaveLength(3);
});

test.each(blocks)('%s: the block of %s matches the file', (_page, file, code) => {
  expect(code).toBe(readFileSync(new URL(file, root), 'utf8').trimEnd());
});
