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

test('on a 320 px phone every ranked brand reads in text of 14 px or more, its interval drawn to scale', async ({
  page,
}) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const response = await page.request.get(`/api/v1/surveys/${DENTAL_2025.slug}/results`);
  const body = await response.json();
  type Subject = { subject: string; name_zh: string; status: string; ci_low: number; ci_high: number };
  const ranked: Subject[] = body.results.subjects.filter((s: Subject) => s.status === 'ranked');
  expect(ranked.length).toBeGreaterThan(2);
  await new ResultsPage(page).goto(DENTAL_2025.slug);
  await expect(page.locator('.chart--wide')).toBeHidden();
  await expect(page.getByTestId('ranking-bar')).toHaveCount(ranked.length);
  for (const subject of ranked) {
    const entry = page.locator(`[data-testid="ranking-bar"][data-subject="${subject.subject}"]`);
    await expect(entry.locator('.ranking-bars__name')).toHaveText(subject.name_zh);
    const measured = await entry.evaluate((el) => {
      const texts = [...el.querySelectorAll('*')].filter((e) =>
        [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== ''),
      );
      const svg = el.querySelector('svg')!.getBoundingClientRect();
      const bar = el.querySelector('.ranking-bar__interval')!.getBoundingClientRect();
      return {
        smallest: Math.min(...texts.map((e) => parseFloat(getComputedStyle(e).fontSize))),
        left: (bar.left - svg.left) / svg.width,
        right: (bar.right - svg.left) / svg.width,
      };
    });
    expect(measured.smallest).toBeGreaterThanOrEqual(14);
    // One scale for every brand: −100 at the left edge, 100 at the right.
    expect(measured.left).toBeCloseTo((subject.ci_low + 100) / 200, 2);
    expect(measured.right).toBeCloseTo((subject.ci_high + 100) / 200, 2);
  }
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(320);

  // A desktop gets the chart image instead.
  await page.setViewportSize({ width: 1024, height: 800 });
  await expect(page.locator('.chart--wide')).toBeVisible();
  await expect(page.getByTestId('ranking-bars')).toBeHidden();
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
