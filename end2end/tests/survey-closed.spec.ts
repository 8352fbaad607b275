import { expect, test } from './fixtures/test';
import { SurveyPage } from './fixtures/survey-page';

test('a closed survey shows a friendly page with HTTP 410', async ({ page }) => {
  const survey = new SurveyPage(page);
  await survey.goto('online-video-2025', 410);
  await expect(page.getByTestId('survey-closed')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('本调查已结束');
  await expect(survey.form).toHaveCount(0);
});

test('an unknown survey shows a friendly page with HTTP 404', async ({ page }) => {
  const survey = new SurveyPage(page);
  await survey.goto('no-such-survey', 404);
  await expect(page.getByTestId('survey-missing')).toBeVisible();
});
