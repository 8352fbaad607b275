import { expect, test } from './fixtures/test';
import { DENTAL, SurveyPage } from './fixtures/survey-page';

// Each browser project answers different subjects, so the two projects never collide.
const subjectsFor = (project: string) =>
  project === 'javascript-on' ? DENTAL.subjects.slice(0, 2) : DENTAL.subjects.slice(2, 4);

test('answering two brands lands on the thank-you page with the published ranking', async ({ page }, info) => {
  const survey = new SurveyPage(page);
  const [first, second] = subjectsFor(info.project.name);
  await survey.goto(DENTAL.slug);
  if (info.project.name === 'javascript-on') await survey.waitForHydration();
  await survey.answer(first, 9, '医生很耐心');
  await survey.answer(second, 4);
  if (info.project.name === 'javascript-on') {
    await expect(survey.subject(first).getByText('5 / 1000 字')).toBeVisible();
  }
  await survey.submit.click();
  await expect(page).toHaveURL(new RegExp(`/s/${DENTAL.slug}/thanks$`));
  await expect(page.getByTestId('thanks')).toBeVisible();
  await expect(page.getByTestId('published-ranking')).toContainText('2025');

  // Back on the survey, both brands show as rated and take no second answer.
  await survey.goto(DENTAL.slug);
  await expect(survey.subject(first)).toContainText('您已评价过');
  await expect(survey.subject(second).getByRole('radio')).toHaveCount(0);
});
