import { useTranslation } from 'react-i18next';
import type { DisabledReason } from '../state/actionRules';
import { formatRelative } from '../state/format';
import { useUiLang } from './desk';
import { useWorkspaceNow } from './useWorkspaceNow';

/** The sentence for a disabled action, e.g. "Acknowledged by Marie 2 minutes ago". */
export function useReasonText(): (reason: DisabledReason) => string {
  const { t, i18n } = useTranslation();
  const lang = useUiLang(i18n.language);
  const now = useWorkspaceNow();
  return (reason) => {
    switch (reason.code) {
      case 'inProgress':
        return t('reasons.inProgress', { agent: reason.by });
      case 'alreadyAcknowledged':
        return t('reasons.alreadyAcknowledged', { actor: reason.by, when: formatRelative(reason.at, now, lang) });
      default:
        return t(`reasons.${reason.code}`);
    }
  };
}
