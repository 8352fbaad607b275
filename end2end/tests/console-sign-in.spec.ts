import { expect, test } from './fixtures/test';
import { Console, EDITOR } from './fixtures/console';

test.use({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });

test('a wrong password is refused in the chosen language, the right one signs in and out', async ({ page }) => {
  await page.goto('/console');
  await expect(page).toHaveURL(/\/console\/sign-in\?next=%2Fconsole/);
  await page.getByTestId('email').fill(EDITOR.email);
  await page.getByTestId('password').fill('not the password');
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('sign-in-error')).toHaveText('邮箱或密码不正确。');

  const staff = new Console(page);
  await staff.signIn();
  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/console\/sign-in$/);
  await page.goto('/console');
  await expect(page).toHaveURL(/\/console\/sign-in/);
});
