import { useTranslation } from 'react-i18next';
import { useDesk } from '../hooks/desk';
import { QUEUE_FILTERS, type QueueFilter } from '../state/queueSelectors';

/** Filters (one at a time) and the search box above the columns. */
export function FilterBar({ counts }: { counts: Record<QueueFilter, number> }) {
  const { t } = useTranslation();
  const { useAppStore } = useDesk();
  const filter = useAppStore((s) => s.filter);
  const setFilter = useAppStore((s) => s.setFilter);
  const search = useAppStore((s) => s.search);
  const setSearch = useAppStore((s) => s.setSearch);
  return (
    <div className="filter-bar">
      <div role="group" aria-label={t('filters.label')} className="filters">
        {QUEUE_FILTERS.map((f) => (
          <button key={f} type="button" data-filter={f} aria-pressed={filter === f} onClick={() => setFilter(f)}>
            {t(`filters.${f}`)} <span className="filter-count">{counts[f]}</span>
          </button>
        ))}
      </div>
      <label className="search">
        <span>{t('filters.search')}</span>
        <input
          type="search"
          id="queue-search"
          value={search}
          placeholder={t('filters.searchPlaceholder')}
          aria-keyshortcuts="/"
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && search) {
              e.stopPropagation();
              setSearch('');
            }
          }}
        />
      </label>
    </div>
  );
}
