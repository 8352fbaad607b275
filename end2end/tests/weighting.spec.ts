import { expect, test } from './fixtures/test';
import { Console } from './fixtures/console';
import { DENTAL_2025, ResultsPage } from './fixtures/results-page';

async function noSidewaysScroll(page: import('@playwright/test').Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test('on a 320 px phone the weighted results stand beside the plain ones, with the methodology sheet, in both languages', async ({
  page,
}) => {
  await page.setViewportSize({ width: 320, height: 700 });
  const body = await (await page.request.get(`/api/v1/surveys/${DENTAL_2025.slug}/results`)).json();
  type Both = { unweighted: { nps: number }; weighted: { nps: number }; n_eff: number };
  type Subject = { subject: string; n: number; weighting?: Both };
  const weighted: Subject[] = body.results.subjects.filter((s: Subject) => s.weighting);
  expect(weighted.length).toBeGreaterThan(2);

  await new ResultsPage(page).goto(DENTAL_2025.slug);
  const section = page.getByTestId('weighting');
  await expect(section.getByRole('heading', { level: 2 })).toHaveText('加权结果');
  await expect(section).toContainText('排名依据的是未加权结果');
  await expect(page.getByTestId('weighting-row')).toHaveCount(weighted.length);
  for (const subject of weighted) {
    const row = page.locator(`[data-testid="weighting-row"][data-subject="${subject.subject}"]`);
    const shown = Math.round(subject.weighting!.weighted.nps * 10) / 10;
    await expect(row.getByTestId('weighted-nps')).toHaveText(shown.toFixed(1));
  }
  // Age bands and districts are named in words, with their population and sample shares.
  await expect(page.locator('[data-testid="margin-row"][data-answer="60-plus"] th')).toHaveText('60岁及以上');
  await expect(page.locator('[data-testid="margin-row"][data-answer="futian"] th')).toHaveText('福田区');
  await expect(page.getByTestId('method-fieldwork')).toContainText('实地调查');
  await expect(page.getByTestId('method-sample')).toContainText('剔除率');
  await expect(page.getByTestId('method-weighting')).toContainText('Kish');
  await noSidewaysScroll(page);

  await page.getByTestId('lang-en').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(section.getByRole('heading', { level: 2 })).toHaveText('Weighted results');
  await expect(page.locator('[data-testid="margin-row"][data-answer="60-plus"] th')).toHaveText('60 or over');
  await expect(page.getByTestId('method-sample')).toContainText('rejection rate');
  await noSidewaysScroll(page);
});

test('staff set census shares in per cent on a phone, are told what is wrong in words, and can stop weighting', async ({
  page,
}, testInfo) => {
  // Both projects (JavaScript on and off) run at once: each works on its own survey.
  const slug = `weighting-e2e-${testInfo.project.name}`;
  const staff = new Console(page);
  await staff.signIn();
  await page.getByTestId('new-survey').click();
  await staff.field('slug').fill(slug);
  await page.getByTestId('field-sector').selectOption('dental-clinics');
  await staff.field('title_zh').fill('口腔诊所加权（测试）');
  await staff.field('title_en').fill('Dental clinics weighting (test)');
  await page.getByTestId('subject-haochi-dental').check();
  await page.locator('input[name="age_band"]').check();
  await page.getByTestId('save-survey').click();

  await page.setViewportSize({ width: 390, height: 800 });
  await page.getByTestId('weighting').click();
  await expect(page.getByTestId('not-weighted')).toBeVisible();
  await noSidewaysScroll(page);
  const shares: Record<string, string> = { 'under-18': '4', '18-29': '30', '30-44': '34', '45-59': '22', '60-plus': '16' };
  for (const [band, share] of Object.entries(shares)) {
    await page.getByTestId(`share-weighting.age_band.${band}`).fill(share);
  }
  await page.getByTestId('ranks-weighted').check();
  await page.getByTestId('save-weighting').click();
  // 106 in all: refused in words, what was typed kept.
  await expect(page.getByTestId('problem-age_band')).toHaveText('各项占比加起来须为 100%');
  await expect(page.getByTestId('share-weighting.age_band.18-29')).toHaveValue('30');
  await noSidewaysScroll(page);

  await page.getByTestId('share-weighting.age_band.18-29').fill('24');
  await page.getByTestId('save-weighting').click();
  await expect(page.getByTestId('notice')).toHaveText('加权设置已保存。');
  await expect(page.getByTestId('share-weighting.age_band.60-plus')).toHaveValue('16');
  await expect(page.getByTestId('ranks-weighted')).toBeChecked();

  await page.getByTestId('stop-weighting').click();
  await expect(page.getByTestId('notice')).toContainText('已不再加权');
  await expect(page.getByTestId('not-weighted')).toBeVisible();
});

test('the fieldwork dashboard shows each brand against its quota on a phone, and saves a quota', async ({ page }, testInfo) => {
  const staff = new Console(page);
  await staff.signIn();
  await page.setViewportSize({ width: 360, height: 800 });
  // Read-only for the demo survey both projects share; quotas go to a survey of this project's own.
  await page.goto('/console/surveys/elderly-care-2026/fieldwork');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('实地调查进度');
  const rows = page.getByTestId('progress-row');
  expect(await rows.count()).toBeGreaterThan(3);
  await expect(rows.first().getByTestId('progress')).toHaveText(/^\d+ \/ 50$/);
  await expect(page.locator('[data-testid="cell-row"][data-answer="60-plus"] th')).toContainText('60岁及以上');
  await expect(page.getByTestId('day-row')).toHaveCount(14);
  await noSidewaysScroll(page);

  const slug = `quota-e2e-${testInfo.project.name}`;
  await page.goto('/console');
  await page.getByTestId('new-survey').click();
  await staff.field('slug').fill(slug);
  await page.getByTestId('field-sector').selectOption('dental-clinics');
  await staff.field('title_zh').fill('口腔诊所配额（测试）');
  await staff.field('title_en').fill('Dental clinics quotas (test)');
  await page.getByTestId('subject-haochi-dental').check();
  await page.getByTestId('save-survey').click();
  await page.getByTestId('fieldwork').click();
  await page.getByTestId('quota-haochi-dental').fill('20');
  await page.getByTestId('save-quotas').click();
  await expect(page.getByTestId('problem')).toBeVisible();
  await expect(page.getByTestId('quota-haochi-dental')).toHaveValue('20');
  await page.getByTestId('quota-haochi-dental').fill('300');
  await page.getByTestId('save-quotas').click();
  await expect(page.getByTestId('notice')).toHaveText('目标样本量已保存。');
  await expect(page.getByTestId('progress')).toHaveText('0 / 300');
  await expect(page.getByTestId('forecast')).toHaveText('最近 7 天没有回答');
  await noSidewaysScroll(page);
});
