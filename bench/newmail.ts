// New-mail latency: from the SMTP submission to Postfix until the engine reports the message
// (IDLE on the IDLE connection, then a QRESYNC resync on the command connection). 100 mails, one
// after the other. `npx tsx bench/newmail.ts [--mails N]`
import { createServiceSync } from '../src/main/core/sync/serviceSync';
import type { SyncChange } from '../src/main/core/sync/syncTarget';
import { startMailServer, type MailUser } from '../test/harness/mailServer';
import { sendMail } from '../test/harness/mailTools';
import { MemoryTarget } from '../test/integration/sync/memoryTarget';

const i = process.argv.indexOf('--mails');
const MAILS = i > 0 ? Number(process.argv[i + 1]) : 100;

const server = await startMailServer();
try {
  const user = server.users.technical as MailUser;
  const target = new MemoryTarget();
  const waiting = new Map<string, (at: number) => void>();
  const engine = createServiceSync({
    serviceId: 'bench', target,
    imap: { host: server.host, port: server.imapPort, secure: false, user: user.user, password: user.password },
    onChange: (c: SyncChange) => {
      const at = performance.now();
      for (const m of c.added) if (m.messageId) waiting.get(m.messageId)?.(at);
    },
  });
  engine.start();
  await engine.whenIdle();

  const latencies: number[] = [];
  for (let n = 0; n < MAILS; n++) {
    const messageId = `<newmail-${n}-${Date.now()}@client.test>`;
    const seen = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`mail ${n} not reported within 10 s`)), 10_000);
      waiting.set(messageId, (at) => { clearTimeout(timer); resolve(at); });
    });
    const t0 = performance.now();
    await sendMail(server, { from: 'customer1', to: 'technical', subject: `Nouvelle demande ${n}`, text: 'Bonjour', messageId });
    latencies.push((await seen) - t0);
    waiting.delete(messageId);
  }
  await engine.stop();
  if (target.list('inbox').length !== MAILS) throw new Error(`stored ${target.list('inbox').length}, expected ${MAILS}`);

  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
  const r = (x: number) => Math.round(x);
  const result = { mails: MAILS, newMailP50Ms: r(pct(50)), newMailP95Ms: r(pct(95)), newMailMaxMs: r(sorted[sorted.length - 1] as number), newMailMinMs: r(sorted[0] as number) };
  console.log('mails | min ms | p50 ms | p95 ms | max ms');
  console.log(`${MAILS} | ${result.newMailMinMs} | ${result.newMailP50Ms} | ${result.newMailP95Ms} | ${result.newMailMaxMs}`);
  console.log(`target p95 <= 1000 ms: ${result.newMailP95Ms <= 1000 ? 'met' : 'MISSED'}`);
  console.log(JSON.stringify(result));
} finally {
  await server.stop();
}
