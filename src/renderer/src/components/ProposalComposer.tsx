import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../hooks/desk';
import { Modal } from './Modal';
import { ticketTagOf } from '../../../shared/ticket';

type Preview = { subject: string; text: string; language: 'fr' | 'en' };
/** The template around the agent's text: what comes before {{proposalBody}}, and after. */
type Frame = { before: string; after: string; hasSlot: boolean };

/**
 * Stands for the agent's text while the template is rendered once for the frame. Core puts the
 * body into the template's {{proposalBody}}: the textarea holds only that part, so the greeting and
 * the closing are never sent twice.
 */
const BODY_MARKER = '\u2063GUICHET-PROPOSAL-BODY\u2063';

export function frameOf(rendered: string): Frame {
  const at = rendered.indexOf(BODY_MARKER);
  if (at === -1) return { before: rendered, after: '', hasSlot: false };
  return { before: rendered.slice(0, at).replace(/\s+$/, ''), after: rendered.slice(at + BODY_MARKER.length).replace(/^\s+/, ''), hasSlot: true };
}

/** The proposal composer: the template's text around the agent's own, previewed before it is sent. */
export function ProposalComposer({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const { useAppStore, client } = useDesk();
  const card = useAppStore((s) => s.cards.get(ticketId));
  const sendProposal = useAppStore((s) => s.sendProposal);
  const [frame, setFrame] = useState<Frame | null>(null);
  const [body, setBody] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => useAppStore.getState().setComposerFor(null);

  useEffect(() => {
    let live = true;
    client.tickets.previewTemplate({ ticketId, template: 'proposal', body: BODY_MARKER }).then(
      (seed) => live && setFrame(frameOf(seed.text)),
      (e: unknown) => {
        if (!live) return;
        setFrame({ before: '', after: '', hasSlot: true });
        setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      live = false;
    };
  }, [client, ticketId]);

  if (!card) return null;
  const showPreview = async () => {
    if (!body.trim()) return;
    setError(null);
    try {
      setPreview(await client.tickets.previewTemplate({ ticketId, template: 'proposal', body }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const send = async () => {
    if (!body.trim()) return;
    setBusy(true);
    const task = await sendProposal(ticketId, body);
    setBusy(false);
    if (task) close();
  };
  return (
    <Modal labelId="composer-title" onClose={close} className="composer" testId="proposal-composer">
      <h2 id="composer-title">{t('composer.title', { tag: ticketTagOf(card.ticketId) })}</h2>
      {frame === null ? (
        <p role="status">{t('composer.loading')}</p>
      ) : preview ? (
        <section aria-labelledby="composer-preview-title" className="composer-preview">
          <h3 id="composer-preview-title">{t('composer.previewTitle')}</h3>
          <p><strong>{t('composer.subject')}:</strong> {preview.subject}</p>
          <pre data-testid="proposal-preview">{preview.text}</pre>
        </section>
      ) : (
        <>
          {frame.before !== '' && <pre className="composer-frame" data-testid="proposal-before">{frame.before}</pre>}
          <label className="composer-body">
            {t('composer.body')}
            <textarea value={body} rows={8} autoFocus onChange={(e) => setBody(e.target.value)} />
          </label>
          {frame.after !== '' && <pre className="composer-frame" data-testid="proposal-after">{frame.after}</pre>}
          {!frame.hasSlot && <p role="note" className="error">{t('composer.noSlot', { slot: '{{proposalBody}}' })}</p>}
        </>
      )}
      {error && <p role="alert" className="error">{error}</p>}
      <div className="composer-buttons">
        {preview ? (
          <button type="button" onClick={() => setPreview(null)}>{t('composer.edit')}</button>
        ) : (
          <button type="button" disabled={!body.trim()} onClick={() => void showPreview()}>{t('composer.preview')}</button>
        )}
        <button type="button" className="primary" disabled={!body.trim() || busy} onClick={() => void send()}>{t('composer.send')}</button>
        <button type="button" onClick={close}>{t('composer.cancel')}</button>
      </div>
    </Modal>
  );
}
