import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures/test';
import { DENTAL, SurveyPage } from './fixtures/survey-page';

// axe-core (from npm, runs offline in the page) on the survey in both states that matter: fresh,
// and with a brand ticked (its radio group and "Why?" revealed) and an error shown.
test('the survey page has no serious accessibility violations', async ({ page }, info) => {
  // axe runs as JavaScript inside the page; the server-rendered markup it checks is the same.
  test.skip(info.project.name === 'javascript-off', 'axe-core needs JavaScript in the page');
  const survey = new SurveyPage(page);
  await survey.goto('elderly-care-2026');
  if (info.project.name === 'javascript-on') await survey.waitForHydration();
  const serious = async () =>
    (await new AxeBuilder({ page }).analyze()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(await serious()).toEqual([]);

  const subject = await page.locator('[data-testid="subject"]').first().getAttribute('data-subject');
  await survey.markUsed(subject!);
  await survey.submit.click();
  await expect(survey.scoreError(subject!)).not.toBeEmpty();
  expect(await serious()).toEqual([]);
});

test('the score radio group works from the keyboard with a visible focus', async ({ page }, info) => {
  test.skip(info.project.name === 'javascript-off', 'keyboard behaviour is the browser’s own; once is enough');
  const survey = new SurveyPage(page);
  await survey.goto(DENTAL.slug);
  await survey.waitForHydration();
  const subject = survey.subject('beichi-dental');
  await subject.locator('input[type="checkbox"]').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  const firstRadio = subject.getByRole('radio').first();
  await expect(firstRadio).toBeFocused();
  const outline = await firstRadio.evaluate((el) => getComputedStyle(el.nextElementSibling!).outlineStyle);
  expect(outline).toBe('solid');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(subject.getByRole('radio', { name: '2' })).toBeChecked();
});
