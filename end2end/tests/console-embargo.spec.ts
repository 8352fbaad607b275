import { expect, test } from './fixtures/test';
import { Console } from './fixtures/console';

/** Tomorrow at 10:00 in Beijing time, as a date-time field holds it. */
function tomorrowInBeijing(): { field: string; shown: string } {
  const beijing = new Date(Date.now() + 8 * 3600_000 + 24 * 3600_000);
  const day = beijing.toISOString().slice(0, 10);
  return { field: `${day}T10:00`, shown: `${day} 10:00` };
}

test('an editor freezes a closed survey under an embargo on a phone, sees it nowhere public, and cancels it', async ({
  page,
  browser,
  request,
}, testInfo) => {
  // Both projects (JavaScript on and off) run at once: each works on its own survey.
  const slug = `embargo-e2e-${testInfo.project.name}`;
  const staff = new Console(page);
  await staff.signIn();

  await page.getByTestId('new-survey').click();
  await staff.field('slug').fill(slug);
  await page.getByTestId('field-sector').selectOption('dental-clinics');
  await staff.field('title_zh').fill('口腔诊所定时发布（测试）');
  await staff.field('title_en').fill('Dental clinics embargo (test)');
  await page.getByTestId('subject-haochi-dental').check();
  await page.getByTestId('subject-smile-line-dental').check();
  await page.getByTestId('save-survey').click();
  await page.getByTestId('lifecycle-open').click();
  await page.getByTestId('lifecycle-closed').click();
  await expect(page.getByTestId('survey-status')).toHaveText('已关闭');

  await page.getByTestId('publish-preview').click();
  const when = tomorrowInBeijing();
  await page.getByTestId('embargo-at').fill(when.field);
  await page.getByTestId('set-embargo').click();

  await expect(page.getByTestId('survey-status')).toHaveText('定时发布');
  await expect(page.getByTestId('embargo-pending')).toContainText(`将于 ${when.shown}（北京时间）自动公开`);
  await expect(page.getByTestId('edit-survey')).toHaveCount(0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // Nothing of it is public before its time.
  expect((await request.get(`/r/${slug}`)).status()).toBe(404);
  expect((await request.get(`/api/v1/surveys/${slug}/results`)).status()).toBe(404);
  expect((await request.get(`/embed/${slug}`)).status()).toBe(404);

  // A preview link for one brand: made once, opened by the brand on its own phone.
  await page.getByTestId('preview-links').click();
  await page.getByTestId('preview-subject').selectOption('haochi-dental');
  await page.getByTestId('make-preview-link').click();
  const address = (await page.getByTestId('preview-link-url').textContent()) ?? '';
  expect(address).toMatch(/\/preview\/[0-9a-f]{64}$/);
  const brandContext = await browser.newContext({
    baseURL: new URL(page.url()).origin,
    viewport: { width: 320, height: 700 },
    locale: 'zh-CN',
  });
  const brand = await brandContext.newPage();
  const opened = await brand.goto(new URL(address).pathname);
  expect(opened?.status()).toBe(200);
  await expect(brand.getByTestId('preview-banner')).toContainText(`将于 ${when.shown}（北京时间）公开`);
  await expect(brand.getByRole('heading', { level: 1 })).toHaveText('皓齿口腔');
  await expect(brand.getByText('微笑线齿科')).toHaveCount(0);
  const brandOverflow = await brand.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(brandOverflow).toBeLessThanOrEqual(0);
  await brandContext.close();
  await page.goto(`/console/surveys/${slug}`);

  await page.getByTestId('cancel-embargo').click();
  await expect(page.getByTestId('notice')).toHaveText('已取消定时发布，调查保持“已关闭”。');
  await expect(page.getByTestId('survey-status')).toHaveText('已关闭');
  await expect(page.getByTestId('lifecycle-open')).toBeVisible();
});
