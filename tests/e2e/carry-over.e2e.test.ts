import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signedInAtSchool } from './pages/auth.page.ts';
import { PlanEditorPage, PlansPage } from './pages/plan.page.ts';
import { ApiSession } from './support/api.ts';
import type { AppUnderTest } from './support/app-server.ts';
import { startSchoolJourney, stopSchoolJourney } from './support/journey.ts';
import { browserSkipReason } from './support/browser.ts';

// Issue 11: a primary school carries its 2025-2026 plan (TT17) into 2026-2027, the first year of
// Thông tư 57/2026. Code numbers mean other things there ("1.4" of TT17 is the management board,
// "1.4" of TT57 is self-assessment), so the rows must go through the criterion mapping, the dialog
// must say so, and the rows without a counterpart must wait for the school's choice.
const PRINCIPAL = { username: 'hieutruong.namson', password: 'Nam-Son-2026-Chuyen-Tiep' };
const SEED = {
  admin: { username: 'quantri', displayName: 'Quản trị hệ thống', password: 'Sao-Mai-Xanh-2025' },
  province: 'Sở Giáo dục và Đào tạo tỉnh Bắc Ninh',
  commune: 'UBND xã Nam Sơn',
  school: 'Trường Tiểu học Nam Sơn',
  levels: ['tieu_hoc'],
  placeName: 'Nam Sơn',
  documentSymbol: 'THNS',
  people: [{ fullName: 'Đỗ Thị Thu Hà', position: 'Hiệu trưởng' }],
  accounts: [{ ...PRINCIPAL, person: 'Đỗ Thị Thu Hà', role: 'principal' }],
};

/** The 2025-2026 rows: criterion, tasks, and whether the row is finished. */
const ROWS_2025 = [
  { criterionCode: '1.4', tasks: 'Kiện toàn tổ chuyên môn, tổ văn phòng', progress: '' },
  { criterionCode: '1.3', tasks: 'Sinh hoạt chuyên đề của chi bộ', progress: 'Đang thực hiện' },
  { criterionCode: '3.2', tasks: 'Sửa chữa 4 phòng học', progress: 'Hoàn thành' },
  { criterionCode: '5.5', tasks: 'Nâng tỉ lệ học sinh hoàn thành chương trình', progress: '' },
] as const;

const title = browserSkipReason
  ? `Chuyển kế hoạch 2018 sang năm học theo Thông tư 57 (bỏ qua: ${browserSkipReason})`
  : 'Chuyển kế hoạch 2018 sang năm học theo Thông tư 57';

