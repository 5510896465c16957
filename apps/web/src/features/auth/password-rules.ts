import { checkNewPassword, PASSWORD_MIN_LENGTH } from '@caitien/core';
import { vi } from '../../i18n/vi.ts';

/** The rule, as the forms state it beside the field. */
export const passwordHint = vi.auth.passwordHint(PASSWORD_MIN_LENGTH);

/**
 * The form's own check of a new password and its confirmation, with the same rule the server
 * applies (packages/core); the server still has the last word.
 */
export function checkPasswordPair(
  password: string,
  confirmation: string,
  username?: string,
): { password?: string; confirmation?: string } {
  const problems = checkNewPassword(password, username ? { username } : {});
  const errors: { password?: string; confirmation?: string } = {};
  if (problems.length > 0) errors.password = problems.join(' ');
  if (confirmation !== password) errors.confirmation = vi.auth.confirmationMismatch;
  return errors;
}
