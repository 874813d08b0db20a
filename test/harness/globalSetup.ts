// Vitest global setup for the 'integration' project: starts ONE shared mail server for all test
// files and hands its description to them (inject('mailServer')). Tests that stop daemons or need a
// clean slate start their own with startMailServer().
import type { TestProject } from 'vitest/node';
import { checkMailBinaries, startMailServer, type MailServer, type MailServerInfo } from './mailServer';

declare module 'vitest' {
  export interface ProvidedContext {
    mailServer: MailServerInfo;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  checkMailBinaries(); // clear message with the apt-get command when Dovecot/Postfix are missing
  const server: MailServer = await startMailServer({ tls: true });
  project.provide('mailServer', server.info());
  return async () => {
    await server.stop();
  };
}
