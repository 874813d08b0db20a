import { expect, test } from '@playwright/test';
import { callContract, startGuichet, type RunningGuichet } from './support/startHost';
import { cardById, column, firstCardInState, openDesk, searchFor, seriousAxeViolations } from './support/desk';

// The triage desk against the demo workspace: actions are simulated by core (nothing is sent)
// after the undo window (shortened to 3 s here), then the ticket's new state comes back as tickets.changed.

const AFTER_UNDO_WINDOW = { timeout: 15_000 };

let guichet: RunningGuichet;

test.beforeEach(async () => {
  guichet = await startGuichet(); // one data directory per test
  await callContract(guichet, 'settings.update', { undoSeconds: 3 });
});

test.afterEach(async () => {
  await guichet.stop();
});

test('columns are sorted by urgency, filter and search narrow them', async ({ page }) => {
  await openDesk(page, guichet.url);
  const statuses = await column(page, 'technical').getByTestId('clock').evaluateAll((els) => els.map((e) => e.getAttribute('data-status') ?? 'none'));
  const rank = (s: string) => ({ overdue: 0, dueSoon: 1, ok: 1, none: 2 })[s] ?? 3;
  expect(statuses.map(rank)).toEqual([...statuses.map(rank)].sort((a, b) => a - b));

  await page.getByRole('button', { name: /^Overdue/ }).click();
  await expect(page.getByRole('button', { name: /^Overdue/ })).toHaveAttribute('aria-pressed', 'true');
  for (const status of await page.getByTestId('clock').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))) expect(status).toBe('overdue');

  await page.getByRole('button', { name: /^All/ }).click();
  await searchFor(page, 'Textures');
  await expect(page.getByTestId('ticket-card')).toHaveCount(1);
  await expect(page.getByTestId('count-technical')).toHaveText('1 ticket');
});

test('dragging a consumer card onto the technical column transfers it', async ({ page }) => {
  await openDesk(page, guichet.url);
  const { card, ticketId, tag } = await firstCardInState(page, 'consumer', 'new');
  await card.dragTo(column(page, 'technical').locator('.cards'));
  await expect(page.getByTestId('undo-toast')).toContainText(tag);
  await searchFor(page, tag);
  await expect(column(page, 'technical').locator(`[data-ticket-id="${ticketId}"]`)).toBeVisible(AFTER_UNDO_WINDOW);
  await expect(column(page, 'consumer').locator(`[data-ticket-id="${ticketId}"]`)).toHaveCount(0);
});

test('acknowledge by click changes the state chip, and the button then says who did it', async ({ page }) => {
  await openDesk(page, guichet.url);
  const { card, ticketId, tag } = await firstCardInState(page, 'technical', 'new');
  await card.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(card.getByTestId('acting-agent')).toBeVisible();
  await searchFor(page, tag); // an acknowledged ticket moves down the queue
  await expect(cardById(page, ticketId).getByTestId('state-chip')).toHaveAttribute('data-state', 'acknowledged', AFTER_UNDO_WINDOW);

  await cardById(page, ticketId).locator('.card-open').click();
  const ack = page.getByTestId('ticket-view').getByRole('button', { name: 'Acknowledge' });
  await expect(ack).toHaveAttribute('aria-disabled', 'true');
  await expect(ack).toHaveAccessibleDescription(/Acknowledged by .+ (now|ago)/);
  await expect(page.getByTestId('history').locator('[data-action="acknowledge"]')).toHaveCount(1);
});

test('acknowledge by keyboard shortcut, and move with j/k, open with Enter, close with Esc', async ({ page }) => {
  await openDesk(page, guichet.url);
  const technical = column(page, 'technical');
  await technical.locator('.card-open').first().focus();
  await page.keyboard.press('j');
  await expect(technical.locator('.card-open').nth(1)).toBeFocused();
  await page.keyboard.press('k');
  await expect(technical.locator('.card-open').first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ticket-view')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('ticket-view')).toHaveCount(0);
  await expect(technical.locator('.card-open').first()).toBeFocused();

  await page.keyboard.press('?');
  await expect(page.getByTestId('cheat-sheet')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('cheat-sheet')).toHaveCount(0);

  const { card, ticketId, tag } = await firstCardInState(page, 'technical', 'new');
  await card.locator('.card-open').focus();
  await page.keyboard.press('a');
  await expect(page.getByTestId('undo-toast')).toBeVisible();
  await searchFor(page, tag);
  await expect(cardById(page, ticketId).getByTestId('state-chip')).toHaveAttribute('data-state', 'acknowledged', AFTER_UNDO_WINDOW);
});

test('a card scrolled out gives its DOM to another ticket, and the keyboard focus does not follow it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 500 }); // a few cards per screen: the demo queue must scroll
  await openDesk(page, guichet.url);
  const technical = column(page, 'technical');
  const first = technical.locator('.card-open').first();
  const ticketId = await first.getAttribute('data-ticket-open');
  await first.focus();
  const slot = await technical.locator('li.card-slot').first().elementHandle();
  expect(slot).not.toBeNull();
  await technical.locator('.cards').evaluate((scroller) => { scroller.scrollTop = scroller.scrollHeight; });
  // The same <li> now shows a ticket further down the queue (recycled, not rebuilt)...
  await expect.poll(() => slot?.evaluate((li) => li.isConnected && li.querySelector('[data-ticket-open]')?.getAttribute('data-ticket-open'))).not.toBe(ticketId);
  expect(await slot?.evaluate((li) => li.isConnected)).toBe(true);
  // ...and the focus did not follow it onto that other ticket: Enter opens the one the agent chose.
  await expect(page.locator('[data-ticket-id] :focus')).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ticket-view')).toHaveAttribute('data-ticket-id', ticketId ?? '');
});

