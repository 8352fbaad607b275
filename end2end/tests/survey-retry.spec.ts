import { expect, expectConsoleError, test } from './fixtures/test';
import { SurveyPage } from './fixtures/survey-page';

// With the app hydrated, answers go out in the background: a visible sending state, and when the
// network drops, the answers stay and a retry sends them once.
test('a dropped connection keeps the answers and a retry sends them once', async ({ page }, info) => {
  test.skip(info.project.name === 'javascript-off', 'the plain form has the browser’s own retry');
  // The dropped connection below is the browser's to report.
  expectConsoleError('net::ERR_CONNECTION_RESET');
  const survey = new SurveyPage(page);
  await survey.goto('elderly-care-2026');
  await survey.waitForHydration();
  const subject = await page.locator('[data-testid="subject"]').nth(2).getAttribute('data-subject');
  await survey.answer(subject!, 10, 'kept through the outage');

  // First attempt: the request reaches the server, but the answer never comes back.
  let attempts = 0;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/fn/submit-survey', async (route) => {
    attempts += 1;
    if (attempts === 1) {
      await held;
      await route.fetch(); // stored on the server…
      await route.abort('connectionreset'); // …but the phone never hears back
    } else {
      await route.continue();
    }
  });
  await survey.submit.click();
  await expect(survey.submit).toBeDisabled();
  await expect(survey.submit).toHaveText('正在提交…');
  release();
  await expect(page.getByTestId('connection-lost')).toBeVisible();
  await expect(survey.subject(subject!).getByRole('textbox')).toHaveValue('kept through the outage');

  await page.getByTestId('connection-lost').getByRole('button').click();
  await expect(page).toHaveURL(/\/s\/elderly-care-2026\/thanks$/);
  expect(attempts).toBe(2);

  // Stored once: the brand shows as rated, and the retry was not refused as a duplicate.
  await survey.goto('elderly-care-2026');
  await expect(survey.subject(subject!)).toContainText('您已评价过');
});
