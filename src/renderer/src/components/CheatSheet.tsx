import { useTranslation } from 'react-i18next';
import { useDesk } from '../hooks/desk';
import { ACTION_SHORTCUTS, DESK_ACTIONS } from '../state/actionRules';
import { Modal } from './Modal';

/** The keyboard shortcuts, on `?`. */
export function CheatSheet() {
  const { t } = useTranslation();
  const { useAppStore } = useDesk();
  const close = () => useAppStore.getState().setCheatSheet(false);
  const rows: [string, string][] = [
    ['j / ↓', t('shortcuts.move')],
    ['k / ↑', t('shortcuts.move')],
    ['h l / ← →', t('shortcuts.column')],
    ['Enter', t('shortcuts.open')],
    ['Esc', t('shortcuts.closeView')],
    ['/', t('shortcuts.search')],
    ['?', t('shortcuts.help')],
    ...DESK_ACTIONS.map((a): [string, string] => [ACTION_SHORTCUTS[a], t(`actions.${a}`)]),
  ];
  return (
    <Modal labelId="cheat-title" onClose={close} testId="cheat-sheet">
      <h2 id="cheat-title">{t('shortcuts.title')}</h2>
      <dl className="shortcuts">
        {rows.map(([key, what]) => (
          <div key={key}>
            <dt><kbd>{key}</kbd></dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" autoFocus onClick={close}>{t('shortcuts.close')}</button>
    </Modal>
  );
}
