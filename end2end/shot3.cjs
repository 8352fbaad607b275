const { chromium } = require('playwright-core');
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const ctx = await browser.newContext({ viewport: { width: 390, height: 800 }, locale: 'en', extraHTTPHeaders: { 'accept-language': 'en' } });
  const page = await ctx.newPage();
  await page.goto('http://127.0.0.1:3301/console/sign-in');
  await page.getByTestId('email').fill('admin@demo.koubei.org');
  await page.getByTestId('password').fill('koubei-demo-admin');
  await page.getByTestId('sign-in').click();
  await page.goto('http://127.0.0.1:3301/console/surveys/elderly-care-2026/fieldwork');
  const wide = await page.evaluate(() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right) + ' ' + (e.textContent || '').slice(0, 40)));
  console.log(wide.join('\n'));
  await browser.close();
})();
