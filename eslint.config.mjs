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
    // TypeScript outside src/: tests (and the render benchmark), tools, the demo and the end-to-end suite.
    files: ['tests/**/*.ts', 'tools/**/*.ts', 'demo/**/*.ts', 'e2e/**/*.ts', 'playwright.config.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.json' } },
  },
]);
