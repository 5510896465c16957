import { useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/api-error.ts';
import { vi } from '../../i18n/vi.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { OtherFieldErrors, TextField } from '../../ui/form.tsx';
import { useDocumentTitle } from '../../ui/page.tsx';
import { LoadingState, ErrorState } from '../../ui/status.tsx';
import { navigate } from '../../ui/use-location-search.ts';
import { hrefs } from '../shell/app-routes.ts';
import { useSetup, useSetupStatus } from './auth.queries.ts';
import { checkPasswordPair, passwordHint } from './password-rules.ts';

const t = vi.setup;

/** "Thiết lập lần đầu": creates the first administrator of a fresh installation. */
export function SetupScreen() {
  useDocumentTitle(t.title);
  const status = useSetupStatus();
  const mutation = useSetup();
  const [form, setForm] = useState({
    username: '',
    displayName: '',
    email: '',
    password: '',
    confirmation: '',
  });
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const serverErrors = fieldErrorsOf(mutation.error);
  const errors = { ...serverErrors, ...localErrors };

  if (status.isPending) return <LoadingState label={vi.common.loading} />;
  if (status.isError)
    return (
      <ErrorState
        title={t.statusError}
        error={status.error}
        onRetry={() => void status.refetch()}
      />
    );
  if (!status.data.needsSetup && !mutation.isSuccess) {
    return (
      <div className="auth-page">
        <section className="card auth-card" data-testid="setup-done">
          <h1 className="auth-card__title">{t.title}</h1>
          <p>{t.alreadyDone}</p>
          <p>
            <AppLink href={hrefs.login()} className="button">
              {vi.auth.signIn}
            </AppLink>
          </p>
        </section>
      </div>
    );
  }

  const set = (key: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const check = checkPasswordPair(form.password, form.confirmation, form.username.trim());
    setLocalErrors(check);
    if (Object.keys(check).length > 0) return;
    mutation.mutate(
      {
        username: form.username.trim(),
        displayName: form.displayName,
        ...(form.email.trim() ? { email: form.email.trim() } : {}),
        password: form.password,
      },
      { onSuccess: () => navigate(hrefs.units) },
    );
  };

  return (
    <div className="auth-page">
      <section className="card auth-card auth-card--wide" aria-labelledby="setup-title">
        <h1 id="setup-title" className="auth-card__title">
          {t.title}
        </h1>
        <p className="muted">{t.intro}</p>
        <form className="form" onSubmit={onSubmit} data-testid="setup-form">
          <div className="form-grid">
            <TextField
              label={t.username}
              name="username"
              value={form.username}
              onChange={set('username')}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              hint={vi.users.usernameHint}
              required
              error={errors.username}
            />
            <TextField
              label={t.displayName}
              name="displayName"
              value={form.displayName}
              onChange={set('displayName')}
              autoComplete="name"
              required
              error={errors.displayName}
            />
            <TextField
              label={t.email}
              name="email"
              type="email"
              value={form.email}
              onChange={set('email')}
              autoComplete="email"
              hint={vi.common.optional}
              error={errors.email}
            />
          </div>
          <div className="form-grid">
            <TextField
              label={vi.auth.newPassword}
              name="password"
              type="password"
              value={form.password}
              onChange={set('password')}
              autoComplete="new-password"
              hint={passwordHint}
              required
              error={errors.password}
            />
            <TextField
              label={vi.auth.confirmPassword}
              name="confirmation"
              type="password"
              value={form.confirmation}
              onChange={set('confirmation')}
              autoComplete="new-password"
              required
              error={errors.confirmation}
            />
          </div>
          <OtherFieldErrors
            errors={serverErrors}
            shown={['username', 'displayName', 'email', 'password']}
          />
          <div className="form-actions">
            <button type="submit" className="button" disabled={mutation.isPending}>
              {t.submit}
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}
