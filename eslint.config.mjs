import { defineConfig } from 'eslint/config';
import baseConfig from './.config/eslint.config.mjs';

export default defineConfig([
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      '**/build/',
      '**/coverage/',
      'artifacts/',
      '.cache/',
      'test-results/',
      'playwright-report/',
      'playwright/',
    ],
  },
  ...baseConfig,
  {
    // TypeScript outside src/: tests (with the end-to-end suite, tests/e2e, and the render benchmark), tools, the demo.
    files: ['tests/**/*.ts', 'tools/**/*.ts', 'demo/**/*.ts', 'playwright.config.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.json' } },
  },
]);
