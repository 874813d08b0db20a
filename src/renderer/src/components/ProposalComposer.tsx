import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../hooks/desk';
import { Modal } from './Modal';

type Preview = { subject: string; text: string; language: 'fr' | 'en' };

/** The proposal composer: seeded from the customer-language template, previewed before it is sent. */
export function ProposalComposer({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const { useAppStore, client } = useDesk();
  const card = useAppStore((s) => s.cards.get(ticketId));
  const sendProposal = useAppStore((s) => s.sendProposal);
  const [body, setBody] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => useAppStore.getState().setComposerFor(null);

  useEffect(() => {
    let live = true;
    client.tickets.previewTemplate({ ticketId, template: 'proposal' }).then(
      (seed) => live && setBody(seed.text),
      (e: unknown) => {
        if (!live) return;
        setBody('');
        setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      live = false;
    };
  }, [client, ticketId]);

  if (!card) return null;
  const showPreview = async () => {
    if (!body) return;
    setError(null);
    try {
      setPreview(await client.tickets.previewTemplate({ ticketId, template: 'proposal', body }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const send = async () => {
    if (!body?.trim()) return;
    setBusy(true);
    const task = await sendProposal(ticketId, body);
    setBusy(false);
    if (task) close();
  };
  return (
    <Modal labelId="composer-title" onClose={close} className="composer" testId="proposal-composer">
      <h2 id="composer-title">{t('composer.title', { tag: card.tag })}</h2>
      {body === null ? (
        <p role="status">{t('composer.loading')}</p>
      ) : preview ? (
        <section aria-labelledby="composer-preview-title" className="composer-preview">
          <h3 id="composer-preview-title">{t('composer.previewTitle')}</h3>
          <p><strong>{t('composer.subject')}:</strong> {preview.subject}</p>
          <pre data-testid="proposal-preview">{preview.text}</pre>
        </section>
      ) : (
        <label className="composer-body">
          {t('composer.body')}
          <textarea value={body} rows={14} autoFocus onChange={(e) => setBody(e.target.value)} />
        </label>
      )}
      {error && <p role="alert" className="error">{error}</p>}
      <div className="composer-buttons">
        {preview ? (
          <button type="button" onClick={() => setPreview(null)}>{t('composer.edit')}</button>
        ) : (
          <button type="button" disabled={!body} onClick={() => void showPreview()}>{t('composer.preview')}</button>
        )}
        <button type="button" className="primary" disabled={!body?.trim() || busy} onClick={() => void send()}>{t('composer.send')}</button>
        <button type="button" onClick={close}>{t('composer.cancel')}</button>
      </div>
    </Modal>
  );
}
