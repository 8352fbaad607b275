import { expect, test } from './fixtures/test';
import { SurveyPage } from './fixtures/survey-page';

// Two tabs on one phone: the form opened before the first answer was sent tries the same brand.
test('a second answer for the same brand is refused with a clear message', async ({ context }, info) => {
  const slug = 'pre-made-meals-2026';
  const firstTab = new SurveyPage(await context.newPage());
  const secondTab = new SurveyPage(await context.newPage());
  await firstTab.goto(slug);
  // Each browser project takes its own brand, so the two projects never collide.
  const subjectSlug = await firstTab.page
    .locator('[data-testid="subject"]')
    .nth(info.project.name === 'javascript-on' ? 0 : 1)
    .getAttribute('data-subject');
  expect(subjectSlug, 'a brand is listed').toBeTruthy();
  await secondTab.goto(slug);
  if (info.project.name === 'javascript-on') {
    await firstTab.waitForHydration();
    await secondTab.waitForHydration();
  }

  await firstTab.answer(subjectSlug!, 8);
  await firstTab.submit.click();
  await expect(firstTab.page).toHaveURL(/\/thanks$/);

  await secondTab.answer(subjectSlug!, 2);
  await secondTab.submit.click();
  await expect(secondTab.formError).toContainText('您已在本次调查中评价过');
  await expect(secondTab.page).toHaveURL(new RegExp(`/s/${slug}$`));
});
