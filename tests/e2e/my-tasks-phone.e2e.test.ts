import { crc32, deflateSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { signedInAtSchool } from './pages/auth.page.ts';
import { MyTasksPage } from './pages/my-tasks.page.ts';
import { apiSessionAs, seedPlan, type ApiSession } from './support/api.ts';
import type { AppUnderTest } from './support/app-server.ts';
import { browserSkipReason } from './support/browser.ts';
import { sequentialJourney, startSchoolJourney, stopSchoolJourney } from './support/journey.ts';

// Issue 13, on a small phone (375 px): a teacher opens Việc của tôi, updates the row she leads
// with a photo as evidence and sees it in the row's log; then, without a network, an update
// waits on the phone and is sent once when the network is back; a clash with the principal's
// update made meanwhile is shown and settled.
const PRINCIPAL = { username: 'hieutruong.binhminh', password: 'Binh-Minh-2026-Hieu-Truong' };
const TEACHER = { username: 'giaovien.lan', password: 'Giao-Vien-Lan-2026-Dien-Thoai' };
const SEED = {
  admin: { username: 'quantri', displayName: 'Quản trị hệ thống', password: 'Sao-Mai-Xanh-2025' },
  province: 'Sở Giáo dục và Đào tạo tỉnh Vĩnh Long',
  commune: 'UBND xã Bình Minh',
  school: 'Trường Tiểu học Bình Minh',
  levels: ['tieu_hoc'],
  placeName: 'Bình Minh',
  documentSymbol: 'THBM',
  people: [
    { fullName: 'Trần Văn Phúc', position: 'Hiệu trưởng' },
    { fullName: 'Nguyễn Thị Lan', position: 'Giáo viên' },
  ],
  accounts: [
    { ...PRINCIPAL, person: 'Trần Văn Phúc', role: 'principal' },
    { ...TEACHER, person: 'Nguyễn Thị Lan', role: 'staff' },
  ],
};

/** The school day the journey happens on (the server's clock starts there and runs on). */
const START_AT = '2026-01-20T09:00:00+07:00';

const ROWS = {
  overdue: 'Tổ chức chuyên đề đổi mới sinh hoạt tổ chuyên môn',
  thisMonth: 'Kiểm tra hồ sơ chuyên môn học kỳ I',
  upcoming: 'Bồi dưỡng giáo viên về đánh giá học sinh',
  other: 'Cải tạo thư viện xanh',
};

/** A small PNG "photo" (a coloured picture), made here: no file on disk, no network. */
function makePng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // truecolour
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const sky = y < height / 2;
      row.writeUInt8(sky ? 120 : 40 + ((x * 3) % 80), 1 + x * 3);
      row.writeUInt8(sky ? 170 : 130, 2 + x * 3);
      row.writeUInt8(sky ? 230 : 60, 3 + x * 3);
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const PHOTO = { name: 'IMG_20260120_0915.png', mimeType: 'image/png', buffer: makePng(96, 72) };

interface RowDetail {
  row: { status: string; percent: number; version: number };
  entries: Array<{
    id: string;
    note: string;
    files: Array<{ fileName: string; evidenceCode: string | null }>;
  }>;
}

const title = browserSkipReason
  ? `Việc của tôi trên điện thoại (bỏ qua: ${browserSkipReason})`
  : 'Việc của tôi trên điện thoại';

describe.skipIf(browserSkipReason !== null)(title, () => {
  let app: AppUnderTest;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let tasks: MyTasksPage;
  let principalApi: ApiSession;
  let planId = '';
  const rowIds: Record<keyof typeof ROWS, string> = {
    overdue: '',
    thisMonth: '',
    upcoming: '',
    other: '',
  };
  const step = sequentialJourney();

  const rowDetail = (rowId: string) =>
    principalApi.request<RowDetail>('GET', `/api/plans/${planId}/rows/${rowId}/progress`);

  beforeAll(async () => {
    let schoolId: string;
    ({ app, browser, schoolId } = await startSchoolJourney(SEED, { startAt: START_AT }));
    principalApi = await apiSessionAs(app.baseUrl, PRINCIPAL);
    ({ planId } = await seedPlan(principalApi, schoolId, {
      schoolYear: '2025-2026',
      approve: true,
      rows: [
        {
          group: 'levels_1_3',
          criterionCode: '1.1',
          cells: {
            content: ROWS.overdue,
            time: 'Tháng 9/2025 - tháng 12/2025',
            lead: 'Nguyễn Thị Lan',
          },
        },
        {
          group: 'levels_1_3',
          criterionCode: '2.1',
          cells: { content: ROWS.thisMonth, time: 'Tháng 01/2026', lead: 'Nguyễn Thị Lan' },
        },
        {
          group: 'levels_1_3',
          criterionCode: '2.2',
          cells: {
            content: ROWS.upcoming,
            time: 'Từ tháng 3/2026 đến tháng 5/2026',
            lead: 'Chủ trì: Trần Văn Phúc; Phối hợp: Nguyễn Thị Lan',
          },
        },
        {
          group: 'levels_1_3',
          criterionCode: '3.1',
          cells: { content: ROWS.other, time: 'Tháng 4/2026', lead: 'Trần Văn Phúc' },
        },
      ],
    }));
    // The year's self-assessment is open: a photo of a row with a criterion becomes its minh chứng.
    await principalApi.request('POST', `/api/schools/${schoolId}/assessments`, {
      schoolYear: '2025-2026',
    });
    const progress = await principalApi.request<{
      rows: Array<{ rowId: string; content: string }>;
    }>('GET', `/api/plans/${planId}/progress`);
    for (const [key, content] of Object.entries(ROWS) as Array<[keyof typeof ROWS, string]>) {
      rowIds[key] = progress.rows.find((row) => row.content === content)?.rowId ?? '';
    }
    ({ context, page } = await signedInAtSchool(browser, app.baseUrl, TEACHER, 'phoneNarrow'));
    tasks = new MyTasksPage(page, app.baseUrl);
  });

  afterAll(async () => {
    await context?.close();
    await stopSchoolJourney({ app, browser });
  });

  step('opens Việc của tôi: her rows by due, not the principal’s own row', async () => {
    await tasks.openFromNav();
    await tasks.task(ROWS.overdue).waitFor();
    expect(await tasks.groupTitles()).toEqual(['Quá hạn', 'Đến hạn tháng này', 'Sắp tới']);
    expect(await tasks.group('overdue').innerText()).toContain(ROWS.overdue);
    expect(await tasks.group('dueThisMonth').innerText()).toContain(ROWS.thisMonth);
    const upcoming = await tasks.group('upcoming').innerText();
    expect(upcoming).toContain(ROWS.upcoming);
    expect(upcoming).toContain('Phối hợp');
    expect(await tasks.task(ROWS.other).count()).toBe(0);
    expect(await tasks.pageWidth()).toBeLessThanOrEqual(375);
    await tasks.screenshot('my-tasks-phone-01-list');
  });

  step('updates the overdue row with a photo as evidence and sees it in the log', async () => {
    await tasks.openTask(ROWS.overdue);
    expect(await tasks.photoInput.getAttribute('accept')).toContain('image/*');
    expect(await tasks.photoInput.getAttribute('capture')).toBe('environment');
    await tasks.chooseStatus('Đang thực hiện');
    await tasks.choosePercent(75);
    await tasks.fillResult('Đã tổ chức 2 chuyên đề ở khối 1 và khối 2.');
    await tasks.fillNote('Chuyên đề khối 3 dời sang tháng 2.');
    await tasks.fillSpending('1.500.000', 'Ngân sách nhà nước');
    await tasks.takePhoto(PHOTO);
    await tasks.screenshot('my-tasks-phone-02-sheet', { fullPage: false });
    await tasks.save();
    await tasks.savedMessage.waitFor();
    expect(await tasks.savedMessage.innerText()).toContain('1 tệp');
    await expect.poll(() => tasks.logEntries.count()).toBe(1);
    const entry = tasks.logEntries.first();
    await entry.getByRole('link', { name: PHOTO.name }).waitFor();
    expect(await entry.innerText()).toMatch(/Minh chứng \S+/);
    expect(await entry.innerText()).toContain('Đã tổ chức 2 chuyên đề');
    expect(await entry.innerText()).toContain('1.500.000');
    await entry.scrollIntoViewIfNeeded();
    await tasks.screenshot('my-tasks-phone-03-log', { fullPage: false });

    const detail = await rowDetail(rowIds.overdue);
    expect(detail.row).toMatchObject({ status: 'in_progress', percent: 75 });
    expect(detail.entries).toHaveLength(1);
    expect(detail.entries[0]?.files.map((file) => file.fileName)).toEqual([PHOTO.name]);
    expect(detail.entries[0]?.files[0]?.evidenceCode).toBeTruthy();
    await tasks.closeSheet();
  });

  step('offline: the update waits on the phone and is sent once when back online', async () => {
    await context.setOffline(true);
    await tasks.openTask(ROWS.thisMonth);
    await tasks.chooseStatus('Hoàn thành');
    await tasks.fillNote('Đã kiểm tra xong hồ sơ của 12 giáo viên.');
    await tasks.save();
    await tasks.sheet.waitFor({ state: 'detached' });
    await tasks.pendingBadge.waitFor();
    expect(await tasks.pendingBadge.innerText()).toContain('1 cập nhật đang chờ gửi');
    expect(await tasks.headerPendingBadge.innerText()).toContain('1 chờ gửi');
    expect(await tasks.pageWidth()).toBeLessThanOrEqual(375);
    await page.evaluate('window.scrollTo(0, 0)');
    await tasks.screenshot('my-tasks-phone-04-offline-queued', { fullPage: false });
    expect((await rowDetail(rowIds.thisMonth)).entries).toHaveLength(0);

    await context.setOffline(false);
    await tasks.pendingBadge.waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(async () => (await rowDetail(rowIds.thisMonth)).entries.length).toBe(1);
    // Reloading sends the queue again on start: nothing is left to send, nothing is doubled.
    await page.reload();
    await tasks.page.getByTestId('my-tasks').waitFor();
    await page.waitForTimeout(500);
    const detail = await rowDetail(rowIds.thisMonth);
    expect(detail.entries).toHaveLength(1);
    expect(detail.row).toMatchObject({ status: 'done', percent: 100 });
    await tasks.show('Tất cả');
    await tasks.task(ROWS.thisMonth).waitFor();
    await tasks.screenshot('my-tasks-phone-05-sent');
  });

  step('a clash with an update made meanwhile is shown with the current state', async () => {
    await tasks.show('Đang làm');
    await tasks.task(ROWS.upcoming).waitFor();
    await context.setOffline(true);
    await tasks.openTask(ROWS.upcoming);
    await tasks.chooseStatus('Đang thực hiện');
    await tasks.choosePercent(25);
    await tasks.save();
    await tasks.sheet.waitFor({ state: 'detached' });
    // Meanwhile the principal marks the row delayed.
    await principalApi.request('POST', `/api/plans/${planId}/rows/${rowIds.upcoming}/progress`, {
      version: 0,
      entryDate: '2026-01-20',
      status: 'delayed',
      note: 'Chờ kinh phí.',
    });
    await context.setOffline(false);
    const badge = tasks.pendingBadge;
    await expect.poll(() => badge.getAttribute('class')).toContain('pending-badge--alert');
    await badge.click();
    const dialog = page.getByTestId('pending-updates-dialog');
    const conflict = dialog.getByTestId('pending-conflict');
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain('Chậm tiến độ');
    await tasks.screenshot('my-tasks-phone-06-conflict', { fullPage: false });
    await conflict.getByRole('button', { name: 'Vẫn gửi cập nhật của tôi' }).click();
    await expect
      .poll(async () => (await rowDetail(rowIds.upcoming)).row.status)
      .toBe('in_progress');
    expect((await rowDetail(rowIds.upcoming)).entries).toHaveLength(2);
    // Nothing is left to send: the list closes and the badge goes.
    await dialog.waitFor({ state: 'detached' });
    expect(await tasks.pendingBadge.count()).toBe(0);
  });

  step('installable: opens without a network from what the phone kept', async () => {
    const manifest = (await (await fetch(`${app.baseUrl}/manifest.webmanifest`)).json()) as {
      short_name: string;
      lang: string;
      icons: unknown[];
    };
    expect(manifest).toMatchObject({ short_name: 'CaiTien', lang: 'vi' });
    expect(manifest.icons.length).toBeGreaterThanOrEqual(2);
    await tasks.open();
    await tasks.task(ROWS.overdue).waitFor();
    await expect
      .poll(() =>
        page.evaluate('Boolean(navigator.serviceWorker && navigator.serviceWorker.controller)'),
      )
      .toBe(true);
    // Once more online, so the service worker keeps the latest answers.
    await page.reload();
    await tasks.task(ROWS.overdue).waitFor();
    await context.setOffline(true);
    await page.reload();
    await tasks.task(ROWS.overdue).waitFor();
    await page.getByTestId('offline-note').waitFor();
    await tasks.screenshot('my-tasks-phone-07-offline-start', { fullPage: false });
    await context.setOffline(false);
  });

  step('the bell and the notification settings', async () => {
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification-panel').waitFor();
    await tasks.screenshot('my-tasks-phone-08-bell', { fullPage: false });
    await page
      .getByTestId('notification-panel')
      .getByRole('link', { name: 'Cài đặt thông báo' })
      .click();
    await tasks.waitForPath(/^\/thong-bao/);
    await page.getByTestId('notification-settings').getByRole('table').waitFor();
    expect(await page.getByTestId('email-availability').innerText()).toContain('SMTP');
    expect(await tasks.pageWidth()).toBeLessThanOrEqual(375);
    await tasks.screenshot('my-tasks-phone-09-settings');
  });
});
