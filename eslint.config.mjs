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
    // TypeScript outside src/: tests, benchmarks and tools.
    files: ['tests/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'tools/**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.json' } },
  },
]);
