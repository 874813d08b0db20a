import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageView } from '../../../shared/api';
import { useDesk, useUiLang } from '../hooks/desk';
import { formatBytes, formatDateTime } from '../state/format';
import { MailFrame } from './MailFrame';

/** One mail of the thread: the customer's or the team's. */
export function MessageItem({ message }: { message: MessageView }) {
  const { t, i18n } = useTranslation();
  const lang = useUiLang(i18n.language);
  const from = message.from.name ? `${message.from.name} <${message.from.address}>` : message.from.address;
  const { client } = useDesk();
  const [saveError, setSaveError] = useState<string | null>(null);
  // Saved as an opaque download (never shown or run in the page), under the safe name core gives.
  const save = async (index: number): Promise<void> => {
    setSaveError(null);
    try {
      const file = await client.message.attachment({ id: message.id, index });
      const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = file.filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <article className={`message ${message.fromTeam ? 'from-team' : 'from-customer'}`} data-testid="thread-message" aria-label={`${message.fromTeam ? t('ticket.fromTeam') : t('ticket.fromCustomer')} — ${formatDateTime(message.receivedAt, lang)}`}>
      <header>
        <span className="who">{message.fromTeam ? t('ticket.fromTeam') : t('ticket.fromCustomer')}</span>{' '}
        <time dateTime={message.receivedAt}>{formatDateTime(message.receivedAt, lang)}</time>
        <div className="meta">{t('ticket.from')}: {from}</div>
        <div className="meta">{t('ticket.to')}: {message.to.map((a) => a.address).join(', ')}</div>
        <h4 className="message-subject">{message.subject}</h4>
      </header>
      {message.incomplete && <p className="warn">{t('ticket.incomplete')}</p>}
      {message.html ? <MailFrame html={message.html} from={from} /> : <pre className="body">{message.text}</pre>}
      {message.attachments.length > 0 && (
        <section className="attachments" aria-label={t('ticket.attachments')}>
          <h5>{t('ticket.attachments')}</h5>
          <ul>
            {message.attachments.map((a, i) => (
              <li key={`${a.filename}-${i}`} data-testid="attachment">
                <span className="filename">{a.filename}</span> <span className="type">{a.contentType}</span> <span className="size">{formatBytes(a.size, lang)}</span>{' '}
                <button type="button" onClick={() => void save(i)} aria-label={t('ticket.saveAttachment', { name: a.filename })}>{t('ticket.save')}</button>
              </li>
            ))}
          </ul>
          {saveError && <p role="alert" className="error">{saveError}</p>}
          <p className="note">{t('ticket.attachmentsNote')}</p>
        </section>
      )}
    </article>
  );
}
