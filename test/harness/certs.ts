// A throwaway CA and a server certificate for 127.0.0.1 / localhost, made with openssl.
// EC P-256 keys: generating them takes milliseconds, unlike RSA.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFile, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';

const run = promisify(execFile);

export interface HarnessCerts {
  caPem: string;
  caFile: string;
  certFile: string;
  keyFile: string;
}

export async function generateCerts(dir: string): Promise<HarnessCerts> {
  const caKey = join(dir, 'ca.key');
  const caFile = join(dir, 'ca.crt');
  const keyFile = join(dir, 'server.key');
  const csr = join(dir, 'server.csr');
  const certFile = join(dir, 'server.crt');
  const ext = join(dir, 'server.ext');
  const ossl = (args: string[]) => run('openssl', args, { timeout: 20_000 });

  await ossl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', caKey]);
  await ossl(['req', '-x509', '-new', '-key', caKey, '-sha256', '-days', '30', '-subj', '/CN=Guichet test harness CA', '-out', caFile,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  await ossl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', keyFile]);
  await ossl(['req', '-new', '-key', keyFile, '-subj', '/CN=localhost', '-out', csr]);
  await writeFile(ext, [
    'basicConstraints=CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:mx.guichet.test',
    '',
  ].join('\n'));
  await ossl(['x509', '-req', '-in', csr, '-CA', caFile, '-CAkey', caKey, '-CAcreateserial', '-days', '30', '-sha256',
    '-extfile', ext, '-out', certFile]);
  // Dovecot reads the key as root before dropping privileges; Postfix too. Keep it private.
  await chmod(keyFile, 0o600);
  await chmod(caKey, 0o600);
  return { caPem: await readFile(caFile, 'utf8'), caFile, certFile, keyFile };
}
