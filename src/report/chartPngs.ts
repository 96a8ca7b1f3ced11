// PNG images of the charts, by screenshotting their SVG in headless Chromium (system CJK fonts).
import { launchChromium } from './launchChromium.ts';

/**
 * chartPngs({name: svg}) → {name: PNG bytes} at 2× pixel density, white background. One browser
 * for all charts. Fails when Chromium is missing (see launchChromium) or a screenshot fails.
 */
export async function chartPngs(svgs: Record<string, string>, onImage?: (done: number, total: number) => void): Promise<Record<string, Uint8Array>> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ deviceScaleFactor: 2, viewport: { width: 1000, height: 800 } });
    const out: Record<string, Uint8Array> = {};
    for (const [name, svg] of Object.entries(svgs)) {
      await page.setContent(`<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0;background:#fff}svg{display:block}</style></head><body>${svg}</body></html>`);
      out[name] = new Uint8Array(await page.locator('svg').first().screenshot({ type: 'png', omitBackground: false }));
      onImage?.(Object.keys(out).length, Object.keys(svgs).length);
    }
    return out;
  } finally {
    await browser.close();
  }
}
