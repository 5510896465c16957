import { useId } from 'react';
import { vi } from '../../i18n/vi.ts';

const t = vi.search;

/** The search box of the framework screen (diacritics optional), with a clear button. */
export function FrameworkSearch({
  value,
  onChange,
}: {
  value: string;
  onChange: (value: string) => void;
}) {
  const inputId = useId();
  const hintId = useId();
  return (
    <div className="search" role="search">
      <label htmlFor={inputId} className="field__label">
        {t.label}
      </label>
      <div className="search__box">
        <svg className="search__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M13 13l4.5 4.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        <input
          id={inputId}
          className="search__input"
          type="search"
          value={value}
          placeholder={t.placeholder}
          aria-describedby={hintId}
          autoComplete="off"
          spellCheck={false}
          data-testid="search-input"
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && value) {
              event.preventDefault();
              onChange('');
            }
          }}
        />
        {value ? (
          <button
            type="button"
            className="search__clear"
            onClick={() => onChange('')}
            data-testid="search-clear"
          >
            <span aria-hidden="true">×</span>
            <span className="visually-hidden">{t.clear}</span>
          </button>
        ) : null}
      </div>
      <p id={hintId} className="field__hint">
        {t.hint}
      </p>
    </div>
  );
}
