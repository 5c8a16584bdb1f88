import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const src = (path: string): string => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests import the public specifiers, so they exercise the real export surface.
    alias: [
      { find: /^s3-event-kit\/testing$/, replacement: src('testing/index.ts') },
      { find: /^s3-event-kit\/config$/, replacement: src('config/index.ts') },
      { find: /^s3-event-kit\/aws$/, replacement: src('aws/index.ts') },
      { find: /^s3-event-kit$/, replacement: src('index.ts') },
    ],
  },
  test: {
    // The AWS SDK warns at import on Node 20 that its 2027 releases will need Node 22: true, but noise in test logs.
    // LOG_LEVEL: subscriptions log failures by default; tests that check logging pass their own logger.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', LOG_LEVEL: 'silent' },
    include: ['test/**/*.test.ts'],
    typecheck: { include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    globalSetup: ['./test/setup/global-setup.ts'],
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/events/notification.ts', 'src/events/eventbridge.ts', 'src/events/envelopes.ts', 'src/events/normalized.ts', 'src/**/index.ts'],
      reporter: ['text-summary', 'text'],
      // The core (what every road goes through) stays fully covered; `npm run test:coverage:core` checks it.
      thresholds: {
        'src/{normalize/**,filter.ts,sequencer.ts,events/names.ts}': { statements: 95, branches: 95, functions: 95, lines: 95 },
      },
    },
  },
});
