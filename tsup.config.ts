import { defineConfig } from 'tsup';

/** One entry per public subpath; `package.json#exports` and `typedoc.json` list the same ones. */
export const entries = {
  index: 'src/index.ts',
  testing: 'src/testing/index.ts',
  config: 'src/config/index.ts',
  aws: 'src/aws/index.ts',
  /** The `s3-event-kit` program (`bin`), not an import subpath. */
  cli: 'src/cli/index.ts',
} as const;

/** The import subpaths: the entries that get declarations (the CLI program needs none). */
const subpaths = Object.fromEntries(Object.entries(entries).filter(([name]) => name !== 'cli'));

export default defineConfig({
  entry: entries,
  format: ['esm', 'cjs'],
  // `npm run build` then runs scripts/slim-dist.mjs: each `.d.ts` becomes a one-line re-export of
  // its `.d.cts` twin, and the CommonJS copy of the CLI goes (see docs/benchmarks.md, "Package").
  dts: { entry: subpaths },
  // No source maps: dist/ is not minified (names and code read as written), and maps were more
  // than half of the unpacked package. See docs/benchmarks.md, "Package".
  sourcemap: false,
  clean: true,
  // One shared chunk per format: error classes are the same object in every entry.
  splitting: true,
  target: 'node20',
  platform: 'node',
  treeshake: true,
});
