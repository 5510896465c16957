import { useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/api-error.ts';
import { vi } from '../../i18n/vi.ts';
import { TextField } from '../../ui/form.tsx';
import { PageHeader } from '../../ui/page.tsx';
import { navigate, useLocationSearch } from '../../ui/use-location-search.ts';
import { safeNext } from '../shell/app-routes.ts';
import { landingHref } from './access.ts';
import { useChangePassword } from './auth.queries.ts';
import { checkPasswordPair, passwordHint } from './password-rules.ts';
import type { CurrentUser } from './session.ts';

const t = vi.auth;

/**
 * "Đổi mật khẩu". After a temporary password (a new account, a reset) the server refuses
 * everything else until it is changed, so the app brings the user here first.
 */
export function ChangePasswordScreen({ user }: { user: CurrentUser }) {
  const search = useLocationSearch();
  const next = safeNext(search);
  const mutation = useChangePassword();
  const [form, setForm] = useState({ currentPassword: '', newPassword: '', confirmation: '' });
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const server = fieldErrorsOf(mutation.error);
  const errors = {
    currentPassword: localErrors.currentPassword ?? server.currentPassword,
    // The server names the new password "password" (the rule's own field name).
    newPassword: localErrors.password ?? server.newPassword ?? server.password,
    confirmation: localErrors.confirmation,
  };

  const set = (key: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const check = checkPasswordPair(form.newPassword, form.confirmation, user.username);
    setLocalErrors(check);
    if (Object.keys(check).length > 0) return;
    mutation.mutate(
      { currentPassword: form.currentPassword, newPassword: form.newPassword },
      {
        onSuccess: () => {
          setForm({ currentPassword: '', newPassword: '', confirmation: '' });
          navigate(next ?? landingHref(user), { replace: true });
        },
      },
    );
  };

  return (
    <div className="narrow-page">
      <PageHeader title={t.changePasswordTitle} />
      {user.mustChangePassword ? (
        <div className="notice notice--warning" role="note" data-testid="must-change-password">
          <p>{t.mustChangePassword}</p>
        </div>
      ) : null}
      <form
        className="card form form--padded"
        onSubmit={onSubmit}
        data-testid="change-password-form"
      >
        <input type="hidden" name="username" value={user.username} autoComplete="username" />
        <TextField
          label={user.mustChangePassword ? t.temporaryPassword : t.currentPassword}
          name="currentPassword"
          type="password"
          value={form.currentPassword}
          onChange={set('currentPassword')}
          autoComplete="current-password"
          required
          error={errors.currentPassword}
        />
        <TextField
          label={t.newPassword}
          name="newPassword"
          type="password"
          value={form.newPassword}
          onChange={set('newPassword')}
          autoComplete="new-password"
          hint={passwordHint}
          required
          error={errors.newPassword}
        />
        <TextField
          label={t.confirmPassword}
          name="confirmation"
          type="password"
          value={form.confirmation}
          onChange={set('confirmation')}
          autoComplete="new-password"
          required
          error={errors.confirmation}
        />
        <p className="field__hint">{t.otherSessionsEnd}</p>
        <div className="form-actions">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {t.changePasswordSubmit}
          </button>
        </div>
      </form>
    </div>
  );
}
