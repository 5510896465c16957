import { foldVietnamese, isErasedAccount, SCHOOL_ROLES } from '@caitien/core';
import { useDeferredValue, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { conflictCurrentOf, errorMessageOf, fieldErrorsOf } from '../../api/api-error.ts';
import { formatDateTime, vi } from '../../i18n/vi.ts';
import { Badge } from '../../ui/badge.tsx';
import { ConflictNotice, conflictFields, mergeDrafts } from '../../ui/conflict-notice.tsx';
import { CopyButton } from '../../ui/copy-button.tsx';
import { CheckboxField, OtherFieldErrors, SelectField, TextField } from '../../ui/form.tsx';
import { Modal } from '../../ui/modal.tsx';
import { PageHeader, QueryFailure } from '../../ui/page.tsx';
import { EmptyState, LoadingState } from '../../ui/status.tsx';
import type { Access, Unit } from '../auth/access.ts';
import { useAccess } from '../auth/use-access.ts';
import { usePeople } from '../people/people.queries.ts';
import { useUnit, useUnitRoots } from '../units/units.queries.ts';
import { RoleEditor, roleText } from './role-editor.tsx';
import { PersonalDataDialog } from './personal-data-dialog.tsx';
import {
  useCreateUser,
  useResetUserPassword,
  useUpdateUser,
  useUsers,
  type RoleGrant,
  type UserAccount,
} from './users.queries.ts';

const t = vi.users;

type Panel = { mode: 'create' } | { mode: 'edit'; user: UserAccount } | null;

/** What to hand over once: a new account's temporary password, or a reset. */
type Secret =
  | { kind: 'created'; user: UserAccount; temporaryPassword: string }
  | { kind: 'reset'; user: UserAccount }
  | { kind: 'personal-data'; user: UserAccount };

/**
 * Quản trị → Tài khoản (all accounts, for the administrator) and Trường → Tài khoản (the school's,
 * for its principal): create with roles, edit roles, disable, reset a password.
 */
export function UsersScreen({ schoolId }: { schoolId?: string }) {
  const users = useUsers(schoolId ?? null);
  const { access } = useAccess(schoolId);
  const roots = useUnitRoots();
  const [panel, setPanel] = useState<Panel>(null);
  const [secret, setSecret] = useState<Secret | null>(null);
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const filterId = useId();
  const Heading = schoolId ? 'h2' : 'h1';

  const header = schoolId ? (
    <div className="section-head">
      <div>
        <Heading className="section-head__title">{t.schoolTitle}</Heading>
        <p className="muted">{t.schoolIntro}</p>
      </div>
      {access && users.isSuccess ? (
        <div className="section-head__actions">
          <button type="button" className="button" onClick={() => setPanel({ mode: 'create' })}>
            {t.add}
          </button>
        </div>
      ) : null}
    </div>
  ) : (
    <PageHeader
      title={t.title}
      intro={t.intro}
      actions={
        access && users.isSuccess ? (
          <button type="button" className="button" onClick={() => setPanel({ mode: 'create' })}>
            {t.add}
          </button>
        ) : null
      }
    />
  );

  if (users.isError)
    return (
      <QueryFailure
        title={t.loadError}
        error={users.error}
        onRetry={() => void users.refetch()}
        nested={!!schoolId}
      />
    );
  if (users.isPending || !access || !roots.data) return <LoadingState label={vi.common.loading} />;

  const folded = foldVietnamese(deferred.trim());
  const shown = folded
    ? users.data.filter((user) =>
        foldVietnamese(
          `${user.displayName} ${user.username} ${user.email ?? ''} ${user.roles.map((r) => r.unitName ?? '').join(' ')}`,
        ).includes(folded),
      )
    : users.data;

  return (
    <section className="stack">
      {header}
      {panel?.mode === 'create' ? (
        <UserForm
          access={access}
          roots={roots.data.items}
          defaultSchoolId={schoolId ?? null}
          onCreated={(user, temporaryPassword) => {
            setPanel(null);
            setSecret({ kind: 'created', user, temporaryPassword });
          }}
          onDone={() => setPanel(null)}
        />
      ) : null}
      {users.data.length > 8 ? (
        <div className="toolbar">
          <div className="field toolbar__search">
            <label htmlFor={filterId} className="field__label">
              {t.filter}
            </label>
            <input
              id={filterId}
              className="input"
              type="search"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
            />
          </div>
        </div>
      ) : null}
      {shown.length === 0 ? (
        <EmptyState title={t.empty} />
      ) : (
        <div className="table-wrap">
          <table className="table table--cards" data-testid="users-table">
            <caption className="visually-hidden">{t.tableCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.columns.user}</th>
                <th scope="col">{t.columns.roles}</th>
                <th scope="col">{t.columns.status}</th>
                <th scope="col">{t.columns.lastLogin}</th>
                <th scope="col">
                  <span className="visually-hidden">{t.columns.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((user) =>
                panel?.mode === 'edit' && panel.user.id === user.id ? (
                  <tr key={user.id} className="table__form-row">
                    <td colSpan={5}>
                      <UserForm
                        access={access}
                        roots={roots.data.items}
                        user={user}
                        defaultSchoolId={schoolId ?? null}
                        onDone={() => setPanel(null)}
                      />
                    </td>
                  </tr>
                ) : (
                  <tr key={user.id} data-testid="user-row">
                    <th scope="row" data-label={t.columns.user}>
                      <span className="user-cell__name" data-testid="user-display-name">
                        {user.displayName}
                      </span>
                      <span className="user-cell__login">{user.username}</span>
                      {user.email ? <span className="user-cell__login">{user.email}</span> : null}
                    </th>
                    <td data-label={t.columns.roles}>
                      <ul className="plain-list tight-list">
                        {user.roles.map((role, index) => (
                          <li key={index}>{roleText(role)}</li>
                        ))}
                      </ul>
                    </td>
                    <td data-label={t.columns.status}>
                      <UserStatus user={user} />
                    </td>
                    <td data-label={t.columns.lastLogin}>
                      {user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t.neverSignedIn}
                    </td>
                    <td className="table__actions">
                      {/* An account erased on request stays erased (the server refuses both). */}
                      {isErasedAccount(user) ? null : (
                        <>
                          <button
                            type="button"
                            className="button button--small button--ghost"
                            onClick={() => setPanel({ mode: 'edit', user })}
                            aria-label={t.editOf(user.displayName)}
                          >
                            {vi.common.edit}
                          </button>
                          <button
                            type="button"
                            className="button button--small button--ghost"
                            onClick={() => setSecret({ kind: 'reset', user })}
                            aria-label={t.resetOf(user.displayName)}
                          >
                            {t.reset}
                          </button>
                        </>
                      )}
                      <button
                        type="button"
                        className="button button--small button--ghost"
                        onClick={() => setSecret({ kind: 'personal-data', user })}
                        aria-label={vi.personalData.buttonOf(user.displayName)}
                      >
                        {vi.personalData.button}
                      </button>
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
      {secret?.kind === 'created' ? (
        <TemporaryPasswordDialog
          user={secret.user}
          password={secret.temporaryPassword}
          onClose={() => setSecret(null)}
        />
      ) : secret?.kind === 'reset' ? (
        <ResetPasswordDialog user={secret.user} onClose={() => setSecret(null)} />
      ) : secret?.kind === 'personal-data' ? (
        <PersonalDataDialog user={secret.user} onClose={() => setSecret(null)} />
      ) : null}
    </section>
  );
}

function UserStatus({ user }: { user: UserAccount }) {
  if (isErasedAccount(user)) {
    return (
      <span className="badge-row">
        <Badge tone="neutral">{t.status.erased}</Badge>
      </span>
    );
  }
  const badges = [];
  if (user.isDisabled)
    badges.push(
      <Badge key="disabled" tone="accent">
        {t.status.disabled}
      </Badge>,
    );
  if (user.isLockedOut)
    badges.push(
      <Badge key="locked" tone="warning">
        {t.status.lockedOut}
      </Badge>,
    );
  if (user.mustChangePassword && !user.isDisabled)
    badges.push(
      <Badge key="temp" tone="info">
        {t.status.mustChange}
      </Badge>,
    );
  if (badges.length === 0)
    badges.push(
      <Badge key="ok" tone="success">
        {t.status.active}
      </Badge>,
    );
  return <span className="badge-row">{badges}</span>;
}

interface UserDraft {
  username: string;
  displayName: string;
  email: string;
  personId: string;
  roles: RoleGrant[];
  isDisabled: boolean;
}

function draftOf(user: UserAccount): UserDraft {
  return {
    username: user.username,
    displayName: user.displayName,
    email: user.email ?? '',
    personId: user.personId ?? '',
    roles: user.roles.map((role) => ({ role: role.role, unitId: role.unitId })),
    isDisabled: user.isDisabled,
  };
}

/** Create an account (then its temporary password is shown once), or change one. */
function UserForm({
  access,
  roots,
  user,
  defaultSchoolId,
  onCreated,
  onDone,
}: {
  access: Access;
  /** The user's own units: a school among them is the default unit of a new account. */
  roots: Unit[];
  user?: UserAccount;
  defaultSchoolId: string | null;
  onCreated?: (user: UserAccount, temporaryPassword: string) => void;
  onDone: () => void;
}) {
  const initial = (): UserDraft =>
    user
      ? draftOf(user)
      : {
          username: '',
          displayName: '',
          email: '',
          personId: '',
          roles: [
            {
              role: 'staff',
              unitId:
                defaultSchoolId ??
                roots.find((u) => u.kind === 'school' && access.can('user.manage', u))?.id ??
                null,
            },
          ],
          isDisabled: false,
        };
  const [base, setBase] = useState(initial);
  const [version, setVersion] = useState(user?.version ?? 0);
  const [draft, setDraft] = useState(base);
  const create = useCreateUser();
  const update = useUpdateUser();
  const mutation = user ? update : create;
  const errors = fieldErrorsOf(mutation.error);
  const current = conflictCurrentOf<UserAccount>(update.error);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    formRef.current?.scrollIntoView({ block: 'nearest' });
  }, []);

  // A person can be linked from the directory of the school the account works at.
  const schoolOfRoles = draft.roles.find(
    (role) => role.unitId && SCHOOL_ROLES.includes(role.role),
  )?.unitId;
  const school = useUnit(schoolOfRoles);
  const canReadPeople = !!school.data && access.can('people.read', school.data);
  // Names of the units of the roles, as the server gave them, for the conflict notice.
  const roleUnitNames = new Map(
    [...(user?.roles ?? []), ...(current?.roles ?? [])].flatMap((r) =>
      r.unitId && r.unitName ? [[r.unitId, r.unitName] as const] : [],
    ),
  );
  const people = usePeople(schoolOfRoles ?? '', { enabled: canReadPeople });
  const linkable = people.data?.filter(
    (person) => !person.userId || person.userId === user?.id || person.id === draft.personId,
  );

  const set = <K extends keyof UserDraft>(key: K, value: UserDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const common = {
      displayName: draft.displayName,
      email: draft.email.trim() ? draft.email.trim() : null,
      personId: draft.personId || null,
      roles: draft.roles,
    };
    if (user) {
      update.mutate(
        { userId: user.id, ...common, isDisabled: draft.isDisabled, version },
        { onSuccess: onDone },
      );
    } else {
      create.mutate(
        { username: draft.username.trim(), ...common },
        { onSuccess: (result) => onCreated?.(result.user, result.temporaryPassword) },
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

  const title = user ? t.editOf(user.displayName) : t.add;
  return (
    <form
      ref={formRef}
      className="card panel form"
      onSubmit={onSubmit}
      aria-label={title}
      data-testid="user-form"
    >
      <p className="panel__title">{title}</p>
      {current ? (
        <ConflictNotice
          fields={conflictFields(
            [
              { key: 'displayName', label: t.displayName },
              { key: 'email', label: t.email },
              { key: 'personId', label: t.person, format: (v) => (v ? t.linked : t.notLinked) },
              {
                key: 'roles',
                label: t.roles,
                format: (v) =>
                  (v as RoleGrant[])
                    .map((r) =>
                      roleText({
                        role: r.role,
                        unitName: (r.unitId && roleUnitNames.get(r.unitId)) ?? null,
                      }),
                    )
                    .join('\n'),
              },
              {
                key: 'isDisabled',
                label: t.isDisabled,
                format: (v) => (v ? t.status.disabled : t.status.active),
              },
            ],
            base,
            draftOf(current),
            draft,
          )}
          onUseTheirs={() => resolveConflict(false)}
          onKeepMine={() => resolveConflict(true)}
        />
      ) : null}
      <RoleEditor
        roles={draft.roles}
        onChange={(roles) => set('roles', roles)}
        access={access}
        errors={errors}
      />
      <div className="form-grid">
        {canReadPeople ? (
          <SelectField
            label={t.person}
            name="personId"
            value={draft.personId}
            hint={t.personHint}
            error={errors.personId}
            onChange={(event) => {
              const personId = event.target.value;
              const person = people.data?.find((p) => p.id === personId);
              setDraft((d) => ({
                ...d,
                personId,
                // The account is usually named after the person it belongs to.
                displayName: d.displayName.trim() || !person ? d.displayName : person.fullName,
                email: d.email.trim() || !person ? d.email : person.email,
              }));
            }}
          >
            <option value="">{t.noPerson}</option>
            {(linkable ?? []).map((person) => (
              <option key={person.id} value={person.id}>
                {person.fullName}
                {person.position ? ` — ${person.position}` : ''}
              </option>
            ))}
          </SelectField>
        ) : null}
        <TextField
          label={t.username}
          name="username"
          value={draft.username}
          onChange={(event) => set('username', event.target.value)}
          readOnly={!!user}
          required={!user}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          hint={user ? t.usernameFixed : t.usernameHint}
          error={errors.username}
        />
        <TextField
          label={t.displayName}
          name="displayName"
          value={draft.displayName}
          onChange={(event) => set('displayName', event.target.value)}
          required
          autoComplete="off"
          error={errors.displayName}
        />
        <TextField
          label={t.email}
          name="email"
          type="email"
          value={draft.email}
          onChange={(event) => set('email', event.target.value)}
          autoComplete="off"
          hint={vi.common.optional}
          error={errors.email}
        />
      </div>
      {user ? (
        <CheckboxField
          label={t.isDisabled}
          hint={t.isDisabledHint}
          checked={draft.isDisabled}
          onChange={(event) => set('isDisabled', event.target.checked)}
        />
      ) : (
        <p className="field__hint">{t.temporaryPasswordNote}</p>
      )}
      <OtherFieldErrors
        errors={errors}
        shown={['username', 'displayName', 'email', 'personId', 'roles', 'isDisabled']}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={mutation.isPending || !!current}>
          {user ? vi.common.save : t.create}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {vi.common.cancel}
        </button>
      </div>
    </form>
  );
}

/** The new account's temporary password, shown once, with a copy button. */
function TemporaryPasswordDialog({
  user,
  password,
  onClose,
}: {
  user: UserAccount;
  password: string;
  onClose: () => void;
}) {
  return (
    <Modal
      title={t.createdTitle}
      onClose={onClose}
      dismissible={false}
      testId="temporary-password-dialog"
    >
      <p>{t.createdIntro(user.displayName, user.username)}</p>
      <SecretBox label={t.temporaryPassword} value={password} testId="temporary-password" />
      <p className="notice notice--warning">{t.shownOnce}</p>
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose}>
          {t.handedOver}
        </button>
      </div>
    </Modal>
  );
}

function SecretBox({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="secret">
      <p className="field__label">{label}</p>
      <div className="secret__row">
        <code
          className={`secret__value ${value.length > 40 ? 'secret__value--long' : ''}`}
          data-testid={testId}
        >
          {value}
        </code>
        <CopyButton text={value} />
      </div>
    </div>
  );
}

/** Reset a password: a temporary one (changed at the next sign-in) or a one-time link. */
function ResetPasswordDialog({ user, onClose }: { user: UserAccount; onClose: () => void }) {
  const [method, setMethod] = useState<'temporary_password' | 'link'>('temporary_password');
  const reset = useResetUserPassword();
  const result = reset.data;
  const link = result?.resetPath ? new URL(result.resetPath, window.location.origin).href : null;
  return (
    <Modal
      title={t.resetTitle(user.displayName)}
      onClose={onClose}
      dismissible={!result}
      testId="reset-password-dialog"
    >
      {result ? (
        <>
          {result.temporaryPassword ? (
            <SecretBox
              label={t.temporaryPassword}
              value={result.temporaryPassword}
              testId="temporary-password"
            />
          ) : null}
          {link ? <SecretBox label={t.resetLink} value={link} testId="reset-link" /> : null}
          <p>{t.resetValidUntil(formatDateTime(result.expiresAt))}</p>
          <p className="notice notice--warning">{t.shownOnce}</p>
          <div className="form-actions">
            <button type="button" className="button" onClick={onClose}>
              {t.handedOver}
            </button>
          </div>
        </>
      ) : (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            reset.mutate({ userId: user.id, method });
          }}
        >
          {reset.isError ? (
            <p className="form-alert" role="alert">
              {errorMessageOf(reset.error)}
            </p>
          ) : null}
          <fieldset className="fieldset">
            <legend className="field__label">{t.resetMethod}</legend>
            <label className="radio">
              <input
                type="radio"
                name="method"
                value="temporary_password"
                checked={method === 'temporary_password'}
                onChange={() => setMethod('temporary_password')}
              />
              <span>
                {t.methodTemporary}
                <span className="field__hint checkbox__hint">{t.methodTemporaryHint}</span>
              </span>
            </label>
            <label className="radio">
              <input
                type="radio"
                name="method"
                value="link"
                checked={method === 'link'}
                onChange={() => setMethod('link')}
              />
              <span>
                {t.methodLink}
                <span className="field__hint checkbox__hint">{t.methodLinkHint}</span>
              </span>
            </label>
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="button" disabled={reset.isPending}>
              {t.resetSubmit}
            </button>
            <button type="button" className="button button--secondary" onClick={onClose}>
              {vi.common.cancel}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
