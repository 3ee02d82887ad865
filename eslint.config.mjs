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
  {
    // The scoring library runs in the panels, the CLI and the vector generator alike: no React and no
    // @grafana/* (src/scoring/index.ts). Its Grafana data-frame adapters are src/scoring/frames, the exception.
    files: ['src/scoring/**/*.{ts,tsx}'],
    ignores: ['src/scoring/frames/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['moment'], // as @grafana/eslint-config has it everywhere
          patterns: [
            {
              group: ['react', 'react/*', 'react-*', 'react-*/**', '@grafana/*'],
              message: 'src/scoring stays free of React and @grafana/* (Grafana adapters go in src/scoring/frames).',
            },
          ],
        },
      ],
    },
  },
  {
    // The app's pages share view models with the panels through src/views and src/components, never by
    // reaching into a panel's folder. (Tests may compare a page with a panel.)
    files: ['src/pages/**/*.{ts,tsx}'],
    ignores: ['src/pages/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['moment'], // as @grafana/eslint-config has it everywhere
          patterns: [
            {
              group: ['**/panels/**'],
              message: 'pages do not import panel internals: move what both use to src/views or src/components.',
            },
          ],
        },
      ],
    },
  },
]);
