import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mailSrcdoc } from '../mail/sanitizeMail';

/** HTML mail, sanitized, in a sandboxed frame with no scripts and no same-origin; remote content only on request. */
export function MailFrame({ html, from }: { html: string; from: string }) {
  const { t, i18n } = useTranslation();
  const [remote, setRemote] = useState(false);
  const doc = useMemo(() => mailSrcdoc(html, remote, i18n.language), [html, remote, i18n.language]);
  return (
    <div className="mail-html">
      {!remote && doc.blockedRemote > 0 && (
        <p className="remote-note">
          {t('ticket.remoteBlocked', { count: doc.blockedRemote })}{' '}
          <button type="button" onClick={() => setRemote(true)}>{t('ticket.showRemote')}</button>
        </p>
      )}
      {remote && <p className="remote-note">{t('ticket.remoteShown')}</p>}
      <iframe
        sandbox=""
        srcDoc={doc.srcdoc}
        title={t('ticket.frameTitle', { from })}
        referrerPolicy="no-referrer"
        data-testid="mail-frame"
      />
    </div>
  );
}
