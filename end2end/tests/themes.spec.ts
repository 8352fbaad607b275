import { expect, test } from './fixtures/test';
import { Console } from './fixtures/console';
import { DENTAL_2025, ResultsPage } from './fixtures/results-page';

async function noSidewaysScroll(page: import('@playwright/test').Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test('on a 320 px phone the public page says what people say about each brand, with redacted quotes, in both languages', async ({
  page,
}) => {
  await page.setViewportSize({ width: 320, height: 700 });
  const body = await (await page.request.get(`/api/v1/surveys/${DENTAL_2025.slug}/results`)).json();
  type Theme = { theme: string; name_zh: string; mentions: number };
  type Subject = { subject: string; themes?: { themes: Theme[]; quotes: { text: string }[] } };
  const withThemes: Subject[] = body.results.subjects.filter((s: Subject) => s.themes && s.themes.themes.length > 0);
  expect(withThemes.length).toBeGreaterThan(2);

  await new ResultsPage(page).goto(DENTAL_2025.slug);
  const section = page.getByTestId('what-people-say');
  await expect(section.getByRole('heading', { level: 2 })).toHaveText('大家怎么说');
  await expect(page.getByTestId('subject-themes')).toHaveCount(withThemes.length);
  const first = withThemes[0];
  const details = page.locator(`[data-testid="subject-themes"][data-subject="${first.subject}"]`);
  // Closed at first (a long ranking stays short on a phone); a tap opens it, with or without JavaScript.
  await expect(details.getByTestId('public-theme').first()).toBeHidden();
  await details.locator('summary').click();
  const top = first.themes!.themes[0];
  const item = details.locator(`[data-testid="public-theme"][data-theme="${top.theme}"]`);
  await expect(item).toContainText(top.name_zh);
  await expect(item).toContainText(`${top.mentions} 条提到`);
  await expect(details.getByTestId('public-quote')).toHaveCount(first.themes!.quotes.length);
  await expect(section).not.toContainText('dr_li2026');
  await noSidewaysScroll(page);

  await page.getByTestId('lang-en').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(section.getByRole('heading', { level: 2 })).toHaveText('What people say');
  await noSidewaysScroll(page);
});

test('staff see the themes of a brand, pick a redacted quote from a theme and take it back, on a phone', async ({
  page,
}, testInfo) => {
  const staff = new Console(page);
  await staff.signIn();
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('/console/surveys/elderly-care-2026');
  await page.getByTestId('themes').click();
  await expect(page.getByTestId('theme-table')).toBeVisible();
  // Both projects (JavaScript on and off) run at once: each works on its own brand.
  const tabs = page.locator('.subject-tabs a');
  await tabs.nth(testInfo.project.name.includes('off') ? 1 : 0).click();
  await expect(page.getByTestId('theme-table')).toBeVisible();
  await expect(page.getByTestId('reasons-count')).toContainText('条计入结果的理由');

  await page.getByTestId('pick-quotes').first().click();
  const candidates = page.getByTestId('candidates');
  await expect(candidates).toBeVisible();
  await expect(candidates).not.toContainText('138 2345 6789');
  const text = await candidates.locator('blockquote').first().innerText();
  await candidates.getByTestId('pick').first().click();
  await expect(page.getByTestId('notice')).toHaveText('已选为引语，下次发布时生效。');
  const quotes = page.getByTestId('quotes');
  await expect(quotes.locator('blockquote', { hasText: text })).toBeVisible();
  await noSidewaysScroll(page);

  await quotes.locator('[data-testid="quote"]', { hasText: text }).getByTestId('unpick').click();
  await expect(page.getByTestId('notice')).toHaveText('已取消这条引语。');
  await expect(page.getByTestId('quotes').locator('blockquote', { hasText: text })).toHaveCount(0);
});
