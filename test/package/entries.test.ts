// `package.json#exports`, the tsup entries, typedoc's entry points, the typesVersions mirror and the
// test aliases must list the same public subpaths: a subpath missing from one of them is a broken
// release (no types, no docs, or no build).
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { entries } from '../../tsup.config.js';

const read = (file: string): unknown => JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'));
const pkg = read('package.json') as {
  exports: Record<string, unknown>;
  typesVersions: Record<string, Record<string, string[]>>;
  bin?: Record<string, string>;
};
const typedoc = read('typedoc.json') as { entryPoints: string[] };

/** Public subpaths as entry names: '.' → 'index', './testing' → 'testing'. */
const fromExports = Object.keys(pkg.exports)
  .filter((subpath) => subpath !== './package.json')
  .map((subpath) => (subpath === '.' ? 'index' : subpath.slice(2)))
  .sort();
/** Entries that are programs, not import subpaths (the CLI). */
const programs = new Set(Object.values(pkg.bin ?? {}).map((file) => file.replace(/^\.\/dist\/(.*)\.c?js$/, '$1')));

test('every tsup entry is an exported subpath (or the CLI program)', () => {
  const built = Object.keys(entries).filter((name) => !programs.has(name)).sort();
  expect(built).toEqual(fromExports);
});

test('typedoc documents every exported subpath, from the same source files', () => {
  const sources = fromExports.map((name) => (entries as Record<string, string>)[name]).sort();
  expect([...typedoc.entryPoints].sort()).toEqual(sources);
});

test('typesVersions mirrors every subpath for moduleResolution "node" consumers', () => {
  const mirrored = Object.keys(pkg.typesVersions['*'] ?? {}).map((key) => (key === '*' ? 'index' : key)).sort();
  expect(mirrored).toEqual(fromExports);
});

test('each export condition points at the files tsup writes', () => {
  for (const name of fromExports) {
    const subpath = name === 'index' ? '.' : `./${name}`;
    expect(pkg.exports[subpath]).toEqual({
      import: { types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` },
      require: { types: `./dist/${name}.d.cts`, default: `./dist/${name}.cjs` },
    });
  }
});
