import { expect, test } from '@grafana/plugin-e2e';

const APP = 'perfscope-health-app';

test('the PerfScope app page loads', async ({ gotoAppPage, page }) => {
  const appPage = await gotoAppPage({ pluginId: APP, path: '/overview' });
  await expect(appPage).not.toHaveAlert('error');
  await expect(page.getByText('PerfScope').first()).toBeVisible();
});

test('the settings page loads the provisioned profile', async ({ gotoAppConfigPage, page }) => {
  const configPage = await gotoAppConfigPage({ pluginId: APP });
  await expect(configPage).not.toHaveAlert('error');
  // provisioning/plugins/perfscope.yaml holds the default profile; its first indicator is "Latency p95".
  await expect(page.getByText('Latency p95').or(page.locator('input[value="Latency p95"]')).first()).toBeVisible();
});
