import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

import { expect, test } from './fixtures/test';
import { Console } from './fixtures/console';

const run = promisify(execFile);
/** The attack simulator, built by `make build` next to the server. */
const loadgen = resolve(__dirname, '../../target/release/koubei-loadgen');
const survey = 'online-video-2026';

test.use({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });

test('a rotating attacker is acknowledged, held, and excluded by an editor in the console', async ({
  page,
  baseURL,
}, testInfo) => {
  // Both projects run at once against one server: each stuffs its own brand.
  const subject = testInfo.project.name === 'javascript-on' ? 'cloudframe' : 'chaselight-video';
  const { stdout } = await run(loadgen, [
    '--url', baseURL ?? '',
    'attack', '--survey', survey, '--subject', subject,
    '--profile', 'rotating', '--answers', '30', '--seed', String(subject.length),
  ]);
  const report = JSON.parse(stdout);
  // The attacker learns nothing: every answer is acknowledged as usual.
  expect(report).toMatchObject({ sent: 30, acknowledged: 30, failed: 0 });

  const staff = new Console(page);
  await staff.signIn(`/console/surveys/${survey}/clusters`);
  await page.getByTestId('scan-now').click();
  const cluster = page.locator(`[data-testid="cluster"][data-subject="${subject}"]`);
  await expect(cluster).toHaveAttribute('data-status', 'open');
  await expect(cluster).toContainText('30');

  // Nothing of it is counted while it waits, and the survey page says so.
  await page.goto(`/console/surveys/${survey}`);
  await expect(page.getByTestId('held-notice')).toBeVisible();
  await expect(staff.ledger('held', subject)).toHaveText('30');

  await page.goto(`/console/surveys/${survey}/clusters`);
  await cluster.getByTestId('cluster-note').fill('30 answers of 10 from one network in seconds');
  await cluster.getByTestId('exclude-cluster').click();
  await expect(cluster).toHaveAttribute('data-status', 'excluded');

  await page.goto(`/console/surveys/${survey}`);
  await expect(staff.ledger('held', subject)).toHaveText('0');
  await expect(staff.ledger('excluded', subject)).toHaveText('30');
});
