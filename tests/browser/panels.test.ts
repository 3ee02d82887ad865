import { join } from 'path';
import type { Page } from 'playwright-core';

import { cases, sizes, themes, type SizeName } from './gallery/cases';
import { axeViolations, shots, useHost } from '../helpers/page';

// The built panels (dist/), loaded by the gallery page as Grafana loads them, with the recorded frames: in
// both themes at three sizes, each case must show its text, pass axe and leave a screenshot.

const host = useHost(['healthscore', 'domainoverhead', 'sla'].map((p) => `dist/panels/${p}/module.js`));

describe.each(themes)('%s theme', (theme) => {
  describe.each(Object.keys(sizes) as SizeName[])('%s panels', (size) => {
    let page: Page;
    let problems: string[];

    beforeAll(async () => {
      ({ page, problems } = await host.open(`theme=${theme}&size=${size}`, { width: 1760, height: 1000 }));
    });

    afterAll(() => page?.close());

    test.each(cases)('$id shows what it should', async (c) => {
      const panel = page.locator(`[data-panel="${c.id}"]`);
      const text = await panel.evaluate((el) => (el as HTMLElement).innerText);
      const expected = [...c.shows, ...(size === 'small' ? [] : (c.showsWhenRoomy ?? []))];
      for (const s of expected) {
        expect([c.id, text.includes(s) ? s : text]).toEqual([c.id, s]);
      }
      const box = (await panel.boundingBox())!;
      expect([Math.round(box.width), Math.round(box.height)]).toEqual([
        sizes[size].width + 18,
        sizes[size].height + 18,
      ]);
      await page.locator(`[data-case="${c.id}"]`).screenshot({ path: join(shots, `${theme}-${size}-${c.id}.png`) });
    });

    test('passes the axe accessibility check (WCAG 2.1 A and AA)', async () => {
      expect(await axeViolations(page)).toEqual([]);
    });

    test('nothing failed in the page', () => {
      expect(problems).toEqual([]);
    });
  });
});
