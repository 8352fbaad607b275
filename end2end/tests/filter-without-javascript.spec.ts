import { expect, test } from './fixtures/test';
import { HomePage } from './fixtures/home-page';

test.skip(({ javaScriptEnabled }) => javaScriptEnabled, 'checks the plain-HTML path');

test('without JavaScript the filter is a form the server answers', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await expect(page.locator('body')).not.toHaveAttribute('data-hydrated', 'true');
  await home.filter.fill('视频');
  await Promise.all([page.waitForURL(/\?q=/), home.filter.press('Enter')]);
  expect(new URL(page.url()).searchParams.get('q')).toBe('视频');
  await expect(home.sectorNames).toHaveText(['在线视频平台']);
  await expect(home.filter).toHaveValue('视频');
});
