import { expect, test } from '@grafana/plugin-e2e';

// The provisioned dashboards (dashboards/*.json), by their fixed UIDs.
const DASHBOARDS = ['perfscope-executive', 'perfscope-operations', 'perfscope-development'];

for (const uid of DASHBOARDS) {
  test(`dashboard ${uid} opens with no panel errors`, async ({ gotoDashboardPage }) => {
    const dashboardPage = await gotoDashboardPage({ uid });
    await dashboardPage.waitForPanelsQueriesToComplete({ scrollAll: true });
    await expect(dashboardPage).not.toHavePanelErrors();
  });
}
