// Free loopback ports for the harness. Ports are drawn at random BELOW the kernel's ephemeral range
// (32768+ here), so an outgoing connection never grabs a port a stopped daemon will want back, and
// parallel instances rarely pick the same one. A daemon that still loses the race fails to bind and
// the caller retries with new ports.
import { createServer } from 'node:net';

const LOW = 20000;
const HIGH = 32000;
const taken = new Set<number>();

export function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen({ host: '127.0.0.1', port, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

export async function freePorts(count: number): Promise<number[]> {
  const out: number[] = [];
  for (let tries = 0; out.length < count; tries++) {
    if (tries > 500) throw new Error('mail harness: no free loopback port found');
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (taken.has(port) || out.includes(port)) continue;
    if (await canBind(port)) out.push(port);
  }
  for (const p of out) taken.add(p);
  return out;
}
