import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageView } from '../../../shared/api';
import type { ContractClient } from '../api/client';
import type { AppStoreHook } from '../App';

/** Reads one mail as plain text; the sanitized HTML view comes with the triage desk. */
export function Reader({ useAppStore, client }: { useAppStore: AppStoreHook; client: ContractClient }) {
  const { t } = useTranslation();
  const selectedId = useAppStore((s) => s.selectedId);
  const select = useAppStore((s) => s.select);
  const [message, setMessage] = useState<MessageView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setMessage(null);
    setError(null);
    if (!selectedId) return;
    let live = true;
    client.message.get({ id: selectedId }).then(
      (m) => live && setMessage(m),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [selectedId, client]);

  if (!selectedId) return <aside className="reader empty">{t('reader.pick')}</aside>;
  return (
    <aside className="reader" aria-label={message?.subject ?? ''}>
      <button type="button" className="close" onClick={() => select(null)}>{t('reader.close')}</button>
      {error && <p role="alert" className="error">{error}</p>}
      {message && (
        <article>
          <h2>{message.subject}</h2>
          <p className="meta">{t('reader.from')}: {message.from.name} &lt;{message.from.address}&gt;</p>
          <p className="meta">{t('reader.to')}: {message.to.map((a) => a.address).join(', ')}</p>
          <pre className="body">{message.text}</pre>
          {message.attachments.length > 0 && (
            <>
              <h3>{t('reader.attachments')}</h3>
              <ul>{message.attachments.map((a) => <li key={a.filename}>{a.filename} ({a.contentType}, {a.size} B)</li>)}</ul>
            </>
          )}
        </article>
      )}
    </aside>
  );
}
