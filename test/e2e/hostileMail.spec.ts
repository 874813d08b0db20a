import { expect, test, type Request } from '@playwright/test';
import { startGuichet, type RunningGuichet } from './support/startHost';
import { openDesk, searchFor } from './support/desk';

// The demo's HTML mail (resources/demo/mail/technical/006-*.eml) carries a <script> that
// redirects to a tracker, an onclick that pings it, and remote images including a tracking
// pixel. Shown in the ticket view, none of it may run and nothing may leave the computer
// until the agent asks for remote content.

let guichet: RunningGuichet;

test.beforeEach(async () => {
  guichet = await startGuichet();
});

test.afterEach(async () => {
  await guichet.stop();
});

const isLoopback = (request: Request): boolean => new URL(request.url()).hostname === '127.0.0.1' || request.url().startsWith('data:') || request.url().startsWith('about:');

test('hostile HTML mail renders sanitized, runs no script and makes no request off this computer', async ({ page }) => {
  const offHost: string[] = [];
  page.on('request', (request) => {
    if (!isLoopback(request)) offHost.push(request.url());
  });
  // Nothing reaches the real network even if the page tried: record, then abort.
  await page.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());

  await openDesk(page, guichet.url);
  await searchFor(page, 'Textures');
  await page.getByTestId('ticket-card').first().locator('.card-open').click();
  const frame = page.getByTestId('mail-frame');
  await expect(frame).toBeVisible();

  // The frame: sandboxed with no permission at all, its own CSP first, nothing executable inside.
  await expect(frame).toHaveAttribute('sandbox', '');
  const srcdoc = (await frame.getAttribute('srcdoc')) ?? '';
  expect(srcdoc).toContain(`content="default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'`);
  expect(srcdoc).not.toMatch(/<script|onclick|document\.location|\ssrc="https?:/i);
  expect(srcdoc).toContain('Textures qui clignotent');

  // The mail's content is shown: its text is in the frame.
  const content = page.frameLocator('[data-testid="mail-frame"]');
  await expect(content.getByText('Voir la vidéo du bug')).toBeVisible();
  await content.getByText('Voir la vidéo du bug').click(); // the link and its onclick lead nowhere

  // No script ran anywhere: a canary the mail would set if it could, and no navigation away.
  expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
  for (const f of page.frames()) expect(f.url()).toMatch(/^(http:\/\/127\.0\.0\.1|about:srcdoc|about:blank)/);
  await expect(page.getByText(/remote images or styles were blocked/)).toBeVisible();
  expect(offHost).toEqual([]);

  // Only when the agent asks are https images fetched (aborted here by the route).
  await page.getByRole('button', { name: 'Show remote content' }).click();
  await expect.poll(() => offHost.some((u) => u.startsWith('https://img.example.com/'))).toBe(true);
  expect(offHost.every((u) => u.startsWith('https://'))).toBe(true);
  expect(offHost.some((u) => u.includes('/steal') || u.includes('/log?') || u.includes('/click'))).toBe(false);
});
