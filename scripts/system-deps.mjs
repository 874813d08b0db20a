// The Debian packages the test suite needs: a real Dovecot + Postfix and a real Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const SYSTEM_DEPS = [
  { binary: '/usr/sbin/dovecot', packages: ['dovecot-imapd', 'dovecot-lmtpd'] },
  { binary: '/usr/lib/dovecot/lmtp', packages: ['dovecot-lmtpd'] },
  { binary: '/usr/lib/postfix/sbin/master', packages: ['postfix'] },
  { binary: '/usr/bin/chromium', packages: ['chromium'] },
  { binary: '/usr/bin/openssl', packages: ['openssl'] },
];

export function missingPackages(extra = []) {
  const wanted = [...SYSTEM_DEPS, ...extra];
  return [...new Set(wanted.filter((d) => !existsSync(d.binary)).flatMap((d) => d.packages))];
}

export function installCommand(packages) {
  return `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

/** Installs what is missing when we are root on Debian; otherwise says exactly what to run. */
export function ensureSystemDeps(log = console.log, extra = []) {
  const missing = missingPackages(extra);
  if (missing.length === 0) return true;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    log(`guichet: missing Debian packages: ${missing.join(', ')}. Install them with:\n  sudo sh -c '${installCommand(missing)}'`);
    return false;
  }
  log(`guichet: installing ${missing.join(', ')} (apt-get)…`);
  // Postfix asks a question at install time unless told there is nothing to configure.
  spawnSync('debconf-set-selections', { input: 'postfix postfix/main_mailer_type select No configuration\n' });
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  if (update.status !== 0 || install.status !== 0 || missingPackages(extra).length > 0) {
    log(`guichet: could not install ${missing.join(', ')}. Try: ${installCommand(missing)}`);
    return false;
  }
  return true;
}
