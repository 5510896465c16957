import { useId } from 'react';
import { vi } from '../../i18n/vi.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { navigate } from '../../ui/use-location-search.ts';
import { frameworkHref, type FrameworkLocation } from './framework-url.ts';
import {
  frameworkParam,
  groupByRegime,
  schoolLevelsShortLabel,
  versionsOf,
} from './framework-labels.ts';
import type { FrameworkSummary } from './framework.types.ts';

const t = vi.frameworks;

/**
 * Chooses the framework (a native select grouped by regime — keyboard and phone friendly) and,
 * for frameworks with several versions, the version (links, so each version has its own URL).
 */
export function FrameworkPicker({
  items,
  selected,
  location,
}: {
  items: readonly FrameworkSummary[];
  selected: FrameworkSummary | null;
  location: FrameworkLocation;
}) {
  const selectId = useId();
  const versions = selected ? versionsOf(items, selected.code) : [];
  return (
    <div className="picker">
      <div className="field picker__framework">
        <label htmlFor={selectId} className="field__label">
          {t.chooseLabel}
        </label>
        <select
          id={selectId}
          className="select"
          data-testid="framework-select"
          value={selected?.code ?? ''}
          onChange={(event) => {
            const code = event.target.value;
            navigate(frameworkHref({ framework: code || null, q: location.q }));
          }}
        >
          {selected ? null : <option value="">{t.choosePlaceholder}</option>}
          {groupByRegime(items).map((group) => (
            <optgroup key={group.regime} label={t.regimeHeading[group.regime]}>
              {group.frameworks.map((framework) => (
                <option key={framework.code} value={framework.code}>
                  {`${framework.code} — ${schoolLevelsShortLabel(framework.schoolLevels)}`}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      {versions.length > 1 && selected ? (
        <nav className="picker__versions" aria-label={t.versionLabel} data-testid="version-switch">
          <span className="field__label" aria-hidden="true">
            {t.versionLabel}
          </span>
          <ul className="segmented">
            {versions.map((version) => {
              const isSelected = version.id === selected.id;
              return (
                <li key={version.id}>
                  <AppLink
                    href={frameworkHref({ ...location, framework: frameworkParam(version) })}
                    className={`segmented__item${isSelected ? ' is-selected' : ''}`}
                    aria-current={isSelected ? 'page' : undefined}
                    data-testid={`version-${version.id}`}
                  >
                    {t.versionOption(version.version, version.isCurrent)}
                  </AppLink>
                </li>
              );
            })}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}
