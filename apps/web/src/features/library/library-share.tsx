import { viLibrary as t } from '../../i18n/vi-library.ts';
import { usePlanLibraryShare, useUpdatePlanLibraryShare } from './library.queries.ts';
import './library.css';

/** On an approved plan: share its rows with the schools under a supervising unit (principal). */
export function LibraryShareSwitch({ planId }: { planId: string }) {
  const share = usePlanLibraryShare(planId);
  const update = useUpdatePlanLibraryShare(planId);
  if (!share.data) return null;
  const { shared, options, canChange } = share.data;
  return (
    <section
      className="card library-share"
      aria-labelledby="library-share-title"
      data-testid="library-share"
    >
      <h2 id="library-share-title" className="panel__title">
        {t.share.title}
      </h2>
      <p>{shared ? t.share.current(shared.unitName) : t.share.notShared}</p>
      {canChange ? (
        <label className="library-share__choice">
          <span className="visually-hidden">{t.share.title}</span>
          <select
            className="select"
            value={shared?.unitId ?? ''}
            disabled={update.isPending}
            onChange={(e) => update.mutate(e.target.value || null)}
            data-testid="library-share-select"
          >
            <option value="">{t.share.none}</option>
            {options.map((o) => (
              <option key={o.unitId} value={o.unitId}>
                {t.share.withUnit(o.name)}
              </option>
            ))}
          </select>
          <small className="muted">{t.share.intro}</small>
        </label>
      ) : null}
    </section>
  );
}
