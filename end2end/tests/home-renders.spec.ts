import { expect, test } from './fixtures/test';
import { DEMO_SECTORS_ZH, HomePage } from './fixtures/home-page';

test('the home page lists the demo sectors in Chinese', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(home.heading).toHaveText('正在进行的口碑调查');
  await expect(home.sectorNames).toHaveText(DEMO_SECTORS_ZH);
  await expect(page.getByRole('link', { name: /2026年连锁口腔诊所口碑调查/ })).toHaveAttribute(
    'href',
    '/s/dental-clinics-2026',
  );
  await expect(page).toHaveTitle('正在进行的口碑调查 · 口碑');
});
