import { expect, test } from './fixtures/test';
import { DENTAL_2025 } from './fixtures/results-page';

/** The text of every page of a PDF, read by pdf.js (a reader independent of the browser). */
async function pdfPages(bytes: Buffer): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    // NFKC: a CJK font's glyph may map back to a look-alike (the Kangxi radical ⼝ for 口).
    const text = content.items.map((item) => ('str' in item ? item.str : '')).join('');
    pages.push(text.normalize('NFKC').replace(/\s+/g, ''));
  }
  return pages;
}

/**
 * Whether `text` (from the PDF) holds `words`. A CJK font shares some glyphs between an
 * ideograph and a radical, and the PDF may name the radical (⻮ for 齿): any radical stands for
 * any character at its place, nothing else does.
 */
function pdfHolds(text: string, words: string): boolean {
  const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = [...words.replace(/\s+/g, '')]
    .map((c) => `(?:${escape(c)}|[\u2E80-\u2FDF])`)
    .join('');
  return new RegExp(pattern, 'u').test(text);
}

test('the printable report prints to an A4 PDF with a cover and every brand in it', async ({ page, request }) => {
  const api = await request.get(`/api/v1/surveys/${DENTAL_2025.slug}/results?snapshot=1`);
  const published = await api.json();
  const brands: string[] = published.results.subjects.map((s: { name_zh: string }) => s.name_zh);
  expect(brands.length).toBeGreaterThan(2);

  await page.goto(`/r/${DENTAL_2025.slug}`);
  await page.getByTestId('printable-report').click();
  await expect(page).toHaveURL(new RegExp(`/r/${DENTAL_2025.slug}/1/report$`));
  await expect(page.getByTestId('report-cover')).toBeVisible();
  // Every chart has loaded before printing.
  await expect
    .poll(() => page.evaluate(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0)))
    .toBe(true);

  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pages = await pdfPages(pdf);
  expect(pages.length).toBeGreaterThanOrEqual(3);
  expect(pages.length).toBeLessThanOrEqual(12);
  // The cover stands alone: title and data hash, and none of the site's navigation.
  expect(pdfHolds(pages[0], DENTAL_2025.titleZh), pages[0]).toBe(true);
  expect(pages[0]).toContain(published.snapshot.data_hash.slice(0, 16));
  expect(pages.join('')).not.toContain('NPS计算器');
  const text = pages.join('');
  for (const brand of brands) {
    expect(pdfHolds(text, brand), `${brand} in the PDF`).toBe(true);
  }
});
