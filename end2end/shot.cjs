const { chromium } = require('playwright-core');
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  for (const [w, lang] of [[360, 'zh-CN'], [1024, 'en']]) {
    const page = await browser.newPage({ viewport: { width: w, height: 800 }, locale: lang, extraHTTPHeaders: { 'accept-language': lang } });
    await page.goto('http://127.0.0.1:3300/r/dental-clinics-2025');
    await page.getByTestId('weighting').screenshot({ path: `/tmp/pl/weighting-${w}.png` });
    await page.getByTestId('methodology').screenshot({ path: `/tmp/pl/method-${w}.png` });
    await page.close();
  }
  await browser.close();
})();
