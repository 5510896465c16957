import { useState, type FormEvent } from 'react';
import { errorMessageOf, fieldErrorsOf } from '../../api/api-error.ts';
import { vi } from '../../i18n/vi.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { TextField } from '../../ui/form.tsx';
import { useDocumentTitle } from '../../ui/page.tsx';
import { useLocationSearch } from '../../ui/use-location-search.ts';
import { hrefs } from '../shell/app-routes.ts';
import { useResetPasswordWithToken } from './auth.queries.ts';
import { checkPasswordPair, passwordHint } from './password-rules.ts';

const t = vi.auth;

/** "Đặt lại mật khẩu": the page a one-time link (/dat-lai-mat-khau?token=…) opens. */
export function ResetPasswordScreen() {
  useDocumentTitle(t.resetTitle);
  const search = useLocationSearch();
  const token = new URLSearchParams(search).get('token') ?? '';
  const mutation = useResetPasswordWithToken();
  const [form, setForm] = useState({ newPassword: '', confirmation: '' });
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const server = fieldErrorsOf(mutation.error);

  const set = (key: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const check = checkPasswordPair(form.newPassword, form.confirmation);
    setLocalErrors(check);
    if (Object.keys(check).length > 0) return;
    mutation.mutate({ token, newPassword: form.newPassword });
  };

  return (
    <div className="auth-page">
      <section className="card auth-card" aria-labelledby="reset-title">
        <h1 id="reset-title" className="auth-card__title">
          {t.resetTitle}
        </h1>
        {!token ? (
          <p className="form-alert" role="alert">
            {t.resetNoToken}
          </p>
        ) : mutation.isSuccess ? (
          <div data-testid="reset-done">
            <p>{t.resetDone}</p>
            <p>
              <AppLink href={hrefs.login()} className="button">
                {t.signIn}
              </AppLink>
            </p>
          </div>
        ) : (
          <form className="form" onSubmit={onSubmit} data-testid="reset-password-form">
            <p className="muted">{t.resetIntro}</p>
            {mutation.isError ? (
              <p className="form-alert" role="alert">
                {errorMessageOf(mutation.error)}
              </p>
            ) : null}
            <TextField
              label={t.newPassword}
              name="newPassword"
              type="password"
              value={form.newPassword}
              onChange={set('newPassword')}
              autoComplete="new-password"
              hint={passwordHint}
              required
              error={localErrors.password ?? server.newPassword ?? server.password}
            />
            <TextField
              label={t.confirmPassword}
              name="confirmation"
              type="password"
              value={form.confirmation}
              onChange={set('confirmation')}
              autoComplete="new-password"
              required
              error={localErrors.confirmation}
            />
            <div className="form-actions">
              <button type="submit" className="button" disabled={mutation.isPending}>
                {t.resetSubmit}
              </button>
            </div>
          </form>
        )}
      </section>
    </div>
  );
}
