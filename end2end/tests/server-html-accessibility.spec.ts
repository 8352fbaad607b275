import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures/test';

// What a phone shows before the bundle arrives (or when it never does, on a bad network) is the
// server's HTML alone: axe-core checks it with the bundle held back. axe runs as JavaScript in
// the page, so the bundle's module is answered with one whose start never finishes: the page
// stays exactly as the server sent it, and no script error is raised.
const NEVER_STARTS = 'export default () => new Promise(() => {}); export function hydrate() {}';

test('server HTML without the bundle has no serious accessibility violations', async ({ page }, info) => {
  test.skip(info.project.name === 'javascript-off', 'axe-core needs JavaScript in the page');
  await page.route('**/pkg/koubei*.js', (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: NEVER_STARTS }),
  );
  for (const path of [
    '/',
    '/tools/nps',
    '/s/dental-clinics-2026',
    '/r/dental-clinics-2025',
    '/sectors/dental-clinics',
    '/s/no-such-survey',
  ]) {
    await page.goto(path);
    expect(await page.evaluate(() => document.body.dataset.hydrated ?? null), path).toBeNull();
    const serious = (await new AxeBuilder({ page }).analyze()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
  }
});
