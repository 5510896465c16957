import { createStore, del, set, values, type UseStore } from 'idb-keyval';
import { useSyncExternalStore } from 'react';
import { errorMessageOf } from '../../api/api-error.ts';
import {
  newClientId,
  sendSubmission,
  type ProgressSubmission,
  type RowProgressDetail,
} from './progress-sender.ts';

/**
 * Progress updates made without a network wait on the phone (IndexedDB, photos as Blobs) and are
 * sent when it is back online: on the `online` event, when the app starts, and on "Gửi ngay".
 * Each carries a clientId, so a resend the server already took writes nothing twice. A 409 keeps
 * the update with the server's current state until the user re-applies or drops it.
 */
export interface QueuedUpdate extends ProgressSubmission {
  /** Whose update it is: only the signed-in user's are sent. */
  userId: string;
  /** "Dòng 1.2 — Tổ chức chuyên đề…" for the list of waiting updates. */
  rowLabel: string;
  queuedAt: string;
  state: 'pending' | 'conflict' | 'failed';
  conflict: RowProgressDetail | null;
  error: string | null;
}

let store: UseStore | null = null;
function queueStore(): UseStore {
  store ??= createStore('caitien-offline', 'progress-updates');
  return store;
}

let snapshot: QueuedUpdate[] = [];
let sending = false;
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

async function reload(): Promise<QueuedUpdate[]> {
  const items = await values<QueuedUpdate>(queueStore());
  snapshot = items.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  emit();
  return snapshot;
}

async function save(item: QueuedUpdate): Promise<void> {
  await set(item.clientId, item, queueStore());
  await reload();
}

async function remove(clientId: string): Promise<void> {
  await del(clientId, queueStore());
  await reload();
}

/** Puts an update (or what is left of it: files of an accepted update) in the queue. */
export async function enqueueUpdate(
  item: Omit<QueuedUpdate, 'queuedAt' | 'state' | 'conflict' | 'error'>,
): Promise<void> {
  await save({
    ...item,
    queuedAt: new Date().toISOString(),
    state: 'pending',
    conflict: null,
    error: null,
  });
}

/** Reads the queue from IndexedDB (at start). */
export function loadQueue(): Promise<QueuedUpdate[]> {
  return reload().catch(() => snapshot);
}

export interface FlushResult {
  sent: number;
  /** Rows whose progress changed on the server (to refresh). */
  rows: Array<{ planId: string; rowId: string }>;
}

/**
 * Sends the user's waiting updates in the order they were made. Stops at the first network
 * failure (still offline); a conflict or a refusal is kept for the user to decide.
 */
export async function flushQueue(userId: string): Promise<FlushResult> {
  const result: FlushResult = { sent: 0, rows: [] };
  if (sending) return result;
  sending = true;
  emit();
  try {
    const items = await reload();
    for (const item of items) {
      if (item.userId !== userId || item.state !== 'pending') continue;
      const outcome = await sendSubmission(item, (rest) => save({ ...item, ...rest }));
      if (outcome.kind === 'offline') break;
      if (outcome.kind === 'sent') {
        await remove(item.clientId);
        result.sent += 1;
        result.rows.push({ planId: item.planId, rowId: item.rowId });
      } else if (outcome.kind === 'conflict') {
        await save({
          ...item,
          state: 'conflict',
          conflict: outcome.current,
          error: errorMessageOf(outcome.error),
        });
      } else {
        await save({
          ...item,
          ...outcome.rest,
          state: 'failed',
          error: errorMessageOf(outcome.error),
        });
      }
    }
  } catch {
    // IndexedDB unavailable (private mode): nothing can be waiting.
  } finally {
    sending = false;
    emit();
  }
  return result;
}

/**
 * After a conflict: send the same change again on top of the server's current state (its
 * version), under a new clientId; it goes with the next flush.
 */
export async function reapplyQueued(clientId: string): Promise<void> {
  const item = snapshot.find((candidate) => candidate.clientId === clientId);
  if (!item) return;
  const fresh = newClientId();
  await remove(clientId);
  await save({
    ...item,
    clientId: fresh,
    body: {
      ...item.body,
      clientId: fresh,
      version: item.conflict?.row.version ?? item.body.version,
    },
    state: 'pending',
    conflict: null,
    error: null,
  });
}

/** Drops a waiting update (the user keeps the server's state). */
export function dropQueued(clientId: string): Promise<void> {
  return remove(clientId);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The waiting updates of a user, re-rendering when the queue changes. */
export function useQueuedUpdates(userId: string | null): QueuedUpdate[] {
  const all = useSyncExternalStore(subscribe, () => snapshot);
  return userId ? all.filter((item) => item.userId === userId) : [];
}

/** True while the queue is being sent. */
export function useQueueSending(): boolean {
  return useSyncExternalStore(subscribe, () => sending);
}

function subscribeOnline(listener: () => void): () => void {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

/** Whether the browser says it is online, re-rendering when that changes. */
export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
}
