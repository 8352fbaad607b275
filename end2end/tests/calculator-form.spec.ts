import { expect, test } from './fixtures/test';
import { CalculatorPage } from './fixtures/calculator-page';

test.skip(({ javaScriptEnabled }) => javaScriptEnabled, 'checks the plain-HTML path');

test('without JavaScript the calculator is a form the server answers', async ({ page }) => {
  const calculator = new CalculatorPage(page);
  await calculator.goto();
  await calculator.promoters.fill('3');
  await calculator.passives.fill('1');
  await calculator.detractors.fill('1');
  await calculator.submit();
  await expect(calculator.nps).toHaveText('40.0');
  await expect(calculator.interval).toHaveText('95% 置信区间：[-29.8, 79.8]');

  await calculator.level.fill('1.5');
  await calculator.submit();
  await expect(calculator.error('level')).toHaveText('置信水平须在 0 和 1 之间（不含两端），例如 0.95。');
  await expect(calculator.level).toHaveValue('1.5');
});

test('the sample-size planner answers through the same form', async ({ page }) => {
  const calculator = new CalculatorPage(page);
  await calculator.goto();
  await page.getByTestId('margin').fill('10');
  await Promise.all([
    page.waitForURL(/margin=10/),
    page.getByRole('button', { name: '估算样本量' }).click(),
  ]);
  // Worst case, ±10 points at 95%: stats/reference/sample_size.csv.
  await expect(calculator.planResult).toContainText('385');
  await page.getByTestId('promoter_share').fill('50');
  await page.getByTestId('detractor_share').fill('20');
  await Promise.all([
    page.waitForURL(/promoter_share=50/),
    page.getByRole('button', { name: '估算样本量' }).click(),
  ]);
  await expect(calculator.planResult).not.toContainText('385');
});
