import { join } from 'path';
import type { Page } from 'playwright-core';

import { themes } from './gallery/cases';
import { axeViolations, shots, useHost } from './page';

// The app's pages from the built dist/module.js (its lazily loaded chunks included), in both themes: what
// they show, axe, and a screenshot each.

const pages = [
  {
    name: 'overview',
    shows: ['Services', 'incident', 'Domains', 'quality_validation', 'Operations dashboard'],
  },
  {
    name: 'settings',
    shows: [
      'Indicators',
      'Latency p95',
      'Domain overhead',
      'System total',
      'Burn-rate tiers',
      'Preview',
      'Apply to alert rules',
    ],
  },
];

const host = useHost(['dist/module.js']);

describe.each(themes)('%s theme', (theme) => {
  describe.each(pages)('the $name page', ({ name, shows }) => {
    let page: Page;
    let problems: string[];

    beforeAll(async () => {
      ({ page, problems } = await host.open(`app=${name}&theme=${theme}`, { width: 1280, height: 900 }));
    });

    afterAll(() => page?.close());

    test('shows what it should', async () => {
      const text = await page.locator(`[data-app-page="${name}"]`).innerText();
      for (const s of shows) {
        expect([name, text.includes(s) ? s : text]).toEqual([name, s]);
      }
      await page.screenshot({ path: join(shots, `${theme}-page-${name}.png`), fullPage: true });
    });

    test('passes the axe accessibility check (WCAG 2.1 A and AA)', async () => {
      expect(await axeViolations(page)).toEqual([]);
    });

    test('nothing failed in the page', () => {
      expect(problems).toEqual([]);
    });
  });
});
