import { MutationCache } from '@tanstack/react-query';
import { vi } from '../i18n/vi.ts';
import { notifySuccess, pushNotice } from '../ui/notices.ts';
import { ApiError, errorMessageOf } from './api-error.ts';

/** What a mutation hook tells the one reporting place (the query client's mutation cache). */
export interface MutationReportMeta extends Record<string, unknown> {
  /** Shown in the alert region after success ("Đã lưu hồ sơ trường."). */
  successMessage?: string;
  /**
   * The form shows its errors itself (the sign-in forms and dialogs, which sit above the alert
   * region); nothing is reported here.
   */
  reportsErrorsInline?: boolean;
}

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: MutationReportMeta;
  }
}

/** The lines under an error: the request id to quote when the fault is the server's. */
function detailLines(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  return error.status >= 500 && error.requestId ? [vi.errors.requestId(error.requestId)] : [];
}

/** Reports an error of any action in the alert region, with the API's Vietnamese message. */
export function reportError(error: unknown): void {
  // A request the user abandoned (left the screen) is not an error worth telling.
  if (error instanceof DOMException && error.name === 'AbortError') return;
  pushNotice({ tone: 'error', message: errorMessageOf(error), details: detailLines(error) });
}

/**
 * Every mutation's outcome goes through here (CONVENTIONS.md §5: one mutation hook per use case,
 * errors reported in one place). Forms add the field messages of a 400 beside their fields and
 * the conflict of a 409 beside the form; the message itself is always announced here.
 */
export function createMutationCache(): MutationCache {
  return new MutationCache({
    onError: (error, _variables, _context, mutation) => {
      if (mutation.meta?.reportsErrorsInline) return;
      reportError(error);
    },
    onSuccess: (_data, _variables, _context, mutation) => {
      const message = mutation.meta?.successMessage;
      if (message) notifySuccess(message);
    },
  });
}
