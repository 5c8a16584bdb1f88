/**
 * Every public export of `s3-event-kit/testing` has TSDoc with an `@example` and `@category Testing`,
 * and every example runs: each `expression; //=> value` claim in it holds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as root from 's3-event-kit';
import * as testing from 's3-event-kit/testing';

const dir = new URL('../../src/testing/', import.meta.url);
const files = readdirSync(dir)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ file, text: readFileSync(new URL(file, dir), 'utf8') }));

/** The doc comment right before `export … name`, in whichever file declares it. */
function docOf(name: string): string | undefined {
  const declaration = new RegExp(`\\*/\\s*export (?:declare )?(?:function|const|class|type|interface) ${name}\\b`);
  for (const { text } of files) {
    const match = declaration.exec(text);
    if (match) return text.slice(text.lastIndexOf('/**', match.index), match.index + 2);
  }
  return undefined;
}

const exported = [...(files.find((f) => f.file === 'index.ts')?.text ?? '').matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap(([, names]) =>
  (names ?? '').split(',').map((name) => name.trim()).filter(Boolean),
);

interface Example {
  readonly where: string;
  readonly code: string;
}

const examples: Example[] = files.flatMap(({ file, text }) =>
  [...text.matchAll(/\/\*\*[\s\S]*?\*\//g)].flatMap(([comment]) =>
    [...comment.matchAll(/@example\s*\n\s*\* ```ts\n([\s\S]*?)\n\s*\* ```/g)].map(([, body], index) => ({
      where: `${file}: ${/export (?:function|const|class|type|interface) (\w+)/.exec(text.slice(text.indexOf(comment) + comment.length))?.[1] ?? 'module'} #${index + 1}`,
      code: (body ?? '').replace(/^\s*\* ?/gm, ''),
    })),
  ),
);

describe('TSDoc of s3-event-kit/testing', () => {
  it('exports what the index lists', () => {
    expect(exported.length).toBeGreaterThan(30);
    for (const name of exported) expect(docOf(name), name).toBeDefined();
  });

  it.each(exported)('%s has an @example and @category Testing', (name) => {
    const doc = docOf(name) ?? '';
    expect(doc).toContain('@example');
    expect(doc).toContain('@category Testing');
    expect(doc).not.toContain('@internal');
  });

  it('the module has an s3-event-kit/testing doc block', () => {
    expect(files.find((f) => f.file === 'index.ts')?.text).toMatch(/@module s3-event-kit\/testing/);
  });
});

describe('TSDoc examples run and their claims hold', () => {
  it('found the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(35);
  });

  // Examples that `declare` values are type-level illustrations: type-checked, not run.
  it.each(examples.filter((example) => !/\bdeclare\b/.test(example.code)).map((example) => [example.where, example] as const))(
    '%s',
    (_where, example) => {
      const claims: { actual: unknown; expected: unknown; line: string }[] = [];
      const source = example.code
        .split('\n')
        .map((line) => {
          const claim = /^(\s*)(.*?);\s*\/\/=> (.*)$/.exec(line);
          return claim ? `${claim[1]}__claim(() => (${claim[2]}), () => (${claim[3]}), ${JSON.stringify(line.trim())});` : line;
        })
        .join('\n');
      const { code } = transformSync(source, { loader: 'ts', format: 'cjs', target: 'node20' });
      const modules: Record<string, unknown> = { 's3-event-kit': root, 's3-event-kit/testing': testing };
      const require = (name: string): unknown => {
        if (!(name in modules)) throw new Error(`example imports ${name}`);
        return modules[name];
      };
      const claim = (actual: () => unknown, expected: () => unknown, line: string): void => {
        claims.push({ actual: actual(), expected: expected(), line });
      };
      new Function('require', 'module', 'exports', '__claim', code)(require, { exports: {} }, {}, claim);
      for (const { actual, expected, line } of claims) expect(actual, line).toEqual(expected);
    },
  );
});
