import { defineConfig } from 'vitest/config';
import './test/support/node20.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/corpus/**', '**/node_modules/**'],
    setupFiles: ['./test/support/node20.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
