import { expect, test } from './fixtures/test';
import { HomePage } from './fixtures/home-page';

test('switching to English and back keeps the reader on the page', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto('/?q=dental');
  await page.getByTestId('lang-en').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(home.heading).toHaveText('Open word-of-mouth surveys');
  await expect(home.sectorNames).toHaveText(['Dental clinic chains']);
  expect(new URL(page.url()).search).toBe('?q=dental');

  await page.getByTestId('lang-zh-CN').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(home.sectorNames).toHaveText(['连锁口腔诊所']);
});