test('undo within the window leaves the ticket unchanged and the outbox shows it cancelled', async ({ page }) => {
  await openDesk(page, guichet.url);
  const { card, ticketId } = await firstCardInState(page, 'technical', 'new');
  await card.getByRole('button', { name: 'Acknowledge' }).click();
  const toast = page.getByTestId('undo-toast');
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(toast).toContainText('nothing was sent');
  await page.getByTestId('outbox-button').click();
  await expect(page.getByTestId('outbox-task').first()).toHaveAttribute('data-state', 'cancelled');
  await expect(page.getByTestId('outbox-task').first()).toContainText('cancelled');
  await expect(cardById(page, ticketId).getByTestId('acting-agent')).toHaveCount(0);
  await expect(cardById(page, ticketId).getByTestId('state-chip')).toHaveAttribute('data-state', 'new');
});

test('transfer by keyboard: t, then choose the service', async ({ page }) => {
  await openDesk(page, guichet.url);
  const { card, ticketId, tag } = await firstCardInState(page, 'technical', 'new');
  await card.locator('.card-open').focus();
  await page.keyboard.press('t');
  const dialog = page.getByTestId('transfer-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('[data-target-service="consumer"]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await searchFor(page, tag);
  await expect(column(page, 'consumer').locator(`[data-ticket-id="${ticketId}"]`)).toBeVisible(AFTER_UNDO_WINDOW);
});

test('proposal: the composer is seeded from the template, previewed, then sent', async ({ page }) => {
  await openDesk(page, guichet.url);
  const { card, ticketId, tag } = await firstCardInState(page, 'technical', 'new');
  await card.locator('.card-open').click();
  await page.keyboard.press('p');
  const composer = page.getByTestId('proposal-composer');
  // The template's greeting and closing frame the agent's text; the text box holds only the proposal.
  const greeting = ((await composer.getByTestId('proposal-before').innerText()).split('\n')[0] ?? '').trim();
  expect(greeting).not.toBe('');
  await expect(composer.getByTestId('proposal-after')).not.toBeEmpty();
  const text = composer.getByRole('textbox');
  await expect(text).toHaveValue('');
  await text.pressSequentially('Please update your graphics driver to 566.14 or later.');
  await composer.getByRole('button', { name: 'Preview' }).click();
  const preview = composer.getByTestId('proposal-preview');
  await expect(preview).toContainText('566.14');
  // The customer reads the greeting once (typing into a box seeded with the whole mail used to send it twice).
  expect((await preview.innerText()).split(greeting).length - 1).toBe(1);
  await composer.getByRole('button', { name: 'Send proposal' }).click();
  await expect(composer).toHaveCount(0);
  await searchFor(page, tag);
  await expect(cardById(page, ticketId).getByTestId('state-chip')).toHaveAttribute('data-state', 'waitingOnCustomer', AFTER_UNDO_WINDOW);
});

test('the ticket view shows the thread, form card with missing fields, serial, deadline explanation and attachments', async ({ page }) => {
  await openDesk(page, guichet.url);
  await searchFor(page, 'crash');
  await page.getByTestId('ticket-card').first().locator('.card-open').click();
  const view = page.getByTestId('ticket-view');
  await expect(view.getByTestId('thread-message').first()).toBeVisible();
  await expect(view.getByTestId('form-card')).toBeVisible();
  await expect(view.getByTestId('deadline')).toBeVisible();
  await searchFor(page, 'log');
  await page.getByTestId('ticket-card').first().locator('.card-open').click();
  await expect(page.getByTestId('attachment').first()).toContainText(/crash\.log/);
  // Saving downloads the file's exact bytes under its safe name; nothing is opened.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save crash.log' }).click()]);
  expect(download.suggestedFilename()).toBe('crash.log');
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile((await download.path()) ?? '');
  expect(bytes.length).toBe(1208);
  expect(bytes.toString('utf8')).toMatch(/^=== Les Chroniques d'Orbis - crash report ===/);
  expect(page.frames().map((f) => f.url()).some((u) => u.startsWith('blob:'))).toBe(false);
});

test('the switch changes the UI language', async ({ page }) => {
  await openDesk(page, guichet.url);
  await page.getByLabel('Language').selectOption('fr');
  await expect(page.getByRole('button', { name: /^Tous/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Réglages' })).toBeVisible();
  await page.getByLabel('Langue').selectOption('en');
  await expect(page.getByRole('button', { name: /^All/ })).toBeVisible();
});

test.describe('accessibility', () => {
  // axe is injected as a script tag; the app's CSP (script-src 'self') would refuse it.
  test.use({ bypassCSP: true });

  test('axe-core finds no serious or critical violation on the desk and in the ticket view', async ({ page }) => {
    await openDesk(page, guichet.url);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await column(page, 'technical').locator('.card-open').first().click();
    await expect(page.getByTestId('thread-message').first()).toBeVisible();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
