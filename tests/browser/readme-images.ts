// Writes the README's panel screenshots (docs/images/panel-*.png): three gallery cases at 800 x 520 in the dark
// theme, from the BUILT panels. Run after npm run build and npm run build:browser-host:
//   node -r ts-node/register/transpile-only tests/browser/readme-images.ts
import { existsSync, statSync } from 'fs';
import { join, resolve } from 'path';

import { launchChromium } from '../helpers/chromium';
import { serveStatic } from '../helpers/server';
import { sizes } from './gallery/cases';

const root = resolve(__dirname, '../..');
const images = [
  { id: 'health-grid', file: 'panel-health.png' },
  { id: 'overhead-service', file: 'panel-overhead.png' },
  { id: 'sla-incident', file: 'panel-sla.png' },
];
// The README's images stay small enough to load quickly.
const MAX_BYTES = 150 * 1024;

async function main() {
  for (const f of ['build/browser-host/gallery.js', 'dist/panels/healthscore/module.js']) {
    if (!existsSync(join(root, f))) {
      console.error(`readme images: ${f} is missing: run npm run build and npm run build:browser-host first`);
      process.exit(2);
    }
  }
  const server = await serveStatic(root);
  const browser = await launchChromium();
  try {
    const { width, height } = sizes.large;
    const page = await browser.newPage({ viewport: { width: 1760, height: 1000 } });
    await page.goto(`${server.url}/tests/browser/host/index.html?gallery&theme=dark&size=large`);
    await page.evaluate(() => window.perfscopeGallery.ready);
    for (const { id, file } of images) {
      const path = join(root, 'docs/images', file);
      await page.locator(`[data-panel="${id}"]`).screenshot({ path });
      const bytes = statSync(path).size;
      console.log(`${path}: ${id}, ${width} x ${height} dark, ${Math.round(bytes / 1024)} KB`);
      if (bytes > MAX_BYTES) {
        throw new Error(`${file} is ${Math.round(bytes / 1024)} KB, over ${MAX_BYTES / 1024} KB`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(`readme images: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
