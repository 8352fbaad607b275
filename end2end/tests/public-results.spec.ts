import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures/test';
import { DENTAL_2025, ResultsPage } from './fixtures/results-page';

test('the published ranking reads as a table with its method and downloads, in both languages', async ({ page }) => {
  const results = new ResultsPage(page);
  const published = await results.published(DENTAL_2025.slug);
  await results.goto(DENTAL_2025.slug);
  await expect(results.heading).toHaveText(DENTAL_2025.titleZh);

  await expect(results.rankedRows).toHaveCount(published.ranked);
  await expect(results.rankedRows.first().getByRole('rowheader')).not.toBeEmpty();
  if (published.heldBack > 0) {
    await expect(results.heldBack).toBeVisible();
    await expect(results.heldBack.getByRole('heading', { level: 2 })).toHaveText('样本不足');
    await expect(results.heldBackSubjects).toHaveCount(published.heldBack);
  }
  await expect(results.methodology).toBeVisible();
  await expect(results.dataHash).toHaveText(/^[0-9a-f]{64}$/);
  const api = `/api/v1/surveys/${DENTAL_2025.slug}/results`;
  await expect(results.download('csv')).toHaveAttribute('href', `${api}.csv?snapshot=${published.snapshot}`);
  await expect(results.download('json')).toHaveAttribute('href', `${api}?snapshot=${published.snapshot}`);
  await expect(results.download('png')).toHaveAttribute('href', /\/ranking\.png\?/);

  // On a phone the wide table scrolls inside its own box; the page itself does not.
  const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(pageWidth).toBeLessThanOrEqual(page.viewportSize()!.width);

  await page.getByTestId('lang-en').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(results.heading).toHaveText(DENTAL_2025.titleEn);
  await expect(page.getByRole('heading', { level: 2, name: 'How these results are made' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Quality ledger' })).toBeVisible();
  await expect(results.rankedRows).toHaveCount(published.ranked);
});

test('the results page has no serious accessibility violations', async ({ page }, info) => {
  // axe runs as JavaScript inside the page; the server-rendered markup it checks is the same.
  test.skip(info.project.name === 'javascript-off', 'axe-core needs JavaScript in the page');
  const results = new ResultsPage(page);
  await results.goto(DENTAL_2025.slug);
  const violations = (await new AxeBuilder({ page }).analyze()).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(violations).toEqual([]);
});

test('a phone reaches every published ranking from the home page by tapping links alone', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/');
  const noSidewaysScroll = async () => {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(320);
  };
  await noSidewaysScroll();

  // The header's Rankings entry leads to the index, one card per published sector.
  await page.getByTestId('nav-rankings').click();
  await expect(page.getByTestId('rankings-page')).toBeVisible();
  await noSidewaysScroll();
  const card = page.getByTestId('ranking-card').filter({ has: page.locator(`a[href="/r/${DENTAL_2025.slug}"]`) });
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('第一梯队');

  // The card opens the ranking itself; its second link the sector's waves.
  await card.locator(`a[href="/r/${DENTAL_2025.slug}"]`).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(DENTAL_2025.titleZh);
  await page.goBack();
  await card.getByRole('link', { name: '本行业各期结果' }).click();
  await expect(page.getByTestId('sector-page')).toBeVisible();
  await noSidewaysScroll();

  // And the home page itself leads with the same ranking.
  await page.goto('/');
  await expect(page.getByTestId('home-rankings').locator(`a[href="/r/${DENTAL_2025.slug}"]`)).toBeVisible();
});
