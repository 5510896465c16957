import { vi } from '../i18n/vi.ts';

/** One field that someone else changed while the user was editing. */
export interface ConflictField {
  label: string;
  /** The value now on the server. */
  theirs: string;
  /** The value in the user's form. */
  mine: string;
  /** Both changed it, differently: the user must choose. */
  isClash: boolean;
}

const t = vi.conflict;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Three-way view of a refused save: the fields the other person changed since the user loaded
 * the form (`base`), with the user's value beside theirs.
 */
export function conflictFields<T extends object>(
  labels: ReadonlyArray<{ key: keyof T; label: string; format?: (value: T[keyof T]) => string }>,
  base: T,
  theirs: T,
  mine: T,
): ConflictField[] {
  return labels
    .filter(({ key }) => !same(theirs[key], base[key]))
    .map(({ key, label, format }) => {
      const show = (value: T[keyof T]) => (format ? format(value) : String(value ?? ''));
      return {
        label,
        theirs: show(theirs[key]),
        mine: show(mine[key]),
        isClash: !same(mine[key], base[key]) && !same(mine[key], theirs[key]),
      };
    });
}

/**
 * The user's changes on top of the current version: what they changed keeps their value, what
 * they did not touch takes the other person's.
 */
export function mergeDrafts<T extends object>(base: T, theirs: T, mine: T): T {
  const merged = { ...theirs };
  for (const key of Object.keys(mine) as Array<keyof T>) {
    if (!same(mine[key], base[key])) merged[key] = mine[key];
  }
  return merged;
}

/**
 * A save was refused (409) because someone else saved first. Shows what they changed beside what
 * the user typed and lets the user choose; nothing is overwritten without their say.
 */
export function ConflictNotice({
  fields,
  onUseTheirs,
  onKeepMine,
}: {
  fields: ConflictField[];
  /** Reload the form with the current version (the user's changes are dropped). */
  onUseTheirs: () => void;
  /** Keep the user's changes on top of the current version; they save again to apply them. */
  onKeepMine: () => void;
}) {
  return (
    <div className="conflict" role="alert" data-testid="conflict">
      <p className="conflict__title">{t.title}</p>
      <p>{t.intro}</p>
      {fields.length > 0 ? (
        <div className="table-wrap">
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">{t.field}</th>
                <th scope="col">{t.theirs}</th>
                <th scope="col">{t.mine}</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((field) => (
                <tr key={field.label} className={field.isClash ? 'is-clash' : undefined}>
                  <th scope="row">
                    {field.label}
                    {field.isClash ? <span className="conflict__clash">{t.clash}</span> : null}
                  </th>
                  <td className="pre-line">{field.theirs || t.empty}</td>
                  <td className="pre-line">{field.mine || t.empty}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t.noVisibleDifference}</p>
      )}
      <div className="form-actions">
        <button type="button" className="button button--secondary" onClick={onUseTheirs}>
          {t.useTheirs}
        </button>
        <button type="button" className="button" onClick={onKeepMine}>
          {t.keepMine}
        </button>
      </div>
      <p className="field__hint">{t.keepMineHint}</p>
    </div>
  );
}
