import { useTranslation } from 'react-i18next';
import { useDesk } from '../hooks/desk';
import { Modal } from './Modal';
import { ticketTagOf } from '../../../shared/ticket';

/** "Transfer to…": the keyboard way to route a ticket; the suggested service comes first. */
export function TransferDialog({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const { useAppStore } = useDesk();
  const card = useAppStore((s) => s.cards.get(ticketId));
  const services = useAppStore((s) => s.workspace?.services ?? null);
  const transfer = useAppStore((s) => s.transfer);
  const close = () => useAppStore.getState().setTransferFor(null);
  if (!card || !services) return null;
  const suggested = card.misroute?.suggestedServiceId ?? null;
  const targets = services.filter((s) => s.id !== card.serviceId).sort((a, b) => Number(b.id === suggested) - Number(a.id === suggested));
  return (
    <Modal labelId="transfer-title" onClose={close} testId="transfer-dialog">
      <h2 id="transfer-title">{t('transfer.title', { tag: ticketTagOf(card.ticketId) })}</h2>
      <p>{t('transfer.explain')}</p>
      <ul className="transfer-targets">
        {targets.map((service, index) => (
          <li key={service.id}>
            <button
              type="button"
              data-target-service={service.id}
              autoFocus={index === 0}
              onClick={() => {
                close();
                void transfer(card.ticketId, service.id);
              }}
            >
              {service.name} <span className="address">{service.address}</span>
              {service.id === suggested && <span className="badge"> {t('transfer.suggested')}</span>}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={close}>{t('transfer.cancel')}</button>
    </Modal>
  );
}
