// Where service passwords live. Never in the store's JSON, never in logs.

export type SecretStoreKind = 'electron-safe-storage' | 'os-keychain' | 'file';

export interface SecretStore {
  readonly kind: SecretStoreKind;
  /** Shown in the UI when the passwords are less protected than the OS keychain would keep them. */
  readonly warning: string | null;
  get(key: string): Promise<string | null>;
  set(key: string, secret: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** The key of a service's password for IMAP or SMTP. */
export function secretKey(serviceId: string, protocol: 'imap' | 'smtp'): string {
  return `service:${serviceId}:${protocol}`;
}

export const FILE_SECRET_WARNING =
  'No OS keychain was found: service passwords are kept in a file readable only by your user account (secrets/secrets.json in the data folder).';
