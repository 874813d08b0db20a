import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ServiceSummary } from '../../../shared/views';

// The embedded demo workspace: resources/demo/workspace.json + mail/<serviceId>/*.eml.

const DemoWorkspaceFile = z.object({
  services: z.array(ServiceSummary),
  agent: z.string(),
  now: z.string(),
});

export interface DemoMail {
  id: string;
  serviceId: string;
  raw: Buffer;
}

export interface DemoWorkspace {
  services: ServiceSummary[];
  agentName: string;
  /** The demo's frozen "now", so its deadlines look the same on every run. */
  now: Date;
  mails: DemoMail[];
  /** The demo's serial registry (CSV), so some serials show as verified. */
  serialsCsv: string | null;
}

export async function loadDemoWorkspace(demoDir: string): Promise<DemoWorkspace> {
  const file = DemoWorkspaceFile.parse(JSON.parse(await readFile(join(demoDir, 'workspace.json'), 'utf8')));
  const mails: DemoMail[] = [];
  for (const service of file.services) {
    const folder = join(demoDir, 'mail', service.id);
    const names = (await readdir(folder).catch(() => [] as string[])).filter((n) => n.endsWith('.eml')).sort();
    for (const name of names) {
      mails.push({ id: `${service.id}/${name.replace(/\.eml$/, '')}`, serviceId: service.id, raw: await readFile(join(folder, name)) });
    }
  }
  const serialsCsv = await readFile(join(demoDir, 'serials.csv'), 'utf8').catch(() => null);
  return { services: file.services, agentName: file.agent, now: new Date(file.now), mails, serialsCsv };
}