describe.skipIf(browserSkipReason !== null)(title, () => {
  let app: AppUnderTest;
  let browser: Browser;
  let schoolId = '';

  beforeAll(async () => {
    ({ app, browser, schoolId } = await startSchoolJourney(SEED));
    // This journey is about carry-over: the 2018 plan is written through the API.
    const api = new ApiSession(app.baseUrl);
    await api.signIn(PRINCIPAL.username, PRINCIPAL.password);
    const plan = await api.request<{ id: string; frameworkCode: string }>(
      'POST',
      `/api/schools/${schoolId}/plans`,
      { schoolYear: '2025-2026' },
    );
    expect(plan.frameworkCode).toBe('TT17');
    for (const row of ROWS_2025) {
      await api.request('POST', `/api/plans/${plan.id}/rows`, {
        group: 'levels_1_3',
        standardCode: row.criterionCode.split('.')[0],
        criterionCode: row.criterionCode,
        tasks: row.tasks,
        lead: 'Hiệu trưởng',
        time: 'Tháng 9/2025 – 5/2026',
        progress: row.progress,
      });
    }
    await api.request('POST', `/api/plans/${plan.id}/rows`, {
      group: 'level_4',
      level4Key: '1',
      tasks: 'Tham khảo chương trình giáo dục tiên tiến',
      lead: 'Phó hiệu trưởng',
      time: 'Năm học',
    });
  });

  afterAll(() => stopSchoolJourney({ app, browser }));

  async function signedInAsPrincipal(): Promise<{ context: BrowserContext; page: Page }> {
    return signedInAtSchool(browser, app.baseUrl, PRINCIPAL);
  }

  test('rows go under their mapped TT57 criteria; the dialog says so; unmapped rows wait', async () => {
    const { context, page } = await signedInAsPrincipal();
    try {
      const plans = new PlansPage(page, app.baseUrl);
      await plans.open(schoolId);

      // Before confirming, the dialog says next year follows another circular.
      const notice = await plans.startCarryOver('2025-2026');
      expect(notice).toContain('Kế hoạch năm học 2026-2027 theo Thông tư 57/2026');
      expect(notice).toContain('bảng đối chiếu');
      await plans.screenshot('carry-01-dialog-desktop', { fullPage: false });

      // After: the sentence and, per row, the criterion it had and the one it got.
      const report = await plans.confirmCarryOver();
      expect(report.message).toMatch(
        /^Kế hoạch năm học 2026-2027 theo Thông tư 57\/2026: các tiêu chí được chuyển theo bảng đối chiếu TT17 → TT57-PT/,
      );
      expect(report.message).toContain('2 dòng đã có tiêu chí mới.');
      expect(report.message).toContain('2 dòng chưa có tiêu chí tương ứng');
      expect(report.message).toContain('1 dòng đã hoàn thành không chuyển.');
      expect(report.rows.map((r) => [r.from, r.to, r.outcome])).toEqual([
        ['1.4', '1.2', 'mapped'],
        ['5.5', '3.5', 'mapped'],
        ['1.3', '', 'unmapped'],
        ['', '', 'unmapped'],
      ]);
      expect(report.rows[0]?.text).toContain('Suy luận');
      expect(report.rows[2]?.text).toContain('Chưa có tiêu chí tương ứng: nhà trường chọn');
      expect(report.rows[3]?.text).toContain('Mức 4, yêu cầu 1');
      await plans.screenshot('carry-02-report-desktop', { fullPage: false });

      await plans.openCarriedPlan();
      const editor = new PlanEditorPage(page, app.baseUrl);
      expect(await editor.title.innerText()).toContain('năm học 2026 - 2027');
      const rows = await editor.rowSummaries();
      expect(rows.map((r) => [r.criterion, r.tasks, r.unmapped])).toEqual([
        ['Tiêu chí 1.2', 'Kiện toàn tổ chuyên môn, tổ văn phòng', false],
        ['Tiêu chí 3.5', 'Nâng tỉ lệ học sinh hoàn thành chương trình', false],
        ['Chưa chọn tiêu chí', 'Sinh hoạt chuyên đề của chi bộ', true],
        ['Chưa chọn tiêu chí', 'Tham khảo chương trình giáo dục tiên tiến', true],
      ]);
      await editor.screenshot('carry-03-editor-desktop');

      // The checks name the rows left without a criterion; nothing is flagged as an unknown code.
      await editor.runChecks();
      const messages = await editor.checks.allInnerTexts();
      const unmapped = messages.filter((m) =>
        m.includes('bảng đối chiếu không có tiêu chí tương ứng'),
      );
      expect(unmapped).toHaveLength(2);
      expect(messages.some((m) => m.includes('không có trong bộ tiêu chuẩn'))).toBe(false);
      await editor.screenshot('carry-04-checks-desktop');

      // The school chooses: the chapter row goes under 1.2 and the checks stop flagging it.
      await editor.chooseCriterion(2, '1.2');
      await page.reload();
      await editor.row(0).waitFor();
      const after = await editor.rowSummaries();
      const chosen = after.find((r) => r.tasks === 'Sinh hoạt chuyên đề của chi bộ');
      expect(chosen).toMatchObject({ criterion: 'Tiêu chí 1.2', unmapped: false });
      await editor.runChecks();
      const remaining = (await editor.checks.allInnerTexts()).filter((m) =>
        m.includes('bảng đối chiếu không có tiêu chí tương ứng'),
      );
      expect(remaining).toHaveLength(1);
      await editor.screenshot('carry-05-chosen-desktop');
    } finally {
      await context.close();
    }
  });
});
