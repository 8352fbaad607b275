import { expect, test } from './fixtures/test';
import { ADMIN, Console } from './fixtures/console';

test.use({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });

test('an editor creates a survey, opens it, excludes an answer and sees the ledger change', async ({
  page,
  browser,
  request,
}, testInfo) => {
  // Both projects (JavaScript on and off) run at once: each works on its own survey.
  const slug = `dental-e2e-${testInfo.project.name}`;
  const staff = new Console(page);
  await staff.signIn();

  await page.getByTestId('new-survey').click();
  await staff.field('slug').fill(slug);
  await page.getByTestId('field-sector').selectOption('dental-clinics');
  await staff.field('title_zh').fill('口腔诊所口碑调查（测试）');
  // English title left out: the form comes back with the problem next to the field.
  await page.getByTestId('subject-haochi-dental').check();
  await page.getByTestId('subject-smile-line-dental').check();
  await page.getByTestId('save-survey').click();
  await expect(page.getByTestId('form-problems')).toBeVisible();
  await expect(page.locator('#title_en-error')).toHaveText('必填');
  await expect(staff.field('title_zh')).toHaveValue('口腔诊所口碑调查（测试）');

  await staff.field('title_en').fill('Dental clinics survey (test)');
  await page.getByTestId('save-survey').click();
  await expect(page.getByTestId('survey-status')).toHaveText('草稿');

  await page.getByTestId('lifecycle-open').click();
  await expect(page.getByTestId('survey-status')).toHaveText('开放中');

  // The API takes answers only from kiosks: without a key it refuses.
  const data = { subject: 'haochi-dental', score: 3, reason: 'spam spam spam', lang: 'zh-CN', respondent: `e2e-${slug}` };
  const refused = await request.post(`/api/v1/surveys/${slug}/responses`, { data });
  expect(refused.status()).toBe(401);

  // An admin issues a kiosk key for this survey in the console; the secret is shown once.
  const adminContext = await browser.newContext({ baseURL: new URL(page.url()).origin });
  const adminPage = await adminContext.newPage();
  const admin = new Console(adminPage, ADMIN);
  await admin.signIn('/console/kiosk-keys');
  await admin.field('name').fill(`前台平板 ${slug}`);
  await adminPage.getByTestId(`kiosk-survey-${slug}`).check();
  await admin.field('daily_limit').fill('100');
  await adminPage.getByTestId('create-kiosk-key').click();
  const kioskKey = (await adminPage.getByTestId('kiosk-key-secret').textContent()) ?? '';
  expect(kioskKey).toMatch(/^koubei_kiosk_[0-9a-f]{64}$/);
  await adminContext.close();

  // The kiosk answers through the API (the pages share its code path).
  const answer = await request.post(`/api/v1/surveys/${slug}/responses`, {
    data,
    headers: { authorization: `Bearer ${kioskKey}` },
  });
  expect(answer.status()).toBe(201);
  const { id } = await answer.json();

  await page.reload();
  await expect(staff.ledger('counted', 'haochi-dental')).toHaveText('1');
  await expect(staff.ledger('excluded', 'haochi-dental')).toHaveText('0');

  await page.getByTestId('browse-responses').click();
  await page.getByTestId(`response-${id}`).getByRole('link').click();
  await page.getByTestId('exclusion-reason').selectOption('bot');
  await page.getByTestId('exclusion-note').fill('same text from a script');
  await page.getByTestId('exclude').click();
  await expect(page.getByTestId('response-status')).toContainText('已剔除');

  await page.goto(`/console/surveys/${slug}`);
  await expect(staff.ledger('counted', 'haochi-dental')).toHaveText('0');
  await expect(staff.ledger('excluded', 'haochi-dental')).toHaveText('1');
  await expect(staff.ledger('excluded', 'total')).toHaveText('1');
});
