const { chromium } = require('playwright-core');
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  for (const [w, lang] of [[360, 'zh-CN'], [390, 'en'], [1280, 'zh-CN']]) {
    const ctx = await browser.newContext({ viewport: { width: w, height: 800 }, locale: lang, extraHTTPHeaders: { 'accept-language': lang } });
    const page = await ctx.newPage();
    await page.goto('http://127.0.0.1:3301/console/sign-in');
    await page.getByTestId('email').fill('admin@demo.koubei.org');
    await page.getByTestId('password').fill('koubei-demo-admin');
    await page.getByTestId('sign-in').click();
    for (const path of ['/console/surveys/elderly-care-2026/fieldwork', '/console/surveys/elderly-care-2026/weighting', '/console/surveys/elderly-care-2026']) {
      await page.goto('http://127.0.0.1:3301' + path);
      const m = await page.evaluate(() => ({ overflow: document.documentElement.scrollWidth - window.innerWidth,
        smallest: Math.min(...[...document.querySelectorAll('body *')].filter(e => e.childNodes.length && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())).map(e => parseFloat(getComputedStyle(e).fontSize))) }));
      const name = path.split('/').pop();
      console.log(w, lang, path, JSON.stringify(m));
      await page.screenshot({ path: `/tmp/pl/c-${name}-${w}.png`, fullPage: true });
    }
    await ctx.close();
  }
  await browser.close();
})();
