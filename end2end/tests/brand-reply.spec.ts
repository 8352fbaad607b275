import { expect, test } from './fixtures/test';
import { Console } from './fixtures/console';

/** A Beijing-time minute `days` ahead, as staff type it. */
function beijingMinute(days: number, time: string): string {
  const beijing = new Date(Date.now() + 8 * 3600_000 + days * 24 * 3600_000);
  return `${beijing.toISOString().slice(0, 10)} ${time}`;
}

async function noSidewaysScroll(page: import('@playwright/test').Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test('a brand replies on a 320 px phone through its preview link, staff approve it, and a published reply reads on that phone', async ({
  page,
  browser,
}, testInfo) => {
  // Both projects (JavaScript on and off) run at once: each works on its own survey.
  const slug = `reply-e2e-${testInfo.project.name}`;
  const javaScriptEnabled = testInfo.project.use.javaScriptEnabled ?? true;
  page.on('dialog', (dialog) => dialog.accept());
  const staff = new Console(page);
  await staff.signIn();

  await page.getByTestId('new-survey').click();
  await staff.field('slug').fill(slug);
  await page.getByTestId('field-sector').selectOption('dental-clinics');
  await staff.field('title_zh').fill('口腔诊所品牌回应（测试）');
  await staff.field('title_en').fill('Dental clinics replies (test)');
  await page.getByTestId('subject-haochi-dental').check();
  await page.getByTestId('subject-smile-line-dental').check();
  await page.getByTestId('save-survey').click();
  await page.getByTestId('lifecycle-open').click();
  await page.getByTestId('lifecycle-closed').click();
  await page.getByTestId('publish-preview').click();
  await page.getByTestId('embargo-at').fill(beijingMinute(2, '10:00').replace(' ', 'T'));
  await page.getByTestId('set-embargo').click();

  await page.getByTestId('preview-links').click();
  await page.getByTestId('preview-subject').selectOption('haochi-dental');
  await page.getByTestId('make-preview-link').click();
  const address = (await page.getByTestId('preview-link-url').textContent()) ?? '';

  // Staff invite replies until tomorrow evening.
  await page.goto(`/console/surveys/${slug}/replies`);
  await expect(page.getByTestId('reply-deadline-state')).toContainText('尚未征集回应');
  const deadline = beijingMinute(1, '18:00');
  await page.getByTestId('reply-by').fill(deadline);
  await page.getByTestId('set-reply-deadline').click();
  await expect(page.getByTestId('notice')).toHaveText('截止时间已保存。');
  await expect(page.getByTestId('reply-deadline-state')).toContainText(deadline);

  // The brand, on a small phone, JavaScript as the project says.
  const brandContext = await browser.newContext({
    baseURL: new URL(page.url()).origin,
    viewport: { width: 320, height: 700 },
    locale: 'zh-CN',
    javaScriptEnabled,
  });
  const brand = await brandContext.newPage();
  await brand.goto(new URL(address).pathname);
  await expect(brand.getByTestId('reply-panel')).toContainText(deadline);
  await noSidewaysScroll(brand);
  await brand.getByTestId('send-reply').click();
  await expect(brand.getByTestId('reply-error')).toHaveText('请至少用一种语言写下回应。');
  const reply = '感谢监督。我们已在各门店公布收费明细。';
  await brand.getByTestId('reply-zh').fill(reply);
  await brand.getByTestId('send-reply').click();
  await expect(brand.getByTestId('reply-sent')).toBeVisible();
  await expect(brand.getByTestId('reply-state')).toHaveAttribute('data-state', 'pending');
  await expect(brand.getByText(reply)).toBeVisible();
  await noSidewaysScroll(brand);

  // Staff approve it; the brand sees that on its page. (Publishing here would change which wave
  // the other tests see as the sector's latest; the integration tests publish it instead.)
  await page.goto(`/console/surveys/${slug}/replies`);
  await expect(page.getByTestId('reply-haochi-dental')).toContainText(reply);
  await page.getByTestId('approve-reply').click();
  await expect(page.getByTestId('notice')).toHaveText('回应已通过。');
  await brand.goto(new URL(address).pathname);
  await expect(brand.getByTestId('reply-state')).toHaveAttribute('data-state', 'approved');

  // A published reply, as the demo carries one, reads on the same small phone.
  await brand.goto('/r/dental-clinics-2025');
  await expect(brand.getByTestId('reply')).toContainText('欢迎继续监督');
  await brand.getByTestId('reply-link').click();
  await expect(brand.getByTestId('reply')).toBeInViewport();
  await noSidewaysScroll(brand);
  await brandContext.close();
});
