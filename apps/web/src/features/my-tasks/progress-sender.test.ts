import { afterEach, describe, expect, test, vi as vitest } from 'vitest';
import {
  entryOf,
  sendSubmission,
  type ProgressEntry,
  type ProgressSubmission,
  type RowProgressDetail,
} from './progress-sender.ts';

afterEach(() => {
  vitest.unstubAllGlobals();
});

function entry(id: string, recordedAt: string, clientId?: string | null): ProgressEntry {
  return {
    id,
    trackId: 't1',
    planId: 'p1',
    entryDate: recordedAt.slice(0, 10),
    recordedAt,
    authorUserId: 'u1',
    authorName: 'Nguyễn Thị Lan',
    status: null,
    percent: null,
    result: null,
    note: '',
    spent: null,
    files: [],
    ...(clientId === undefined ? {} : { clientId }),
  };
}

function detail(entries: ProgressEntry[], version = 1): RowProgressDetail {
  return {
    today: '2026-01-20',
    row: { version } as RowProgressDetail['row'],
    entries,
    earlierYears: [],
  };
}

const submission = (files = 1): ProgressSubmission => ({
  clientId: 'client-0001',
  planId: 'p1',
  rowId: 'r1',
  body: {
    version: 0,
    entryDate: '2026-01-20',
    note: 'Ảnh buổi chuyên đề',
    clientId: 'client-0001',
  },
  files: Array.from({ length: files }, (_, i) => ({
    name: `anh-${i + 1}.jpg`,
    type: 'image/jpeg',
    blob: new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }),
  })),
  entryId: null,
});

type Reply = { status: number; body: unknown } | 'offline';

/** A fetch answering each call in turn; records the URLs it was asked for. */
function stubFetch(replies: Reply[]) {
  const urls: string[] = [];
  const fetch = vitest.fn(async (url: string, init?: RequestInit) => {
    urls.push(`${init?.method ?? 'GET'} ${url}`);
    const reply = replies.shift();
    if (!reply || reply === 'offline') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'content-type': 'application/json' },
    });
  });
  vitest.stubGlobal('fetch', fetch);
  return urls;
}

describe('sending a progress update', () => {
  test('the entry an update made: by its clientId, else the newest new one', () => {
    const log = detail([
      entry('e1', '2026-01-10T03:00:00Z'),
      entry('e2', '2026-01-20T03:00:00Z', 'client-0001'),
      entry('e3', '2026-01-20T04:00:00Z', null),
    ]);
    expect(entryOf(log, 'client-0001')?.id).toBe('e2');
    expect(entryOf(log, 'other', new Set(['e1', 'e2']))?.id).toBe('e3');
    expect(entryOf(detail([]), 'x')).toBeNull();
  });

  test('posts the update, then uploads each file to its entry', async () => {
    const urls = stubFetch([
      { status: 200, body: detail([entry('e9', '2026-01-20T03:00:00Z', 'client-0001')]) },
      { status: 200, body: entry('e9', '2026-01-20T03:00:00Z') },
      { status: 200, body: detail([entry('e9', '2026-01-20T03:00:00Z', 'client-0001')], 2) },
    ]);
    const outcome = await sendSubmission(submission());
    expect(outcome.kind).toBe('sent');
    expect(urls).toEqual([
      'POST /api/plans/p1/rows/r1/progress',
      'POST /api/plans/p1/rows/r1/progress/e9/files?fileName=anh-1.jpg',
      'GET /api/plans/p1/rows/r1/progress',
    ]);
  });

  test('no network: the whole update is handed back to be queued', async () => {
    stubFetch(['offline']);
    const outcome = await sendSubmission(submission());
    expect(outcome).toMatchObject({ kind: 'offline', rest: { entryId: null } });
  });

  test('the network goes after the update: only the files wait, for the entry it made', async () => {
    stubFetch([
      { status: 200, body: detail([entry('e9', '2026-01-20T03:00:00Z', 'client-0001')]) },
      'offline',
    ]);
    const saved: ProgressSubmission[] = [];
    const outcome = await sendSubmission(submission(2), (rest) => {
      saved.push(rest);
    });
    expect(outcome.kind).toBe('offline');
    if (outcome.kind !== 'offline') return;
    expect(outcome.rest.entryId).toBe('e9');
    expect(outcome.rest.files.map((f) => f.name)).toEqual(['anh-1.jpg', 'anh-2.jpg']);
    expect(saved.at(-1)?.entryId).toBe('e9');
  });

  test('a 409 carries the current state of the row', async () => {
    const current = detail([entry('e5', '2026-01-19T03:00:00Z')], 3);
    stubFetch([
      {
        status: 409,
        body: {
          error: { code: 'CONFLICT', message: 'Dòng đã được cập nhật.', details: { current } },
          requestId: 'r',
        },
      },
    ]);
    const outcome = await sendSubmission(submission(0));
    expect(outcome.kind).toBe('conflict');
    if (outcome.kind === 'conflict') expect(outcome.current?.row.version).toBe(3);
  });

  test('a refusal (400) is not retried', async () => {
    stubFetch([
      {
        status: 400,
        body: {
          error: { code: 'VALIDATION_ERROR', message: 'Ngày cập nhật không được sau hôm nay.' },
          requestId: 'r',
        },
      },
    ]);
    const outcome = await sendSubmission(submission(0));
    expect(outcome.kind).toBe('refused');
  });
});
