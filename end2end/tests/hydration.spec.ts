import { expect, test } from './fixtures/test';
import { HomePage } from './fixtures/home-page';

test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'hydration needs JavaScript');

test('after hydration the filter narrows the list in the browser, without a reload', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });

  const home = new HomePage(page);
  await home.goto();
  await home.waitForHydration();
  await expect(home.sectors).toHaveCount(5);

  // A marker on window survives only as long as no navigation or reload happens.
  await page.evaluate(() => ((window as unknown as { koubeiMarker: string }).koubeiMarker = 'same page'));
  await home.filter.fill('口腔');
  await expect(home.sectors).toHaveCount(1);
  await expect(home.sectorNames).toHaveText(['连锁口腔诊所']);
  await home.filter.fill('no such sector');
  await expect(page.getByTestId('no-match')).toHaveText('没有与“no such sector”匹配的调查。');
  await home.filter.fill('');
  await expect(home.sectors).toHaveCount(5);

  expect(await page.evaluate(() => (window as unknown as { koubeiMarker?: string }).koubeiMarker)).toBe(
    'same page',
  );
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/');
  expect(errors).toEqual([]);
});

// The bundle is started when the page is first idle; a page kept busy (a cheap phone, a starved
// machine) must still come alive, just later.
test('a page that is never idle still hydrates', async ({ page }) => {
  await page.addInitScript(() => {
    // Back-to-back 30 ms tasks with no gap: the browser never gets an idle moment.
    const channel = new MessageChannel();
    const giveUpAt = performance.now() + 25_000;
    channel.port1.onmessage = () => {
      const end = performance.now() + 30;
      while (performance.now() < end) {
        // busy
      }
      if (document.body?.dataset.hydrated !== 'true' && performance.now() < giveUpAt) {
        channel.port2.postMessage(0);
      }
    };
    channel.port2.postMessage(0);
  });
  const home = new HomePage(page);
  await home.goto();
  await home.waitForHydration();
  await home.filter.fill('口腔');
  await expect(home.sectors).toHaveCount(1);
});
