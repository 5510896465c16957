import { useState, type FormEvent, type ReactNode } from 'react';
import { errorMessageOf, fieldErrorsOf } from '../../api/api-error.ts';
import { vi } from '../../i18n/vi.ts';
import { TextField } from '../../ui/form.tsx';
import { useLogin } from './auth.queries.ts';
import type { SessionData } from './session.ts';

const t = vi.auth;

/** Username (or e-mail) and password; used by the sign-in page and the dialog over a screen. */
export function SignInForm({
  initialLogin = '',
  lockLogin = false,
  onSignedIn,
  extraActions,
}: {
  initialLogin?: string;
  /** The dialog signs the same user in again; their name is shown, not edited. */
  lockLogin?: boolean;
  onSignedIn: (session: SessionData) => void;
  extraActions?: ReactNode;
}) {
  const [login, setLogin] = useState(initialLogin);
  const [password, setPassword] = useState('');
  const mutation = useLogin();
  const errors = fieldErrorsOf(mutation.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate(
      { login: login.trim(), password },
      {
        onSuccess: (session) => {
          setPassword('');
          onSignedIn(session);
        },
      },
    );
  };

  return (
    <form className="form" onSubmit={onSubmit} noValidate={false} data-testid="sign-in-form">
      {mutation.isError ? (
        <p className="form-alert" role="alert" data-testid="sign-in-error">
          {errorMessageOf(mutation.error)}
        </p>
      ) : null}
      <TextField
        label={t.login}
        name="login"
        value={login}
        onChange={(event) => setLogin(event.target.value)}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        readOnly={lockLogin}
        error={errors.login}
        autoFocus={!lockLogin}
      />
      <TextField
        label={t.password}
        name="password"
        type="password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        autoComplete="current-password"
        required
        error={errors.password}
        autoFocus={lockLogin}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {mutation.isPending ? t.signingIn : t.signIn}
        </button>
        {extraActions}
      </div>
    </form>
  );
}
