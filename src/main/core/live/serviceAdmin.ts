import type { ContractHandlers } from '../../../shared/api';
import type { ServiceConfig, ServiceInput } from '../../../shared/views';
import { GuichetError } from '../errors';
import { secretKey, type SecretStore } from '../secrets/secretStore';
import type { Store } from '../store';
import { probeImap, probeSmtp } from './serviceProbe';

// Add, edit, test and remove service mailboxes. Passwords go to the SecretStore only.

function slug(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'service';
}

export function toConfig(input: ServiceInput, id: string): ServiceConfig {
  return { id, name: input.name, kind: input.kind, address: input.address, colour: input.colour, defaultLanguage: input.defaultLanguage, imap: input.imap, smtp: input.smtp };
}

export interface ServiceAdminOptions {
  store: Store;
  secrets: SecretStore;
  trustedCa?: string | undefined;
  /** After a change: (re)start or stop the service's sync. */
  onChanged: (serviceId: string) => Promise<void>;
}

export function createServiceAdmin(options: ServiceAdminOptions): Pick<ContractHandlers, 'services.list' | 'services.add' | 'services.edit' | 'services.test' | 'services.remove'> {
  const { store, secrets } = options;
  const savePasswords = async (id: string, input: ServiceInput): Promise<void> => {
    if (input.imapPassword !== undefined) await secrets.set(secretKey(id, 'imap'), input.imapPassword);
    if (input.smtpPassword !== undefined) await secrets.set(secretKey(id, 'smtp'), input.smtpPassword);
  };
  return {
    'services.list': async () => ({ services: store.services.list().map((s) => toConfig(s as ServiceInput, s.id)) }),
    'services.add': async (input) => {
      const taken = new Set(store.services.list().map((s) => s.id));
      if (store.services.list().some((s) => s.address.toLowerCase() === input.address.toLowerCase())) {
        throw new GuichetError('conflict', `A service with the address ${input.address} already exists.`);
      }
      let id = input.id ?? slug(input.name);
      for (let n = 2; taken.has(id); n++) id = `${input.id ?? slug(input.name)}-${n}`;
      const config = toConfig(input, id);
      await savePasswords(id, input);
      await store.services.put(config);
      await options.onChanged(id);
      return config;
    },
    'services.edit': async (input) => {
      if (!store.services.get(input.id)) throw new GuichetError('not_found', `No service "${input.id}".`);
      const config = toConfig(input, input.id);
      await savePasswords(input.id, input);
      await store.services.put(config);
      await options.onChanged(input.id);
      return config;
    },
    'services.test': async (input) => {
      const id = input.id;
      const imapPassword = input.imapPassword ?? (id ? await secrets.get(secretKey(id, 'imap')) : null) ?? '';
      const smtpPassword = input.smtpPassword ?? (id ? await secrets.get(secretKey(id, 'smtp')) : null) ?? imapPassword;
      const [imap, smtp] = await Promise.all([probeImap(input, imapPassword, options.trustedCa), probeSmtp(input, smtpPassword, options.trustedCa)]);
      return { imap, smtp };
    },
    'services.remove': async ({ id }) => {
      if (!store.services.get(id)) throw new GuichetError('not_found', `No service "${id}".`);
      await store.services.remove(id);
      await secrets.delete(secretKey(id, 'imap'));
      await secrets.delete(secretKey(id, 'smtp'));
      await options.onChanged(id);
      // Its sync has stopped (onChanged): the copies of its customers' mail go too.
      await store.forgetService(id);
      return { ok: true };
    },
  };
}
