import { z } from 'zod';
import type { ServiceConfig, ServiceInput } from '../../../../shared/api';

// The service form as typed text, its checks before any call, and its conversion to the contract.

export type TlsMode = 'none' | 'starttls' | 'tls';
export type Protocol = 'imap' | 'smtp';

export interface EndpointDraft {
  host: string;
  port: string;
  tls: TlsMode;
  user: string;
  /** Write-only: blank keeps the stored password when editing. */
  password: string;
}

export interface ServiceDraft {
  id?: string;
  name: string;
  kind: 'technical' | 'consumer' | 'other';
  address: string;
  colour: string;
  defaultLanguage: 'fr' | 'en' | 'other';
  imap: EndpointDraft;
  smtp: EndpointDraft;
}

export type ServiceField = 'name' | 'address' | 'colour' | `${Protocol}.${'host' | 'port' | 'user' | 'password'}`;
export type ServiceFieldError = 'required' | 'port' | 'email' | 'colour' | 'host';
export type ServiceDraftErrors = Partial<Record<ServiceField, ServiceFieldError>>;

const DEFAULT_PORTS: Record<Protocol, Record<TlsMode, number>> = {
  imap: { tls: 993, starttls: 143, none: 143 },
  smtp: { tls: 465, starttls: 587, none: 25 },
};

export function defaultPort(protocol: Protocol, tls: TlsMode): number {
  return DEFAULT_PORTS[protocol][tls];
}

/** Changing the TLS mode moves the port along, unless the agent typed their own. */
export function withTlsMode(protocol: Protocol, endpoint: EndpointDraft, tls: TlsMode): EndpointDraft {
  const usual = Object.values(DEFAULT_PORTS[protocol]).map(String);
  const port = endpoint.port.trim() === '' || usual.includes(endpoint.port.trim()) ? String(defaultPort(protocol, tls)) : endpoint.port;
  return { ...endpoint, tls, port };
}

export function emptyServiceDraft(): ServiceDraft {
  return {
    name: '',
    kind: 'technical',
    address: '',
    colour: '#1d4fa8',
    defaultLanguage: 'fr',
    imap: { host: '', port: String(defaultPort('imap', 'tls')), tls: 'tls', user: '', password: '' },
    smtp: { host: '', port: String(defaultPort('smtp', 'starttls')), tls: 'starttls', user: '', password: '' },
  };
}

export function draftFromConfig(config: ServiceConfig): ServiceDraft {
  const endpoint = (e: ServiceConfig['imap']): EndpointDraft => ({ host: e.host, port: String(e.port), tls: e.tls, user: e.user, password: '' });
  return {
    id: config.id,
    name: config.name,
    kind: config.kind,
    address: config.address,
    colour: config.colour,
    defaultLanguage: config.defaultLanguage,
    imap: endpoint(config.imap),
    smtp: endpoint(config.smtp),
  };
}

const HOST = /^[A-Za-z0-9.\-:[\]]+$/;
const COLOUR = /^#[0-9a-fA-F]{6}$/;

export function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text.trim())) return null;
  const port = Number(text.trim());
  return port >= 1 && port <= 65535 ? port : null;
}

/** Checks made before calling core; a new service needs both passwords, an edited one keeps its own. */
export function validateServiceDraft(draft: ServiceDraft): ServiceDraftErrors {
  const errors: ServiceDraftErrors = {};
  if (!draft.name.trim()) errors.name = 'required';
  if (!draft.address.trim()) errors.address = 'required';
  else if (!z.email().safeParse(draft.address.trim()).success) errors.address = 'email';
  if (!COLOUR.test(draft.colour)) errors.colour = 'colour';
  for (const protocol of ['imap', 'smtp'] as const) {
    const endpoint = draft[protocol];
    if (!endpoint.host.trim()) errors[`${protocol}.host`] = 'required';
    else if (!HOST.test(endpoint.host.trim())) errors[`${protocol}.host`] = 'host';
    if (parsePort(endpoint.port) === null) errors[`${protocol}.port`] = 'port';
    // A blank user name signs in with the service's address (userOf); only both blank is an error.
    if (!endpoint.user.trim() && !draft.address.trim()) errors[`${protocol}.user`] = 'required';
    if (!draft.id && !endpoint.password) errors[`${protocol}.password`] = 'required';
  }
  return errors;
}

/** The user name to sign in with: as typed, or the service's address when left blank (the usual case). */
export function userOf(endpoint: EndpointDraft, address: string): string {
  return endpoint.user.trim() || address.trim();
}

export function hasErrors(errors: ServiceDraftErrors): boolean {
  return Object.keys(errors).length > 0;
}

/** The contract's input; a blank password is left out so core keeps the stored one. */
export function toServiceInput(draft: ServiceDraft): ServiceInput {
  const endpoint = (e: EndpointDraft) => ({ host: e.host.trim(), port: parsePort(e.port) ?? 0, tls: e.tls, user: userOf(e, draft.address) });
  return {
    ...(draft.id ? { id: draft.id } : {}),
    name: draft.name.trim(),
    kind: draft.kind,
    address: draft.address.trim(),
    colour: draft.colour,
    defaultLanguage: draft.defaultLanguage,
    imap: endpoint(draft.imap),
    smtp: endpoint(draft.smtp),
    ...(draft.imap.password ? { imapPassword: draft.imap.password } : {}),
    ...(draft.smtp.password ? { smtpPassword: draft.smtp.password } : {}),
  };
}
