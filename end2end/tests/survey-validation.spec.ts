import { expect, test } from './fixtures/test';
import { SurveyPage } from './fixtures/survey-page';

const slug = 'health-checkups-2026';

test('validation messages appear next to the field in the chosen language', async ({ page }, info) => {
  const survey = new SurveyPage(page);
  await survey.goto(slug);
  const subject = await page.locator('[data-testid="subject"]').first().getAttribute('data-subject');
  if (info.project.name === 'javascript-on') await survey.waitForHydration();

  await survey.submit.click();
  await expect(survey.formError).toContainText('请至少勾选一个您用过的品牌或机构并打分。');

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
