import { expect, test } from './fixtures/test';
import { DENTAL, SurveyPage } from './fixtures/survey-page';

// Each browser project answers its own brand, so the two projects never collide.
const brandFor = (project: string) =>
  project === 'javascript-on' ? 'crystal-porcelain-dental' : 'yazhi-dental';

/** Whether the page scrolls sideways at the current viewport. */
const overflows = (page: import('@playwright/test').Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

test('the receipt code from the thank-you page shows and withdraws the answer', async ({ page }, info) => {
  const survey = new SurveyPage(page);
  const brand = brandFor(info.project.name);
  await survey.goto(DENTAL.slug);
  if (info.project.name === 'javascript-on') await survey.waitForHydration();
  await survey.answer(brand, 9, '回执测试');
  await survey.submit.click();
  await expect(page).toHaveURL(new RegExp(`/s/${DENTAL.slug}/thanks$`));

  const receipt = page.getByTestId('receipt');
  await expect(receipt).toContainText('您的回执码');
  const code = (await page.getByTestId('receipt-code').innerText()).trim();
  expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  await page.setViewportSize({ width: 320, height: 700 });
  expect(await overflows(page)).toBe(false);

  await receipt.getByRole('link', { name: '我的回答' }).click();
  await expect(page).toHaveURL(/\/my-answers$/);
  // Typed as a person might: lower case, a space instead of the hyphen.
  await page.getByLabel('回执码').fill(code.toLowerCase().replace('-', ' '));
  await page.getByRole('button', { name: '查看' }).click();
  const stored = page.getByTestId('stored-answers');
  await expect(stored).toContainText('9 分');
  await expect(stored).toContainText('回执测试');
  expect(await overflows(page)).toBe(false);

  // The checkbox is required: the browser will not send the form without it.
  const withdraw = page.getByTestId('withdraw-form');
  await withdraw.getByLabel('我确认撤回这次回答').check();
  await withdraw.getByRole('button', { name: '撤回回答' }).click();
  await expect(page.getByTestId('withdrawn')).toContainText('已撤回');
  await expect(page.getByTestId('stored-answers')).not.toContainText('回执测试');
  await expect(page.getByTestId('withdraw-form')).toHaveCount(0);
  expect(await overflows(page)).toBe(false);
});

test('a mistyped code is refused in words next to the field', async ({ page }) => {
  await page.goto('/my-answers');
  await page.getByLabel('回执码').fill('12345');
  await page.getByRole('button', { name: '查看' }).click();
  await expect(page.getByTestId('code-problem')).toContainText('10 位字母和数字');
  await expect(page.getByLabel('回执码')).toHaveAttribute('aria-invalid', 'true');
});
