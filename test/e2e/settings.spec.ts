import { createServer } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { startGuichet, type RunningGuichet } from './support/startHost';

// The settings screen against the real loopback host (demo workspace): calendar preview,
// serial import, a service whose server is unreachable, templates, language, accessibility.

let guichet: RunningGuichet;

// axe-core is injected as a script; the app's CSP (script-src 'self') would refuse it.
test.use({ bypassCSP: true });

test.beforeAll(async () => {
  guichet = await startGuichet();
});

test.afterAll(async () => {
  expect(await guichet.stop()).toBe(0);
});

async function openSettings(page: Page): Promise<void> {
  await page.goto(guichet.url);
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  await page.getByRole('button', { name: /^(settings|réglages)$/i }).click();
  await expect(page.locator('[data-testid="settings-screen"][data-settings-state="loaded"]')).toBeVisible();
}

async function openTab(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

/** A loopback port nothing listens on: connecting is refused at once. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 1;
      server.close(() => resolve(port));
    });
  });
}

async function seriousAxeViolations(page: Page): Promise<Array<{ id: string; nodes: string[] }>> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
    const result = await axe.run(doc.querySelector('[data-testid="settings-screen"]'), {});
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
  });
}

test('tabs move with the arrow keys, Home and End', async ({ page }) => {
  await openSettings(page);
  const services = page.getByRole('tab', { name: /^services$/i });
  await services.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: /calendar/i })).toBeFocused();
  await expect(page.getByRole('tabpanel')).toHaveAttribute('id', 'settings-panel-calendar');
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: /agent and language/i })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(services).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: /agent and language/i })).toBeFocused();
  await page.getByRole('button', { name: /back to the desk/i }).click();
  await expect(page.getByTestId('settings-screen')).toHaveCount(0);
});

test('trying a date across Ascension Day shows the skipped holiday, and a closed Saturday moves the deadline', async ({ page }) => {
  await openSettings(page);
  await openTab(page, /calendar/i);
  const preview = page.getByTestId('deadline-preview');
  await preview.getByLabel(/starting at/i).fill('2026-05-13T10:00');
  await preview.getByLabel(/business hours/i).fill('48');
  await preview.getByRole('button', { name: /compute the deadline/i }).click();
  // Wed 13 10:00 → 14 h Wednesday, Thursday 14 May skipped (Ascension), 24 h Friday, 10 h Saturday.
  await expect(page.getByTestId('deadline-preview-skipped')).toContainText('Ascension Day');
  await expect(page.getByTestId('deadline-preview-due')).toContainText(/Sat.*16.*10:00/);

  // Close Saturdays (unsaved) and try again: Saturday and Sunday are skipped, due on Monday.
  await page.getByRole('button', { name: /remove saturday 00:00–24:00/i }).click();
  await expect(page.locator('.settings-day[data-weekday="6"]')).toContainText('Closed');
  await preview.getByRole('button', { name: /compute the deadline/i }).click();
  await expect(page.getByTestId('deadline-preview-skipped')).toContainText('Saturday');
  await expect(page.getByTestId('deadline-preview-skipped')).toContainText('Sunday');
  await expect(page.getByTestId('deadline-preview-due')).toContainText(/Mon.*18.*10:00/);

  // A bad interval is caught before saving.
  await page.getByRole('button', { name: /add hours on saturday/i }).click();
  await page.getByLabel('To', { exact: true }).last().fill('08:00');
  await page.getByRole('button', { name: /save the calendar/i }).click();
  await expect(page.getByTestId('settings-calendar-error')).toContainText(/fix the field marked in red/i);
  await expect(page.locator('.settings-day[data-weekday="6"]')).toContainText('must end after they start');
  // The wrong interval is a screen above the button: the focus goes to it.
  await expect(page.getByRole('group', { name: /saturday, hours 1/i }).getByLabel('From', { exact: true })).toBeFocused();
});

test('importing a small CSV shows the report with the rejected lines and why', async ({ page }) => {
  await openSettings(page);
  await openTab(page, /serial registry/i);
  // Before: the demo's own sample registry, never imported here.
  await expect(page.getByTestId('serials-summary')).toHaveText(/^In use: the demo’s sample registry, \d+ serial numbers\.$/);
  const csv = 'serial;date\nST-4F7K-29QD-8M3X;2026-10-17\nnot-a-serial;2026-10-18\nST-4F7K-29QD-8M3X;2026-10-19\nST-7HQ2-K9LD-3WXP;2026-10-09\n';
  await page.getByLabel('CSV file').setInputFiles({ name: 'serials.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: /^import$/i }).click();
  const report = page.getByTestId('serials-report');
  await expect(report.getByTestId('serials-rows')).toHaveText('4');
  await expect(report.getByTestId('serials-accepted')).toHaveText('2');
  await expect(report.getByTestId('serials-rejected')).toContainText('Line 3: "not-a-serial" is not a serial number');
  await expect(report.getByTestId('serials-rejected')).toContainText('Line 4: duplicate of line 2');
  // After: the imported registry is the one in use, with its date.
  await expect(page.getByTestId('serials-summary')).toHaveText(/^In use: 2 serial numbers, imported .*2026.*\.$/);
  expect(await seriousAxeViolations(page)).toEqual([]);
});

test('a service form refuses bad input, then a test against an unreachable server shows the server error', async ({ page }) => {
  await openSettings(page);
  const form = page.getByTestId('service-form');
  await page.getByRole('button', { name: /add a service/i }).click();
  await form.getByRole('button', { name: /add the service/i }).click();
  await expect(page.getByTestId('service-form-error')).toContainText(/fix the \d+ fields/i);
  await expect(form.getByLabel('Name', { exact: true })).toBeFocused();

  const port = await closedPort();
  await form.getByLabel('Name', { exact: true }).fill('Service technique');
  await form.getByLabel('E-mail address', { exact: true }).fill('servicetechnique@');
  const imap = form.getByRole('group', { name: /incoming mail/i });
  const smtp = form.getByRole('group', { name: /outgoing mail/i });
  await imap.getByLabel('Server', { exact: true }).fill('127.0.0.1');
  await imap.getByLabel('Port', { exact: true }).fill('70000');
  await form.getByRole('button', { name: /test connection/i }).click();
  await expect(form).toContainText('Enter a valid e-mail address');
  await expect(imap).toContainText('Enter a port between 1 and 65535');
  await expect(smtp).toContainText('Required.');

  await form.getByLabel('E-mail address', { exact: true }).fill('servicetechnique@example.com');
  await imap.getByLabel('Security', { exact: true }).selectOption('none');
  await imap.getByLabel('Port', { exact: true }).fill(String(port));
  await imap.getByLabel('User name', { exact: true }).fill('st');
  await imap.getByLabel('Password', { exact: true }).fill('secret');
  await smtp.getByLabel('Server', { exact: true }).fill('127.0.0.1');
  await smtp.getByLabel('Security', { exact: true }).selectOption('none');
  await smtp.getByLabel('Port', { exact: true }).fill(String(port));
  // The SMTP user name is left blank: it signs in with the service's address, shown in the field.
  await expect(smtp.getByLabel('User name', { exact: true })).toHaveAttribute('placeholder', 'servicetechnique@example.com');
  await smtp.getByLabel('Password', { exact: true }).fill('secret');
  await form.getByRole('button', { name: /test connection/i }).click();
  await expect(page.getByTestId('service-test-imap')).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('service-test-imap')).toContainText('connection refused');
  await expect(page.getByTestId('service-test-smtp')).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('service-test-smtp')).toContainText(/refused|ECONNREFUSED/i);
  expect(await seriousAxeViolations(page)).toEqual([]);
});

test('a template override previews with sample values and resets to the default', async ({ page }) => {
  await openSettings(page);
  await openTab(page, /templates/i);
  await page.getByLabel('Template language').selectOption('en');
  await page.getByLabel('Template', { exact: true }).selectOption('acknowledge');
  await expect(page.getByTestId('template-status')).toContainText('built-in default');
  await page.getByLabel('Subject').fill('Re: {{subject}} [{{ticketTag}}]');
  await page.getByLabel('Text', { exact: true }).fill('Hello {{customerName}}, see you by {{dueDate}}. {{nope}}');
  await expect(page.getByTestId('template-preview-subject')).toHaveText('Re: The game crashes at launch [GX-7K2M9Q]');
  await expect(page.getByTestId('template-preview-text')).toContainText('Hello Sam Taylor, see you by Monday 23 November at 10:00.');
  await expect(page.getByTestId('template-preview')).toContainText('Unknown variables, left as written: nope');
  await page.getByRole('button', { name: /save the template/i }).click();
  await expect(page.getByTestId('template-status')).toContainText('Your own text');
  expect(await seriousAxeViolations(page)).toEqual([]);

  // Saved in core: a fresh screen shows it, and reset brings the default back.
  await openSettings(page);
  await openTab(page, /templates/i);
  await page.getByLabel('Template language').selectOption('en');
  await expect(page.getByLabel('Subject')).toHaveValue('Re: {{subject}} [{{ticketTag}}]');
  await page.getByRole('button', { name: /reset to default/i }).click();
  await expect(page.getByTestId('settings-templates-status')).toContainText('built-in default is back');
  await expect(page.getByTestId('template-status')).toContainText('built-in default');
});

test('with no override the preview shows the built-in text, and an edit can start from it', async ({ page }) => {
  await openSettings(page);
  await openTab(page, /templates/i);
  await page.getByLabel('Template language').selectOption('en');
  await page.getByLabel('Template', { exact: true }).selectOption('acknowledge');
  const preview = page.getByTestId('template-preview');
  await expect(preview.getByRole('heading')).toHaveText('The built-in text, with sample values');
  await expect(page.getByTestId('template-preview-subject')).toHaveText('Re: The game crashes at launch [GX-7K2M9Q]');
  await expect(page.getByTestId('template-preview-text')).toContainText('Hello Sam Taylor,\n\nThank you for your message.');
  // French has its own built-in text.
  await page.getByLabel('Template language').selectOption('fr');
  await expect(page.getByTestId('template-preview-text')).toContainText('Bonjour Camille Martin,');
  await page.getByLabel('Template language').selectOption('en');
  await page.getByRole('button', { name: 'Start from the built-in text' }).click();
  await expect(page.getByLabel('Subject')).toHaveValue('Re: {{subject}} [{{ticketTag}}]');
  await expect(page.getByLabel('Text', { exact: true })).toHaveValue(/^Hello \{\{customerName\}\},\n\nThank you for your message\./);
  await expect(preview.getByRole('heading')).toHaveText('Preview with sample values');
  await expect(page.getByRole('button', { name: 'Start from the built-in text' })).toBeDisabled();
  await expect(page.getByTestId('template-status')).toContainText('built-in default'); // nothing saved yet
});

test('the calendar and agent panels are accessible, and the interface switches to French', async ({ page }) => {
  await openSettings(page);
  expect(await seriousAxeViolations(page)).toEqual([]);
  await openTab(page, /calendar/i);
  await page.getByTestId('deadline-preview').getByRole('button', { name: /compute the deadline/i }).click();
  await expect(page.getByTestId('deadline-preview-result')).toBeVisible();
  expect(await seriousAxeViolations(page)).toEqual([]);
  await openTab(page, /agent and language/i);
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.getByLabel('Interface language').selectOption('fr');
  await page.getByRole('button', { name: /^save$/i }).click();
  await expect(page.getByRole('heading', { name: 'Réglages' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Calendrier' })).toBeVisible();
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.getByLabel('Langue de l’interface').selectOption('system');
  await page.getByRole('button', { name: /^enregistrer$/i }).click();
  await expect(page.getByTestId('settings-general-status')).toHaveText(/saved|enregistré/i);
});

// Last: adding a service takes this host out of the demo; removing it brings the demo back.
test('a service is added with write-only passwords, then removed after confirmation', async ({ page }) => {
  await openSettings(page);
  const port = await closedPort();
  await page.getByRole('button', { name: /add a service/i }).click();
  const form = page.getByTestId('service-form');
  await form.getByLabel('Name', { exact: true }).fill('Service conso');
  await form.getByLabel('Kind', { exact: true }).selectOption('consumer');
  await form.getByLabel('E-mail address', { exact: true }).fill('serviceconso@example.com');
  for (const group of [form.getByRole('group', { name: /incoming mail/i }), form.getByRole('group', { name: /outgoing mail/i })]) {
    await group.getByLabel('Server', { exact: true }).fill('127.0.0.1');
    await group.getByLabel('Security', { exact: true }).selectOption('none');
    await group.getByLabel('Port', { exact: true }).fill(String(port));
    await group.getByLabel('User name', { exact: true }).fill('sc');
    await group.getByLabel('Password', { exact: true }).fill('secret');
  }
  await form.getByRole('button', { name: /add the service/i }).click();
  await expect(page.getByTestId('settings-services-status')).toContainText('Service conso was added.');
  const row = page.getByTestId('settings-service');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('serviceconso@example.com');

  // Editing shows no password back.
  await page.getByRole('button', { name: 'Edit Service conso' }).click();
  await expect(form.getByRole('group', { name: /incoming mail/i }).getByLabel('Password', { exact: true })).toHaveValue('');
  await expect(form).toContainText('Leave blank to keep the saved password.');
  await form.getByRole('button', { name: /cancel/i }).click();

  await page.getByRole('button', { name: 'Remove Service conso' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove Service conso?' });
  await expect(dialog).toContainText('serviceconso@example.com');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(row).toHaveCount(1);
  await page.getByRole('button', { name: 'Remove Service conso' }).click();
  await dialog.getByRole('button', { name: /remove the service/i }).click();
  await expect(page.getByTestId('settings-services-status')).toContainText('Service conso was removed.');
  await expect(row).toHaveCount(0);
});
