import { expect, test } from './fixtures/test';
import { Console } from './fixtures/console';
import { DENTAL, SurveyPage } from './fixtures/survey-page';

test.use({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });

test('printed invitations: the first answer through one counts as verified, a second use is turned away', async ({
  page,
  browser,
}, testInfo) => {
  const javaScript = testInfo.project.name === 'javascript-on';
  const name = `前台 ${testInfo.project.name}`;
  const staff = new Console(page);
  await staff.signIn(`/console/surveys/${DENTAL.slug}/invitations`);
  await staff.field('name').fill(name);
  await staff.field('size').fill('2');
  await page.getByTestId('create-invitation-batch').click();
  const batch = page.getByTestId('invitation-batch').filter({ hasText: name });
  await expect(batch.getByTestId('invitations-spent')).toHaveText('0');

  await batch.getByTestId('invitation-cards').click();
  const cards = page.getByTestId('invitation-card');
  await expect(cards).toHaveCount(2);
  await expect(cards.first().locator('svg')).toBeVisible();
  const code = ((await cards.first().getByTestId('invitation-code').textContent()) ?? '').trim();
  expect(code).toMatch(/^[2-9A-Z]{6}-1-[0-9a-f]{12}$/);

  // An older person's phone: the card's QR code opens the survey, they answer.
  const phone = await browser.newContext({
    baseURL: new URL(page.url()).origin,
    viewport: { width: 360, height: 740 },
    javaScriptEnabled: javaScript,
    locale: 'zh-CN',
  });
  const phonePage = await phone.newPage();
  const opened = await phonePage.goto(`/s/${DENTAL.slug}?i=${code}`);
  expect(opened?.status()).toBe(200);
  const survey = new SurveyPage(phonePage);
  if (javaScript) await survey.waitForHydration();
  await survey.answer(DENTAL.subjects[0], 9);
  await survey.submit.click();
  await expect(phonePage).toHaveURL(new RegExp(`/s/${DENTAL.slug}/thanks`));

  // The same card again (a photo of it passed on): a friendly page, and the way to answer anyway.
  const again = await phonePage.goto(`/s/${DENTAL.slug}?i=${code}`);
  expect(again?.status()).toBe(410);
  await expect(phonePage.getByTestId('invitation-used')).toContainText('已经用过');
  const width = await phonePage.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  await phonePage.getByTestId('invitation-used').getByRole('link').click();
  await expect(phonePage).toHaveURL(new RegExp(`/s/${DENTAL.slug}$`));
  await phone.close();

  // The console counts the spent invitation, and withdrawing the rest asks first.
  await page.goto(`/console/surveys/${DENTAL.slug}/invitations`);
  await expect(batch.getByTestId('invitations-spent')).toHaveText('1');
  const asked: string[] = [];
  page.on('dialog', async (dialog) => {
    asked.push(dialog.message());
    await dialog.accept();
  });
  await batch.getByTestId('revoke-invitations').click();
  await expect(batch.getByTestId('invitation-batch-state')).toContainText('已收回');
  expect(asked.length).toBe(javaScript ? 1 : 0);
});
