import { expect, test } from './fixtures/test';
import { SurveyPage } from './fixtures/survey-page';

const slug = 'health-checkups-2026';

test('validation messages appear next to the field in the chosen language', async ({ page }, info) => {
  const survey = new SurveyPage(page);
  await survey.goto(slug);
  const subject = await page.locator('[data-testid="subject"]').first().getAttribute('data-subject');
  if (info.project.name === 'javascript-on') await survey.waitForHydration();

  await survey.submit.click();
  await expect(page.getByTestId('error-summary')).toContainText('请至少勾选一个您用过的品牌或机构并打分。');

  await survey.markUsed(subject!);
  await survey.submit.click();
  await expect(survey.scoreError(subject!)).toHaveText('请选择 0 到 10 之间的分数。');

  await page.getByTestId('lang-en').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  if (info.project.name === 'javascript-on') await survey.waitForHydration();
  await survey.markUsed(subject!);
  await survey.submit.click();
  await expect(survey.scoreError(subject!)).toHaveText('Choose a score from 0 to 10.');
  // Nothing was stored: the brand can still be answered.
  await expect(survey.subject(subject!).getByRole('radio')).toHaveCount(11);
});

test('a refused send opens a summary that takes focus and leads to each problem', async ({ page }, info) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const survey = new SurveyPage(page);
  await survey.goto(slug);
  const subjects = page.locator('[data-testid="subject"]');
  const first = (await subjects.nth(0).getAttribute('data-subject'))!;
  const second = (await subjects.nth(1).getAttribute('data-subject'))!;
  if (info.project.name === 'javascript-on') await survey.waitForHydration();
  const summary = page.getByTestId('error-summary');
  await expect(summary).toBeHidden();

  await survey.markUsed(first);
  await survey.markUsed(second);
  await survey.submit.click();
  // With or without JavaScript, focus (and so the screen) lands on the list of problems.
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('heading')).toHaveText('有 2 处需要修改');
  const links = summary.getByRole('link');
  await expect(links).toHaveCount(2);
  await expect(links.first()).toContainText('请选择 0 到 10 之间的分数。');
  // The button's message points up to the list instead of "see below".
  await expect(survey.formError).toContainText('请看表单上方的列表');

  // A link leads to that brand's scale.
  await page.evaluate(() => window.scrollTo(0, 0));
  await links.nth(1).click();
  await expect(page).toHaveURL(new RegExp(`#score-${second}-0$`));
  await expect(survey.subject(second).locator('fieldset.score')).toBeInViewport();

  if (info.project.name === 'javascript-on') {
    // Fixing one problem takes its line away; fixing both closes the list.
    await survey.score(first, 8);
    await expect(links).toHaveCount(1);
    await survey.score(second, 6);
    await expect(summary).toBeHidden();
    await expect(survey.formError).toBeEmpty();
  }
});

test('the assisted tick is a large, optional box that the answer carries', async ({ page }, info) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const survey = new SurveyPage(page);
  await survey.goto(slug);
  const subjects = page.locator('[data-testid="subject"]');
  // The last brands, one per project, so the two projects never answer the same one.
  const count = await subjects.count();
  const subject = (await subjects
    .nth(info.project.name === 'javascript-on' ? count - 1 : count - 2)
    .getAttribute('data-subject'))!;
  if (info.project.name === 'javascript-on') await survey.waitForHydration();
  const tick = page.getByLabel('有人帮我填写，或我是替家人填写的');
  await expect(tick).not.toBeChecked();
  const row = page.locator('.assisted label');
  const box = await row.boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
  await row.click();
  await expect(tick).toBeChecked();
  await survey.answer(subject, 9);
  await survey.submit.click();
  await expect(page).toHaveURL(new RegExp(`/s/${slug}/thanks$`));
});
