// The layout check of browser journeys: axe at 1280 and 320 px (nothing serious or critical; 390 px lies
// between the two and shares the phone layout of 320), no sideways scroll at 390 or 320 px, and screenshots
// at 1280 and 390 px named `<name>-<width>.png` in `screenshotDir`.

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { seriousViolations } from './axe.ts';
import { screenshotDir, sidewaysScroll } from './browser.ts';

export async function checkLayouts(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390, 320]) {
    await page.setViewportSize({ width, height: 900 });
    if (width !== 390) expect(await seriousViolations(page), `${name} at ${width} px`).toEqual([]);
    if (width < 1280)
      expect(await sidewaysScroll(page), `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
    if (width > 320)
      await page.screenshot({ path: join(screenshotDir, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}
