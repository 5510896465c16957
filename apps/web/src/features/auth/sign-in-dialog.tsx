import { useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../api/query-keys.ts';
import { vi } from '../../i18n/vi.ts';
import { Modal } from '../../ui/modal.tsx';
import { settleSignIn, useSignInPrompt, type SessionData } from './session.ts';
import { SignInForm } from './sign-in-form.tsx';

const t = vi.auth;

/**
 * Opens over the current screen when a request meets a 401 (the session expired): the screen and
 * what was typed in it stay; after signing in the request is sent again.
 */
export function SignInDialog() {
  const isOpen = useSignInPrompt();
  const queryClient = useQueryClient();
  if (!isOpen) return null;
  const previous = queryClient.getQueryData<SessionData | null>(queryKeys.auth.me());
  return (
    <Modal
      title={t.dialogTitle}
      description={<p>{t.dialogIntro}</p>}
      onClose={() => settleSignIn(false)}
      size="small"
      testId="sign-in-dialog"
    >
      <SignInForm
        initialLogin={previous?.user.username ?? ''}
        lockLogin={!!previous}
        onSignedIn={() => settleSignIn(true)}
        extraActions={
          <button
            type="button"
            className="button button--secondary"
            onClick={() => settleSignIn(false)}
          >
            {vi.common.cancel}
          </button>
        }
      />
    </Modal>
  );
}
