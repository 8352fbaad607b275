import { expect, expectConsoleError, test } from './fixtures/test';
import { ThirdPartySite } from './fixtures/third-party-site';

test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'embed.js is JavaScript');

const appOrigin = `http://127.0.0.1:${process.env.KOUBEI_E2E_PORT ?? 3199}`;

test('another site embeds the ranking widget, which sizes itself, but cannot frame other pages', async ({ page }) => {
  // The browser refuses to frame the home page, and says so: that refusal is what is tested.
  expectConsoleError("violates the following Content Security Policy directive: \"frame-ancestors 'none'\"");
  const site = await ThirdPartySite.start(appOrigin, 'dental-clinics-2025');
  try {
    const home = page.waitForResponse(`${appOrigin}/`);
    await page.goto(site.url);

    const frame = page.locator('iframe[data-koubei-frame]');
    await expect(frame).toHaveAttribute('src', `${appOrigin}/embed/dental-clinics-2025?lang=en`);
    const widget = page.frameLocator('iframe[data-koubei-frame]');
    await expect(widget.getByTestId('koubei-ranking')).toBeVisible();
    await expect(widget.getByRole('link', { name: 'Full results and methodology' })).toHaveAttribute(
      'href',
      '/r/dental-clinics-2025/1',
    );
    // embed.js starts the frame at 150 px; the widget's height message makes it fit the table.
    await expect
      .poll(async () => Number(await frame.getAttribute('height')), { timeout: 10_000 })
      .toBeGreaterThan(150);
    const height = Number(await frame.getAttribute('height'));
    const content = await widget.locator('html').evaluate((html) => html.getBoundingClientRect().height);
    expect(Math.abs(height - content)).toBeLessThanOrEqual(2);

    // The home page answers, but the browser refuses to show it inside another site.
    expect((await home).headers()['x-frame-options']).toBe('DENY');
    const framedHome = page.frame({ name: 'framed-home' });
    expect(framedHome).not.toBeNull();
    // Chromium replaces a refused frame with its error page (Playwright runs Debian's Chromium).
    await expect.poll(() => framedHome!.url(), { timeout: 10_000 }).toMatch(/^chrome-error:/);
    await expect(page.frameLocator('#framed-home').locator('a.skip-link')).toHaveCount(0);
  } finally {
    await site.close();
  }
});
