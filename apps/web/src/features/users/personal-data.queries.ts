import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../api/http-client.ts';
import { queryKeys } from '../../api/query-keys.ts';

/**
 * Downloads everything held about an account as a JSON file (NĐ 13/2023 Điều 14; the server audits
 * each export).
 */
export async function downloadPersonalData(userId: string, fileStem: string): Promise<void> {
  const data = await apiRequest('exportUserPersonalData', { params: { userId } });
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = `du-lieu-ca-nhan-${fileStem}.json`;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Erasure on request (Điều 16): the account and its directory entry; sealed documents stay. */
export function useErasePersonalData() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, reason }: { userId: string; reason: string }) =>
      apiRequest('eraseUserPersonalData', { params: { userId }, body: { reason } }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.users.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.schools.all }),
      ]);
    },
    // It runs in a dialog, above the alert region: the dialog shows its own errors.
    meta: { reportsErrorsInline: true },
  });
}
