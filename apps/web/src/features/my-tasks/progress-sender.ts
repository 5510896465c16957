import { ApiError, conflictCurrentOf } from '../../api/api-error.ts';
import { apiRequest, type RouteBody, type RouteResponse } from '../../api/http-client.ts';

export type RowProgressDetail = RouteResponse<'getRowProgress'>;
export type ProgressEntry = RowProgressDetail['entries'][number];
export type AddProgressBody = RouteBody<'addRowProgress'>;

/** A file to attach to an update: a photo from the camera or a chosen file (kept as a Blob). */
export interface PendingFile {
  name: string;
  type: string;
  blob: Blob;
}

/** An update on its way to the server: the row, the body (with its clientId) and its files. */
export interface ProgressSubmission {
  clientId: string;
  planId: string;
  rowId: string;
  body: AddProgressBody & { clientId: string };
  files: PendingFile[];
  /** Set once the server accepted the update: the files still to upload go to this entry. */
  entryId: string | null;
}

/** A fresh id for an update (the server keeps it so a resend is harmless). */
export function newClientId(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/**
 * The entry the update made: the one carrying its clientId, else (a server that does not echo it)
 * the newest entry that was not in the log before.
 */
export function entryOf(
  detail: RowProgressDetail,
  clientId: string,
  knownIds: ReadonlySet<string> = new Set(),
): ProgressEntry | null {
  const byClient = detail.entries.find((entry) => entry.clientId === clientId);
  if (byClient) return byClient;
  const fresh = detail.entries.filter((entry) => !knownIds.has(entry.id));
  const pool = fresh.length > 0 ? fresh : detail.entries;
  return (
    [...pool].sort(
      (a, b) => b.recordedAt.localeCompare(a.recordedAt) || b.id.localeCompare(a.id),
    )[0] ?? null
  );
}

/** True when the failure means "no network" (worth queueing and trying again later). */
export function isOffline(error: unknown): boolean {
  if (error instanceof ApiError) return error.status === 0 || error.status >= 500;
  return error instanceof TypeError;
}

/** What became of a submission. */
export type SendOutcome =
  | { kind: 'sent'; detail: RowProgressDetail | null; uploaded: number }
  /** The network went away midway: what is left (the update, or only some files) is to be queued. */
  | { kind: 'offline'; rest: ProgressSubmission; detail: RowProgressDetail | null }
  /** 409: someone changed the row since; the server's current state. */
  | { kind: 'conflict'; current: RowProgressDetail | null; error: ApiError }
  /** The server refused (400/403/404/413/415…): shown, never retried as is. */
  | { kind: 'refused'; error: unknown; rest: ProgressSubmission; detail: RowProgressDetail | null };

/**
 * Sends an update, then uploads its files to the entry it made. Used both by the update sheet
 * (online) and by the offline queue (resend), so both behave alike.
 */
export async function sendSubmission(
  submission: ProgressSubmission,
  onProgress?: (rest: ProgressSubmission) => Promise<void> | void,
  knownEntryIds?: ReadonlySet<string>,
): Promise<SendOutcome> {
  let rest = submission;
  let detail: RowProgressDetail | null = null;
  if (rest.entryId === null) {
    try {
      detail = await apiRequest('addRowProgress', {
        params: { planId: rest.planId, rowId: rest.rowId },
        body: rest.body,
      });
    } catch (error) {
      if (error instanceof ApiError && error.status === 409)
        return { kind: 'conflict', current: conflictCurrentOf<RowProgressDetail>(error), error };
      if (isOffline(error)) return { kind: 'offline', rest, detail: null };
      return { kind: 'refused', error, rest, detail: null };
    }
    const entry = entryOf(detail, rest.clientId, knownEntryIds);
    rest = { ...rest, entryId: entry?.id ?? null };
    if (rest.entryId === null) return { kind: 'sent', detail, uploaded: 0 };
    await onProgress?.(rest);
  }
  let uploaded = 0;
  while (rest.files.length > 0) {
    const [file, ...others] = rest.files;
    if (!file || rest.entryId === null) break;
    try {
      await apiRequest('uploadProgressFile', {
        params: { planId: rest.planId, rowId: rest.rowId, entryId: rest.entryId },
        query: { fileName: file.name || 'anh-chup.jpg' },
        upload: { data: file.blob, contentType: file.type || 'application/octet-stream' },
      });
    } catch (error) {
      if (isOffline(error)) return { kind: 'offline', rest, detail };
      return { kind: 'refused', error, rest, detail };
    }
    uploaded += 1;
    rest = { ...rest, files: others };
    await onProgress?.(rest);
  }
  const final =
    uploaded > 0 || detail === null
      ? await apiRequest('getRowProgress', {
          params: { planId: rest.planId, rowId: rest.rowId },
        }).catch(() => detail)
      : detail;
  return { kind: 'sent', detail: final, uploaded };
}
