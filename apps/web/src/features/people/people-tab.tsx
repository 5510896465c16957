import { COMMON_POSITIONS } from '@caitien/core';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { conflictCurrentOf, fieldErrorsOf } from '../../api/api-error.ts';
import { vi } from '../../i18n/vi.ts';
import { Badge } from '../../ui/badge.tsx';
import { ConflictNotice, conflictFields, mergeDrafts } from '../../ui/conflict-notice.tsx';
import { CheckboxField, OtherFieldErrors, TextAreaField, TextField } from '../../ui/form.tsx';
import { ConfirmDialog } from '../../ui/modal.tsx';
import { QueryFailure } from '../../ui/page.tsx';
import { EmptyState, LoadingState } from '../../ui/status.tsx';
import { useAccess } from '../auth/use-access.ts';
import {
  useCreatePerson,
  useDeletePerson,
  usePeople,
  useUpdatePerson,
  type Person,
} from './people.queries.ts';
import { StaffImport } from './staff-import.tsx';

const t = vi.people;

type Panel = { mode: 'create' } | { mode: 'edit'; person: Person } | { mode: 'import' } | null;

/** Trường → Nhân sự: the staff directory (names, positions, groups, optional contact). */
export function PeopleTab({ schoolId }: { schoolId: string }) {
  const people = usePeople(schoolId);
  const { access } = useAccess(schoolId);
  const canWrite = access?.can('people.write', schoolId) ?? false;
  const [panel, setPanel] = useState<Panel>(null);
  const [deleting, setDeleting] = useState<Person | null>(null);
  const remove = useDeletePerson(schoolId);

  if (people.isPending) return <LoadingState label={vi.common.loading} />;
  if (people.isError)
    return (
      <QueryFailure
        title={t.loadError}
        error={people.error}
        onRetry={() => void people.refetch()}
        nested
      />
    );
  const list = people.data;

  return (
    <section className="stack" aria-labelledby="people-title">
      <div className="section-head">
        <div>
          <h2 id="people-title" className="section-head__title">
            {t.title}
          </h2>
          <p className="muted" data-testid="people-count">
            {t.count(list.length, list.filter((p) => !p.isActive).length)}
          </p>
        </div>
        {canWrite ? (
          <div className="section-head__actions">
            <button type="button" className="button" onClick={() => setPanel({ mode: 'create' })}>
              {t.add}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setPanel({ mode: 'import' })}
            >
              {t.import}
            </button>
          </div>
        ) : null}
      </div>

      {panel?.mode === 'create' ? (
        <PersonForm schoolId={schoolId} onDone={() => setPanel(null)} />
      ) : panel?.mode === 'edit' ? (
        <PersonForm
          key={panel.person.id}
          schoolId={schoolId}
          person={panel.person}
          onDone={() => setPanel(null)}
        />
      ) : panel?.mode === 'import' ? (
        <StaffImport schoolId={schoolId} onDone={() => setPanel(null)} />
      ) : null}

      {list.length === 0 ? (
        <EmptyState title={t.empty}>
          <p>{canWrite ? t.emptyHint : t.emptyReadOnly}</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table table--cards" data-testid="people-table">
            <caption className="visually-hidden">{t.tableCaption}</caption>
            <thead>
              <tr>
                <th scope="col" className="table__num">
                  {t.columns.number}
                </th>
                <th scope="col">{t.columns.fullName}</th>
                <th scope="col">{t.columns.position}</th>
                <th scope="col">{t.columns.groups}</th>
                <th scope="col">{t.columns.contact}</th>
                {canWrite ? (
                  <th scope="col">
                    <span className="visually-hidden">{t.columns.actions}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {list.map((person, index) => (
                <tr
                  key={person.id}
                  data-testid="person-row"
                  className={person.isActive ? undefined : 'is-inactive'}
                >
                  <td className="table__num" data-label={t.columns.number}>
                    {index + 1}
                  </td>
                  <th scope="row" data-label={t.columns.fullName} className="person__name">
                    <span data-testid="person-name">{person.fullName}</span>
                    {person.isActive ? null : <Badge tone="warning">{t.inactive}</Badge>}
                    {person.userId ? <Badge tone="info">{t.hasAccount}</Badge> : null}
                  </th>
                  <td data-label={t.columns.position} data-testid="person-position">
                    {person.position || <span className="muted">—</span>}
                  </td>
                  <td data-label={t.columns.groups}>
                    {person.groups.length === 0 ? (
                      <span className="muted">—</span>
                    ) : (
                      <ul className="plain-list tight-list">
                        {person.groups.map((group) => (
                          <li key={group.groupId}>{group.name}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td data-label={t.columns.contact} className="person__contact">
                    {person.email || person.phone ? (
                      <>
                        {person.phone ? <span>{person.phone}</span> : null}
                        {person.email ? <span>{person.email}</span> : null}
                      </>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  {canWrite ? (
                    <td className="table__actions">
                      <button
                        type="button"
                        className="button button--small button--ghost"
                        onClick={() => setPanel({ mode: 'edit', person })}
                        aria-label={t.editOf(person.fullName)}
                      >
                        {vi.common.edit}
                      </button>
                      <button
                        type="button"
                        className="button button--small button--ghost button--danger-text"
                        onClick={() => setDeleting(person)}
                        aria-label={t.deleteOf(person.fullName)}
                      >
                        {vi.common.delete}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {deleting ? (
        <ConfirmDialog
          title={t.deleteTitle}
          message={
            <p>
              {t.deleteConfirm(deleting.fullName)}
              {deleting.groups.length > 0 ? ` ${t.deleteGroupsNote(deleting.groups.length)}` : ''}
            </p>
          }
          confirmLabel={vi.common.delete}
          isPending={remove.isPending}
          onCancel={() => setDeleting(null)}
          onConfirm={() => remove.mutate(deleting.id, { onSettled: () => setDeleting(null) })}
        />
      ) : null}
    </section>
  );
}

interface PersonDraft {
  fullName: string;
  position: string;
  email: string;
  phone: string;
  note: string;
  isActive: boolean;
}

const emptyDraft: PersonDraft = {
  fullName: '',
  position: '',
  email: '',
  phone: '',
  note: '',
  isActive: true,
};

function draftOf(person: Person): PersonDraft {
  return {
    fullName: person.fullName,
    position: person.position,
    email: person.email,
    phone: person.phone,
    note: person.note,
    isActive: person.isActive,
  };
}

const CONFLICT_LABELS: ReadonlyArray<{
  key: keyof PersonDraft;
  label: string;
  format?: (value: PersonDraft[keyof PersonDraft]) => string;
}> = [
  { key: 'fullName', label: t.fullName },
  { key: 'position', label: t.position },
  { key: 'email', label: t.email },
  { key: 'phone', label: t.phone },
  { key: 'note', label: t.note },
  { key: 'isActive', label: t.isActive, format: (value) => (value ? t.active : t.inactive) },
];

/** Add a person, or change one (with the version it was loaded at). */
function PersonForm({
  schoolId,
  person,
  onDone,
}: {
  schoolId: string;
  person?: Person;
  onDone: () => void;
}) {
  const [base, setBase] = useState(() => (person ? draftOf(person) : emptyDraft));
  const [version, setVersion] = useState(person?.version ?? 0);
  const [draft, setDraft] = useState(base);
  const create = useCreatePerson(schoolId);
  const update = useUpdatePerson(schoolId);
  const mutation = person ? update : create;
  const errors = fieldErrorsOf(mutation.error);
  const current = conflictCurrentOf<Person>(update.error);
  const positionsId = useId();
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    formRef.current?.scrollIntoView({ block: 'nearest' });
  }, []);

  const text = (key: 'fullName' | 'position' | 'email' | 'phone') => ({
    name: key,
    value: draft[key],
    onChange: (event: { target: { value: string } }) =>
      setDraft((d) => ({ ...d, [key]: event.target.value })),
    error: errors[key],
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (person) {
      update.mutate({ personId: person.id, ...draft, version }, { onSuccess: onDone });
    } else {
      // Staff lists are long: the form stays open, empty, for the next person.
      const { fullName, position, email, phone, note } = draft;
      create.mutate(
        { fullName, position, email, phone, note },
        {
          onSuccess: () => {
            setDraft(emptyDraft);
            formRef.current?.querySelector('input')?.focus();
          },
        },
      );
    }
  };

  const resolveConflict = (keepMine: boolean) => {
    if (!current) return;
    const theirs = draftOf(current);
    setDraft(keepMine ? mergeDrafts(base, theirs, draft) : theirs);
    setBase(theirs);
    setVersion(current.version);
    update.reset();
  };

  const title = person ? t.editOf(person.fullName) : t.add;
  return (
    <form
      ref={formRef}
      className="card panel form"
      onSubmit={onSubmit}
      aria-label={title}
      data-testid="person-form"
    >
      <p className="panel__title">{title}</p>
      {current ? (
        <ConflictNotice
          fields={conflictFields(CONFLICT_LABELS, base, draftOf(current), draft)}
          onUseTheirs={() => resolveConflict(false)}
          onKeepMine={() => resolveConflict(true)}
        />
      ) : null}
      <div className="form-grid">
        <TextField label={t.fullName} required autoFocus autoComplete="off" {...text('fullName')} />
        <TextField
          label={t.position}
          list={positionsId}
          hint={t.positionHint}
          autoComplete="off"
          {...text('position')}
        />
        <datalist id={positionsId}>
          {COMMON_POSITIONS.map((position) => (
            <option key={position} value={position} />
          ))}
        </datalist>
        <TextField label={t.phone} type="tel" autoComplete="off" {...text('phone')} />
        <TextField label={t.email} type="email" autoComplete="off" {...text('email')} />
      </div>
      <TextAreaField
        label={t.note}
        name="note"
        value={draft.note}
        onChange={(event) => setDraft((d) => ({ ...d, note: event.target.value }))}
        error={errors.note}
      />
      {person ? (
        <CheckboxField
          label={t.isActive}
          hint={t.isActiveHint}
          checked={draft.isActive}
          onChange={(event) => setDraft((d) => ({ ...d, isActive: event.target.checked }))}
        />
      ) : null}
      <p className="field__hint">{t.privacyHint}</p>
      <OtherFieldErrors
        errors={errors}
        shown={['fullName', 'position', 'email', 'phone', 'note', 'isActive']}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={mutation.isPending || !!current}>
          {person ? vi.common.save : t.addSubmit}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {person ? vi.common.cancel : vi.common.close}
        </button>
      </div>
    </form>
  );
}
