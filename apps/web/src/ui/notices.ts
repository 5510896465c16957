import { useSyncExternalStore } from 'react';

/**
 * The one place where the outcome of an action is announced: errors of every mutation (with the
 * API's own Vietnamese message) and short confirmations ("Đã lưu…"). Rendered by {@link
 * AlertRegion}; anything may push to it, React or not (the query client's mutation cache does).
 */
export interface Notice {
  id: number;
  tone: 'error' | 'success';
  message: string;
  /** Extra lines: the fields the server named, the request id to quote. */
  details: string[];
}

let notices: Notice[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const timers = new Map<number, ReturnType<typeof setTimeout>>();

/** Errors stay until dismissed (nobody should miss one); confirmations leave after a while. */
const SUCCESS_MS = 6000;
const MAX_SHOWN = 4;

function emit() {
  for (const listener of listeners) listener();
}

/** Shows a notice; returns its id. An identical message already shown is replaced, not repeated. */
export function pushNotice(
  notice: Omit<Notice, 'id' | 'details'> & { details?: string[] },
): number {
  const id = nextId++;
  const kept = notices.filter((n) => n.message !== notice.message || n.tone !== notice.tone);
  notices = [...kept, { id, details: [], ...notice }].slice(-MAX_SHOWN);
  if (notice.tone === 'success') {
    timers.set(
      id,
      setTimeout(() => dismissNotice(id), SUCCESS_MS),
    );
  }
  emit();
  return id;
}

export function dismissNotice(id: number): void {
  const timer = timers.get(id);
  if (timer) clearTimeout(timer);
  timers.delete(id);
  notices = notices.filter((n) => n.id !== id);
  emit();
}

/** Clears every notice (after sign-out). */
export function clearNotices(): void {
  for (const timer of timers.values()) clearTimeout(timer);
  timers.clear();
  notices = [];
  emit();
}

/** A short confirmation of what just happened. */
export function notifySuccess(message: string): void {
  pushNotice({ tone: 'success', message });
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const getNotices = () => notices;

export function useNotices(): Notice[] {
  return useSyncExternalStore(subscribe, getNotices, getNotices);
}
