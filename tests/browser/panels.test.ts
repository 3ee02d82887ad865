import { join } from 'path';
import type { Locator, Page } from 'playwright-core';

import { cases, sizes, themes, type SizeName } from './gallery/cases';
import { axeViolations, shots, useHost } from '../helpers/page';
import { overflowingText } from './overflow';

// The built panels (dist/), loaded by the gallery page as Grafana loads them, with the recorded frames: in
// both themes at four sizes (150 x 100 to 1600 x 900), each case must show its text, pass axe, let no text
// overflow its box unseen, and leave a screenshot.

const host = useHost(['healthscore', 'domainoverhead', 'sla'].map((p) => `dist/panels/${p}/module.js`));

describe.each(themes)('%s theme', (theme) => {
  describe.each(Object.keys(sizes) as SizeName[])('%s panels', (size) => {
    let page: Page;
    let problems: string[];

    beforeAll(async () => {
      ({ page, problems } = await host.open(`theme=${theme}&size=${size}`, { width: 1760, height: 1000 }));
      // The overview of the size: every case at once.
      await page.screenshot({ path: join(shots, `${theme}-${size}.png`), fullPage: true });
    });

    afterAll(() => page?.close());

    test.each(cases)('$id shows what it should', async (c) => {
      const panel = page.locator(`[data-panel="${c.id}"]`);
      // What a person reads: the text, and what the inputs show (the SLA panel's service list).
      const text = await panel.evaluate((el) =>
        [(el as HTMLElement).innerText, ...[...el.querySelectorAll('input')].map((i) => i.value)].join('\n')
      );
      const expected = [...c.shows, ...(size === 'small' ? [] : (c.showsWhenRoomy ?? []))];
      for (const s of expected) {
        expect([c.id, text.includes(s) ? s : text]).toEqual([c.id, s]);
      }
      const box = (await panel.boundingBox())!;
      expect([Math.round(box.width), Math.round(box.height)]).toEqual([
        sizes[size].width + 18,
        sizes[size].height + 18,
      ]);
      if (size !== 'small') {
        for (const s of c.inViewWhenRoomy ?? []) {
          expect([c.id, s, await inView(panel, s)]).toEqual([c.id, s, true]);
        }
      }
      await page.locator(`[data-case="${c.id}"]`).screenshot({ path: join(shots, `${theme}-${size}-${c.id}.png`) });
    });

    test('no text overflows its box (unless ellipsised with a title, or scrollable)', async () => {
      expect(await overflowingText(page, '[data-panel]')).toEqual([]);
    });

    test('passes the axe accessibility check (WCAG 2.1 A and AA)', async () => {
      expect(await axeViolations(page)).toEqual([]);
    });

    test('nothing failed in the page', () => {
      expect(problems).toEqual([]);
    });
  });
});

/** Whether an element whose own text is `text` is inside the panel's box, without scrolling. */
function inView(panel: Locator, text: string): Promise<boolean> {
  return panel.evaluate((root, t) => {
    const box = root.getBoundingClientRect();
    const el = [...root.querySelectorAll('*')].find((e) =>
      [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim() === t)
    );
    if (!el) {
      return false;
    }
    const r = el.getBoundingClientRect();
    return r.top >= box.top && r.bottom <= box.bottom && r.left >= box.left && r.right <= box.right;
  }, text);
}
