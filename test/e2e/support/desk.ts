import { expect, type Locator, type Page } from '@playwright/test';

// Finding things on the triage desk, for the e2e specs.

export const column = (page: Page, serviceId: string): Locator => page.locator(`section[data-service="${serviceId}"]`);

export const cardById = (page: Page, ticketId: string): Locator => page.locator(`[data-testid="ticket-card"][data-ticket-id="${ticketId}"]`);

export async function openDesk(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
}

/** The first card in a column whose state is `state` (among the rendered, most urgent ones). */
export async function firstCardInState(page: Page, serviceId: string, state: string): Promise<{ card: Locator; ticketId: string; tag: string }> {
  const card = column(page, serviceId).locator(`[data-testid="ticket-card"][data-state="${state}"]`).first();
  await expect(card).toBeVisible();
  const ticketId = (await card.getAttribute('data-ticket-id')) ?? '';
  const tag = (await card.locator('.tag').textContent()) ?? '';
  return { card: cardById(page, ticketId), ticketId, tag };
}

/** Narrows the queues to one ticket, so it is rendered whatever its place in a long list. */
export async function searchFor(page: Page, text: string): Promise<void> {
  await page.getByRole('searchbox').fill(text);
}

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<Array<{ id: string; impact: string; nodes: string[] }>> {
  await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  return page.evaluate(async () => {
    const page = globalThis as unknown as { document: unknown; axe: { run(context: unknown, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }> }> } };
    // The mail frame is sandboxed without scripts: axe cannot (and must not) run inside it.
    const result = await page.axe.run(page.document, { iframes: false });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact ?? '', nodes: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
  });
}
