import { expect, test } from './fixtures/test';
import { DENTAL, SurveyPage } from './fixtures/survey-page';

const SURVEY = '/s/dental-clinics-2026';

async function noSidewaysScroll(page: import('@playwright/test').Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

for (const width of [320, 360, 390]) {
  test(`at ${width} px an older person turns on 长辈模式 by a link, answers with 60 px targets, and it is remembered`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(SURVEY);
    await expect(page.locator('html')).not.toHaveClass(/large-mode/);
    await page.getByTestId('large-mode').click();
    await expect(page).toHaveURL(new RegExp(`${SURVEY}$`));
    await expect(page.locator('html')).toHaveClass(/large-mode/);
    await expect(page.getByTestId('large-mode')).toHaveText('标准字号');
    const survey = new SurveyPage(page);
    const brand = DENTAL.subjects[0];
    await survey.markUsed(brand);

    const measured = await page.evaluate(() => {
      const body = parseFloat(getComputedStyle(document.body).fontSize);
      const ends = parseFloat(
        getComputedStyle(document.querySelector('.subject__used:checked ~ .subject__question .score__ends')!).fontSize,
      );
      const group = document.querySelector('.subject__used:checked ~ .subject__question .score__options')!;
      const targets = [...group.querySelectorAll('.score__option span')].map((e) => e.getBoundingClientRect());
      let smallestGap = Infinity;
      for (let i = 1; i < targets.length; i++) {
        const [a, b] = [targets[i - 1], targets[i]];
        const gap = b.top >= a.bottom ? b.top - a.bottom : b.left - a.right;
        smallestGap = Math.min(smallestGap, gap);
      }
      return {
        body,
        ends,
        count: targets.length,
        smallestWidth: Math.min(...targets.map((r) => r.width)),
        smallestHeight: Math.min(...targets.map((r) => r.height)),
        smallestGap,
      };
    });
    expect(measured.body).toBeGreaterThanOrEqual(20);
    expect(measured.ends).toBeGreaterThanOrEqual(16);
    expect(measured.count).toBe(11);
    expect(measured.smallestWidth).toBeGreaterThanOrEqual(60);
    expect(measured.smallestHeight).toBeGreaterThanOrEqual(60);
    expect(measured.smallestGap).toBeGreaterThanOrEqual(8);
    await noSidewaysScroll(page);

    // A score is chosen by tapping its row.
    await survey.score(brand, 9);
    await expect(survey.subject(brand).locator('.score__option input').nth(9)).toBeChecked();

    // Remembered on the next page, and in English.
    await page.goto('/r/dental-clinics-2025');
    await expect(page.locator('html')).toHaveClass(/large-mode/);
    await noSidewaysScroll(page);
    await page.getByTestId('lang-en').click();
    await expect(page.locator('html')).toHaveClass(/large-mode/);
    await expect(page.getByTestId('large-mode')).toHaveText('Standard text');
    await noSidewaysScroll(page);

    // And turned off the same way.
    await page.getByTestId('large-mode').click();
    await expect(page.locator('html')).not.toHaveClass(/large-mode/);
    await expect(page.getByTestId('large-mode')).toHaveText('Large text');
  });
}
