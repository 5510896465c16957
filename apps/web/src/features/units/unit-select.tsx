import type { UnitKind } from '@caitien/core';
import { useDeferredValue, useEffect, useId, useState } from 'react';
import { SelectField } from '../../ui/form.tsx';
import type { Unit } from '../auth/access.ts';
import { unitTrail } from './unit-tree.ts';
import { useUnit, useUnitPages } from './units.queries.ts';
import { viUnitTree } from './vi-unit-tree.ts';

const t = viUnitTree;
/** Options one search shows: enough to choose from, small enough for any tree. */
const PICKER_LIMIT = 50;

/**
 * A unit chosen from the server's search (never from a list of the whole tree): a search box and
 * a select of the matching units of `kinds` ("Sở … › UBND xã …"), the chosen one always listed.
 * With `topLabel` the empty value means "at the top"; without it an empty value takes the first
 * match.
 */
export function UnitSelect({
  label,
  name,
  value,
  onChange,
  kinds,
  accept,
  topLabel,
  error,
  hint,
}: {
  label: string;
  name?: string;
  value: string;
  onChange: (unitId: string, unit: Unit | null) => void;
  kinds: readonly UnitKind[];
  /** Further filter on the matches (e.g. what the user may manage, not inside the moved unit). */
  accept?: (unit: Unit) => boolean;
  topLabel?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
}) {
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query.trim());
  const searchId = useId();
  const results = useUnitPages(
    {
      ...(deferred ? { q: deferred } : {}),
      kind: kinds.join(','),
      limit: PICKER_LIMIT,
    },
    { enabled: kinds.length > 0 },
  );
  const found = (results.data?.items ?? []).filter((unit) => !accept || accept(unit));
  const chosen = useUnit(value && !found.some((u) => u.id === value) ? value : null);
  const options = [...(chosen.data && chosen.data.id === value ? [chosen.data] : []), ...found];
  const firstId = options[0]?.id;
  const needsDefault = value === '' && topLabel === undefined && firstId !== undefined;

  useEffect(() => {
    if (needsDefault && firstId) onChange(firstId, options[0] ?? null);
    // Only when the default itself changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [needsDefault, firstId]);

  const total = results.data?.total ?? 0;
  return (
    <div className="unit-select">
      <div className="field">
        <label htmlFor={searchId} className="field__label">
          {t.pickerSearch}
        </label>
        <input
          id={searchId}
          className="input"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder={t.pickerSearchPlaceholder}
        />
      </div>
      <SelectField
        label={label}
        name={name}
        value={value}
        onChange={(event) => {
          const id = event.target.value;
          onChange(id, options.find((u) => u.id === id) ?? null);
        }}
        error={error}
        hint={
          hint ??
          (total > found.length && !deferred
            ? t.pickerMore(found.length, total)
            : options.length === 0 && topLabel === undefined && results.isSuccess
              ? t.noneFound
              : undefined)
        }
      >
        {topLabel !== undefined ? <option value="">{topLabel}</option> : null}
        {topLabel === undefined && value === '' ? <option value="">{t.pickerNone}</option> : null}
        {options.map((unit) => (
          <option key={unit.id} value={unit.id}>
            {unitTrail(unit)}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
