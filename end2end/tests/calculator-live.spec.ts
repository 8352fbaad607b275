import { expect, test } from './fixtures/test';
import { CalculatorPage } from './fixtures/calculator-page';
import { waitForHydration } from './fixtures/hydration';

test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'live recomputation needs JavaScript');

test('the calculator recomputes in the browser as you type, with the same Rust code', async ({ page }) => {
  const calculator = new CalculatorPage(page);
  await calculator.goto();
  await waitForHydration(page);
  await expect(calculator.nps).toHaveText('10.0'); // the worked example: 40 / 30 / 30

  let requests = 0;
  page.on('request', () => requests++);
  await calculator.promoters.fill('3');
  await calculator.passives.fill('1');
  await calculator.detractors.fill('1');
  await expect(calculator.nps).toHaveText('40.0');
  // Adjusted Wald (3,1,1) at 95%, from stats/reference/intervals.csv, rounded to 0.1.
  const reference = { low: '-29.8', high: '79.8' };
  await expect(calculator.interval).toHaveText(`95% 置信区间：[${reference.low}, ${reference.high}]`);

  await calculator.method.selectOption('wald');
  await expect(calculator.interval).toContainText('[-30.1, 100.0]');
  await calculator.promoters.fill('-1');
  await expect(calculator.error('promoters')).toHaveText('请输入不小于 0 的整数。');
  await expect(calculator.promoters).toHaveAttribute('aria-invalid', 'true');
  expect(requests, 'everything ran in the browser').toBe(0);
});
