import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabSpec<K extends string> {
  key: K;
  label: string;
  panel: ReactNode;
}

/** WAI-ARIA tabs with a roving tab stop: arrows, Home and End move and activate. */
export function SettingsTabs<K extends string>({ tabs, active, onChange, label }: { tabs: TabSpec<K>[]; active: K; onChange: (key: K) => void; label: string }) {
  const refs = useRef(new Map<K, HTMLButtonElement>());
  const move = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const last = tabs.length - 1;
    const target = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const tab = tabs[target];
    if (!tab) return;
    onChange(tab.key);
    refs.current.get(tab.key)?.focus();
  };
  return (
    <div className="settings-tabs">
      <div role="tablist" aria-label={label} className="settings-tablist">
        {tabs.map((tab, index) => (
          <button
            key={tab.key}
            ref={(el) => {
              if (el) refs.current.set(tab.key, el);
              else refs.current.delete(tab.key);
            }}
            type="button"
            role="tab"
            id={`settings-tab-${tab.key}`}
            aria-selected={tab.key === active}
            aria-controls={`settings-panel-${tab.key}`}
            tabIndex={tab.key === active ? 0 : -1}
            onClick={() => onChange(tab.key)}
            onKeyDown={(event) => move(event, index)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.key}
          role="tabpanel"
          id={`settings-panel-${tab.key}`}
          aria-labelledby={`settings-tab-${tab.key}`}
          tabIndex={0}
          hidden={tab.key !== active}
          className="settings-panel"
        >
          {tab.panel}
        </div>
      ))}
    </div>
  );
}
