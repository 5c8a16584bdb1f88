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

export default defineConfig({
  entry: entries,
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  // One shared chunk per format: error classes are the same object in every entry.
  splitting: true,
  target: 'node20',
  platform: 'node',
  treeshake: true,
});
