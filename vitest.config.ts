import { defineConfig } from 'vitest/config';
import './test/support/node20.js';

// Generated packages export their TypeScript sources under this condition, so
// tests use them by name without a build step.
const conditions = ['sdkgen-source', 'import', 'module', 'node', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    setupFiles: ['./test/support/node20.ts'],
    server: { deps: { inline: [/@sdkgen\//] } },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
