import type { MisrouteHint, SerialStatus } from '../../../shared/api';
import type { SlaClock } from '../../../shared/calendar';
import type { TicketState } from '../../../shared/ticket';
import { useUiLang } from '../hooks/desk';
import { useSharedTranslation } from '../hooks/sharedTranslation';
import { formatBusinessHours } from '../state/format';

// The small badges of a card and of the ticket view.

export function StateChip({ state }: { state: TicketState }) {
  const { t } = useSharedTranslation();
  return <span className={`chip state-${state}`} data-testid="state-chip" data-state={state}>{t(`states.${state}`)}</span>;
}

export function ClockBadge({ clock }: { clock: SlaClock | null }) {
  const { t, language } = useSharedTranslation();
  const lang = useUiLang(language);
  if (!clock) return <span className="clock none" data-testid="clock">{t('clock.none')}</span>;
  const time = formatBusinessHours(clock.remainingBusinessHours, lang);
  const text = clock.remainingBusinessHours < 0 ? time : t('clock.left', { time });
  return (
    <span className={`clock ${clock.status}`} data-testid="clock" data-status={clock.status} title={t('clock.label', { kind: t(`clock.kinds.${clock.kind}`), time })}>
      {text}
    </span>
  );
}

export function SerialBadge({ status }: { status: SerialStatus }) {
  const { t } = useSharedTranslation();
  const text = t(`serial.${status}`);
  // A narrow card may cut it short: the whole text on hover.
  return <span className={`badge serial-${status}`} data-testid="serial-badge" data-status={status} title={text}>{text}</span>;
}

/**
 * "Probably consumer", with the classifier's evidence on hover and on focus (aria-describedby).
 * `short`: on a card, "→ conso.", since a narrow column cut the whole hint down to "Plutôt …".
 */
export function MisrouteBadge({ hint, id, onActivate, short = false }: { hint: MisrouteHint; id: string; onActivate?: () => void; short?: boolean }) {
  const { t } = useSharedTranslation();
  const words = hint.evidence.filter((e) => e.favours === hint.suggested).map((e) => e.word);
  const label = t('misroute.hint', { service: t(`misroute.${hint.suggested}`) });
  const evidence = t('misroute.evidence', { words: (words.length > 0 ? words : hint.evidence.map((e) => e.word)).join(', ') });
  const shown = short ? t('misroute.short', { service: t(`misroute.shortNames.${hint.suggested}`) }) : label;
  return (
    <>
      <button type="button" className="badge misroute" data-testid="misroute-hint" title={`${label} — ${evidence}`} aria-label={short ? label : undefined} aria-describedby={id} onClick={onActivate}>
        {/* In a span: a button's own content does not take text-overflow's ellipsis when cut. */}
        <span className="badge-text">{shown}</span>
      </button>
      <span id={id} className="visually-hidden">{evidence}</span>
    </>
  );
}
