// End-to-end tests of the compose stack (`docker compose up --build`, then `npm run e2e`) with
// @grafana/plugin-e2e. They need a running Grafana: GRAFANA_URL (default http://localhost:3000) and the admin
// login in GRAFANA_ADMIN_USER / GRAFANA_ADMIN_PASSWORD (default admin / admin).
import type { PluginOptions } from '@grafana/plugin-e2e';
import { defineConfig, devices } from '@playwright/test';
import { dirname, join } from 'node:path';

const admin = process.env.GRAFANA_ADMIN_USER ?? 'admin';

export default defineConfig<PluginOptions>({
  testDir: './tests/e2e',
  reporter: 'list',
  use: {
    baseURL: process.env.GRAFANA_URL ?? 'http://localhost:3000',
    trace: 'retain-on-failure',
    // A system Chromium instead of Playwright's own download, e.g. PERFSCOPE_E2E_CHROMIUM=/usr/bin/chromium.
    launchOptions: process.env.PERFSCOPE_E2E_CHROMIUM ? { executablePath: process.env.PERFSCOPE_E2E_CHROMIUM } : {},
  },
  projects: [
    {
      name: 'auth',
      testDir: join(dirname(require.resolve('@grafana/plugin-e2e')), 'auth'),
      testMatch: [/.*\.js/],
    },
    {
      name: 'stack',
      use: { ...devices['Desktop Chrome'], storageState: `playwright/.auth/${admin}.json` },
      dependencies: ['auth'],
    },
  ],
});
