import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signedInAtSchool } from './pages/auth.page.ts';
import { PlanEditorPage, PlansPage } from './pages/plan.page.ts';
import { apiSessionAs, seedPlan, type SeedRow } from './support/api.ts';
import { artifactPath } from './support/paths.ts';
import type { AppUnderTest } from './support/app-server.ts';
import { startSchoolJourney, stopSchoolJourney } from './support/journey.ts';
import { browserSkipReason } from './support/browser.ts';

// The school, its people and accounts are set up through the API (the access journey covers
// those screens). Each test is independent of the others: a test about an existing plan (a phone
// view, a revision, a conflict, the documents) seeds that plan through the API, in a school year
// of its own, and does the rest in the browser; so any test runs alone, in any order.
const PRINCIPAL = { username: 'hieutruong.dinhhiep', password: 'Phuong-Huong-2025-DH' };
const COUNCIL = { username: 'pht.lan', password: 'Hoi-Dong-Tu-Danh-Gia-2025' };
const SEED = {
  admin: { username: 'quantri', displayName: 'Quản trị hệ thống', password: 'Sao-Mai-Xanh-2025' },
  province: 'Sở Giáo dục và Đào tạo tỉnh Bình Dương',
  commune: 'UBND xã Định Hiệp',
  school: 'Trường Tiểu học Định Hiệp',
  levels: ['tieu_hoc'],
  placeName: 'Định Hiệp',
  documentSymbol: 'THĐP',
  people: [
    { fullName: 'Nguyễn Văn Hùng', position: 'Hiệu trưởng' },
    { fullName: 'Trần Thị Lan', position: 'Phó hiệu trưởng' },
    { fullName: 'Lê Thị Hoa', position: 'Giáo viên' },
  ],
  accounts: [
    { ...PRINCIPAL, person: 'Nguyễn Văn Hùng', role: 'principal' },
    { ...COUNCIL, person: 'Trần Thị Lan', role: 'council_member' },
  ],
};

const title = browserSkipReason
  ? `Kế hoạch cải tiến: lập, sửa, kiểm tra, phê duyệt, điều chỉnh (bỏ qua: ${browserSkipReason})`
  : 'Kế hoạch cải tiến: lập, sửa, kiểm tra, phê duyệt, điều chỉnh';

describe.skipIf(browserSkipReason !== null)(title, () => {
  let app: AppUnderTest;
  let browser: Browser;
  let schoolId = '';

  beforeAll(async () => {
    ({ app, browser, schoolId } = await startSchoolJourney(SEED));
  });

  /** A plan seeded by the principal through the API (see the note at the top). */
  async function planOf(schoolYear: string, rows: SeedRow[], approve = false): Promise<string> {
    const principal = await apiSessionAs(app.baseUrl, PRINCIPAL);
    return (await seedPlan(principal, schoolId, { schoolYear, rows, approve })).planId;
  }

  /** The TT57 row the principal fills in the first test, as a seeded row. */
  const TT57_ROW: SeedRow = {
    group: 'tt57',
    criterionCode: '1.1',
    cells: {
      content: 'Rà soát, điều chỉnh kế hoạch phát triển',
      tasks: 'Tổ chức rà soát\nLấy ý kiến cha mẹ học sinh',
      time: '10 – 01',
      lead: 'Hiệu trưởng, Phòng Nội vụ Quận 4',
      budget: 'Ngân sách: 20.000.000; XHH: 10.000.000',
    },
  };
  /** The 2018 rows of the grouping test: one under MỨC 1, 2, 3 (criterion 1.1), one MỨC 4 item. */
  const rows2018 = (time: string): SeedRow[] => [
    {
      group: 'levels_1_3',
      criterionCode: '1.1',
      cells: { tasks: 'Bổ sung kế hoạch chiến lược', time },
    },
    { group: 'level_4', level4Key: '1' },
  ];

  afterAll(() => stopSchoolJourney({ app, browser }));

  async function signedIn(
    viewport: 'desktop' | 'phone',
    who: { username: string; password: string },
  ): Promise<{ context: BrowserContext; page: Page }> {
    return signedInAtSchool(browser, app.baseUrl, who, viewport);
  }

  test('the principal creates the TT57 plan, fills rows, sees what was understood, checks and approves it', async () => {
    const { context, page } = await signedIn('desktop', PRINCIPAL);
    try {
      const plans = new PlansPage(page, app.baseUrl);
      await plans.open(schoolId);
      expect(await plans.tabLabels()).toContain('Kế hoạch');
      const preview = await plans.startPlan('2026-2027');
      expect(preview).toContain('TT57-PT');
      expect(preview).toContain('Biểu 2');
      await plans.screenshot('plan-01-create-dialog-desktop', { fullPage: false });
      await plans.confirmPlan();

      const editor = new PlanEditorPage(page, app.baseUrl);
      expect(await editor.title.innerText()).toContain('năm học 2026 - 2027');
      expect(await editor.status.innerText()).toBe('Dự thảo');
      // TT57: two review rounds (mục VI).
      expect(await page.getByTestId('review-round').count()).toBe(2);

      // Row 1 for criterion 1.1: the picker shows its title and requirements.
      await editor.addRow('tt57', '1.1', { screenshot: 'plan-02-criterion-picker-desktop' });
      expect(await editor.row(0).innerText()).toContain('Tiêu chí 1.1');
      expect(await editor.cell(0, 'content').getAttribute('readonly')).toBeNull();
      expect(await editor.editCell(0, 'content', 'Rà soát, điều chỉnh kế hoạch phát triển')).toBe(
        200,
      );
      expect(await editor.editCell(0, 'tasks', 'Tổ chức rà soát\nLấy ý kiến cha mẹ học sinh')).toBe(
        200,
      );
      expect(await editor.editCell(0, 'time', '10 – 01')).toBe(200);
      expect(await editor.editCell(0, 'lead', 'Hiệu trưởng, Phòng Nội vụ Quận 4')).toBe(200);
      expect(await editor.editCell(0, 'budget', 'Ngân sách: 20.000.000; XHH: 10.000.000')).toBe(
        200,
      );
      await editor.saveState(0).filter({ hasText: 'Đã lưu' }).waitFor();
      // What the server understood, under each cell.
      expect(await editor.parsed(0, 'time').innerText()).toContain('Tháng 10/2026 → Tháng 01/2027');
      expect(await editor.parsed(0, 'budget').innerText()).toContain(
        '30.000.000 đ · Ngân sách + XHH',
      );
      const people = await editor.parsed(0, 'people').innerText();
      expect(people).toContain('Nguyễn Văn Hùng');
      expect(people).toContain('Phòng Nội vụ Quận 4');
      // Line breaks stay as typed.
      expect(await editor.cell(0, 'tasks').inputValue()).toBe(
        'Tổ chức rà soát\nLấy ý kiến cha mẹ học sinh',
      );

      // Row 2, a general issue: a time the parser cannot read gets a warning, the text stays.
      await editor.addRow('tt57', null);
      expect(await editor.editCell(1, 'time', 'Sau khi có kinh phí')).toBe(200);
      await editor.warnings(1).first().waitFor();
      expect(await editor.warnings(1).first().innerText()).toContain('Sau khi có kinh phí');
      expect(await editor.cell(1, 'time').inputValue()).toBe('Sau khi có kinh phí');

      // Undo the last change: the note typed by mistake goes away.
      expect(await editor.editCell(1, 'evidence', 'nhầm')).toBe(200);
      await editor.undo();
      expect(await editor.cell(1, 'evidence').inputValue()).toBe('');
      await editor.dismissNotices();
      await editor.screenshot('plan-03-rows-parsed-desktop');

      // Kiểm tra kế hoạch: findings with severity, each leading to its row; budget by source.
      const panel = await editor.runChecks();
      expect(await editor.checks.count()).toBeGreaterThan(0);
      const timeCheck = editor.checks.filter({ hasText: 'Sau khi có kinh phí' }).first();
      expect(await timeCheck.getAttribute('data-severity')).toBe('warning');
      expect(await panel.getByTestId('budget-mixed').innerText()).toBe('30.000.000 đ');
      expect(await panel.getByTestId('budget-total').innerText()).toBe('30.000.000 đ');
      await editor.screenshot('plan-04a-checks-panel-desktop', { fullPage: false });
      await timeCheck.click();
      await page.locator('.plan-row.is-highlighted').waitFor();
      expect(await editor.row(1).getAttribute('class')).toContain('is-highlighted');
      await editor.screenshot('plan-04b-checks-row-highlighted-desktop', { fullPage: false });

      // Approval freezes a snapshot: banner with its hash, cells read-only.
      await editor.approve();
      expect(await editor.status.innerText()).toBe('Đã phê duyệt');
      expect(await editor.approvedBanner.getByTestId('snapshot-hash').innerText()).toMatch(
        /^[0-9a-f]{16}…$/,
      );
      await editor.approvedBanner.getByTestId('integrity').waitFor();
      expect(await editor.cell(0, 'tasks').getAttribute('readonly')).not.toBeNull();
      // Mức độ thực hiện stays open for those who follow progress.
      expect(await editor.cell(0, 'progress').getAttribute('readonly')).toBeNull();
      await editor.dismissNotices();
      await editor.screenshot('plan-05-approved-desktop');

      // Mục VI stays open after approval: the principal records the result of the first round.
      expect(await editor.focusIssues.count()).toBe(0);
      expect(await page.getByTestId('add-focus-issue').count()).toBe(0);
      const result = editor.reviewCell('Cuối học kỳ I', 'result');
      expect(await result.getAttribute('readonly')).toBeNull();
      expect(await editor.editSectionCell(result, 'Hoàn thành 80% nhiệm vụ học kỳ I')).toBe(200);
      await editor
        .reviewRound('Cuối học kỳ I')
        .getByTestId('item-save-state')
        .filter({ hasText: 'Đã lưu' })
        .waitFor();
      await page.reload();
      await editor.reviewRound('Cuối học kỳ I').waitFor();
      expect(await editor.reviewCell('Cuối học kỳ I', 'result').inputValue()).toBe(
        'Hoàn thành 80% nhiệm vụ học kỳ I',
      );
      await editor.dismissNotices();
      await page.getByTestId('review-rounds').scrollIntoViewIfNeeded();
      await editor.screenshot('plan-12-review-rounds-desktop', { fullPage: false });
    } finally {
      await context.close();
    }
  });

  test('on a phone the editor shows each row as a card', async () => {
    const planId = await planOf('2027-2028', [TT57_ROW], true);
    const { context, page } = await signedIn('phone', PRINCIPAL);
    try {
      const editor = new PlanEditorPage(page, app.baseUrl);
      await editor.open(planId);
      await editor.row(0).waitFor();
      expect(await editor.hasHorizontalOverflow()).toBe(false);
      expect(await editor.parsed(0, 'budget').isVisible()).toBe(true);
      await editor.screenshot('plan-06-editor-phone');
      await editor.row(0).scrollIntoViewIfNeeded();
      await editor.screenshot('plan-06b-editor-row-phone', { fullPage: false });
    } finally {
      await context.close();
    }
  });

  test('a 2018-regime plan groups rows under MỨC 1, 2, 3 by standard and MỨC 4; approval reaches a council member mid-edit', async () => {
    const principal = await signedIn('desktop', PRINCIPAL);
    const council = await signedIn('desktop', COUNCIL);
    try {
      const plans = new PlansPage(principal.page, app.baseUrl);
      await plans.open(schoolId);
      const preview = await plans.startPlan('2024-2025');
      expect(preview).toContain('TT17');
      await plans.confirmPlan();
      const editor = new PlanEditorPage(principal.page, app.baseUrl);
      const plan2018Id = editor.planId();
      expect(await editor.page.getByTestId('plan-framework').innerText()).toContain('TT17');
      await editor.addRow('levels_1_3', '1.1');
      await editor.editCell(0, 'tasks', 'Bổ sung kế hoạch chiến lược');
      await editor.editCell(0, 'time', 'Tháng 10/2024');
      await editor.addRow('level_4', '1');
      const headings = await editor.groupHeadings();
      expect(headings[0]).toBe('MỨC 1, 2, 3');
      expect(headings[1]).toMatch(/^Tiêu chuẩn 1: /);
      expect(headings[2]).toContain('MỨC 4');
      await editor.dismissNotices();
      await editor.screenshot('plan-07-2018-grouped-desktop');

      // The council member has the draft open; the principal approves it meanwhile.
      const councilEditor = new PlanEditorPage(council.page, app.baseUrl);
      await councilEditor.open(plan2018Id);
      await councilEditor.row(0).waitFor();
      await editor.approve();
      // Their edit is refused with the server's message, and the plan turns read-only.
      expect(await councilEditor.editCell(0, 'note', 'Thêm ghi chú')).toBe(409);
      await councilEditor.saveError(0).waitFor();
      expect(await councilEditor.saveError(0).innerText()).toContain('Kế hoạch đã được phê duyệt');
      await councilEditor.approvedBanner.waitFor();
      expect(await councilEditor.cell(0, 'note').getAttribute('readonly')).not.toBeNull();
      await councilEditor.screenshot('plan-08-council-approved-refused-desktop', {
        fullPage: false,
      });

      // Opened afresh, the approved plan has every content cell read-only for the council member.
      await councilEditor.open(plan2018Id);
      await councilEditor.row(0).waitFor();
      expect(await councilEditor.cell(0, 'tasks').getAttribute('readonly')).not.toBeNull();
      expect(await councilEditor.page.getByTestId('add-row').count()).toBe(0);
    } finally {
      await principal.context.close();
      await council.context.close();
    }
  });

  test('a revision (điều chỉnh, bổ sung lần 1) is a new draft with its own number and history', async () => {
    const originalId = await planOf('2028-2029', [TT57_ROW], true);
    const { context, page } = await signedIn('desktop', PRINCIPAL);
    try {
      const editor = new PlanEditorPage(page, app.baseUrl);
      await editor.open(originalId);
      await editor.createRevision('Bổ sung hoạt động theo kết quả rà soát học kỳ I');
      expect(editor.planId()).not.toBe(originalId);
      expect(await editor.title.innerText()).toContain('điều chỉnh, bổ sung lần 1');
      expect(await page.getByTestId('plan-revision').innerText()).toBe('Điều chỉnh, bổ sung lần 1');
      expect(await editor.history.innerText()).toContain('Bản gốc');
      expect(await editor.cell(0, 'tasks').getAttribute('readonly')).toBeNull();
      expect(await editor.cell(0, 'tasks').inputValue()).toBe(
        'Tổ chức rà soát\nLấy ý kiến cha mẹ học sinh',
      );
      await editor.dismissNotices();
      await editor.screenshot('plan-09-revision-desktop');

      // The draft revision's mục IV is open to plan editors: add a focus issue and fill it.
      await editor.addFocusIssue();
      expect(await editor.editSectionCell(editor.focusCell(0, 'criterionCode'), '1.1')).toBe(200);
      expect(
        await editor.editSectionCell(
          editor.focusCell(0, 'limitation'),
          'Kế hoạch chưa lấy ý kiến cha mẹ học sinh',
        ),
      ).toBe(200);
      await page.reload();
      await editor.focusIssues.first().waitFor();
      expect(await editor.focusCell(0, 'criterionCode').inputValue()).toBe('1.1');
      expect(await editor.focusCell(0, 'limitation').inputValue()).toBe(
        'Kế hoạch chưa lấy ý kiến cha mẹ học sinh',
      );

      // The list shows the original and its revision under the one school year.
      const plans = new PlansPage(page, app.baseUrl);
      await plans.open(schoolId);
      expect(await plans.item('2028-2029').count()).toBe(2);
      await plans.screenshot('plan-10-list-desktop');
    } finally {
      await context.close();
    }
  });

  test("carry-over (chuyển sang năm sau): next year's plan starts from this year's unfinished rows", async () => {
    await planOf('2021-2022', rows2018('Tháng 10/2021'), true);
    const { context, page } = await signedIn('desktop', PRINCIPAL);
    try {
      const plans = new PlansPage(page, app.baseUrl);
      await plans.open(schoolId);
      await plans.carryOver('2021-2022');
      const carried = new PlanEditorPage(page, app.baseUrl);
      expect(await carried.title.innerText()).toContain('năm học 2022 - 2023');
      expect(await carried.rows.count()).toBe(2);
      expect(await carried.row(0).innerText()).toContain('Dòng chuyển từ năm trước');
      expect(await carried.cell(0, 'tasks').inputValue()).toBe('Bổ sung kế hoạch chiến lược');
    } finally {
      await context.close();
    }
  });

  test('two people edit the same cell: the second sees both versions and chooses', async () => {
    const planId = await planOf('2029-2030', [TT57_ROW]);
    const principal = await signedIn('desktop', PRINCIPAL);
    const council = await signedIn('desktop', COUNCIL);
    try {
      const first = new PlanEditorPage(principal.page, app.baseUrl);
      const second = new PlanEditorPage(council.page, app.baseUrl);
      await first.open(planId);
      await second.open(planId);
      await first.row(0).waitFor();
      await second.row(0).waitFor();

      // Both start editing the target cell; the principal saves first.
      await second.cell(0, 'target').click();
      expect(await first.editCell(0, 'target', '100% tổ chuyên môn góp ý kế hoạch')).toBe(200);
      // The council member saves against the version they started from: 409, the dialog.
      expect(await second.editCell(0, 'target', 'Kế hoạch được công khai trên website')).toBe(409);
      await second.conflictDialog.waitFor();
      expect(await second.conflictDialog.getByTestId('conflict-theirs').innerText()).toBe(
        '100% tổ chuyên môn góp ý kế hoạch',
      );
      expect(await second.conflictDialog.getByTestId('conflict-mine').innerText()).toBe(
        'Kế hoạch được công khai trên website',
      );
      await second.screenshot('plan-11-conflict-desktop', { fullPage: false });
      const saved = second.page.waitForResponse(
        (r) => r.request().method() === 'PATCH' && r.url().includes('/rows/'),
      );
      await second.conflictDialog.getByRole('button', { name: 'Giữ bản của tôi' }).click();
      expect((await saved).status()).toBe(200);
      await second.conflictDialog.waitFor({ state: 'detached' });
      expect(await second.cell(0, 'target').inputValue()).toBe(
        'Kế hoạch được công khai trên website',
      );

      // A different cell of the same row does not conflict.
      expect(await first.editCell(0, 'indicator', 'Tỉ lệ góp ý ≥ 90%')).toBe(200);

      // The other way round: the principal, still on the old version of the cell, takes theirs.
      await first.cell(0, 'target').click();
      await first.cell(0, 'target').fill('Bản cũ của hiệu trưởng');
      expect(await second.editCell(0, 'target', 'Công khai trên website và bảng tin')).toBe(200);
      const answer = first.page.waitForResponse(
        (r) => r.request().method() === 'PATCH' && r.url().includes('/rows/'),
      );
      await first.cell(0, 'target').press('Tab');
      expect((await answer).status()).toBe(409);
      await first.conflictDialog.getByRole('button', { name: 'Dùng bản của họ' }).click();
      // The cell takes their version (it may show the page's older copy for a moment first).
      await expect
        .poll(() => first.cell(0, 'target').inputValue(), { timeout: 10_000 })
        .toBe('Công khai trên website và bảng tin');
      // …and keeps it.
      await first.page.waitForTimeout(1_500);
      expect(await first.cell(0, 'target').inputValue()).toBe('Công khai trên website và bảng tin');
    } finally {
      await principal.context.close();
      await council.context.close();
    }
  });
  test('the plan downloads as Word, Excel and PDF, and prints from the browser', async () => {
    const planId = await planOf('2023-2024', rows2018('Tháng 10/2023'), true);
    const principal = await signedIn('desktop', PRINCIPAL);
    try {
      const editor = new PlanEditorPage(principal.page, app.baseUrl);
      await editor.open(planId);
      const panel = editor.page.getByTestId('plan-documents');
      await panel.locator('summary').click();
      await editor.screenshot('plan-13-documents-panel-desktop', { fullPage: false });

      const [docx] = await Promise.all([
        editor.page.waitForEvent('download'),
        panel.getByTestId('download-docx').click(),
      ]);
      expect(docx.suggestedFilename()).toMatch(/^Kế hoạch cải tiến chất lượng 2023-2024 .*\.docx$/);
      const docxPath = await docx.path();
      const zip = await JSZip.loadAsync(readFileSync(docxPath));
      const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
      expect(xml).toContain('Bổ sung kế hoạch chiến lược');
      expect(xml).toContain('Tháng 10/2023');
      expect(xml).not.toContain('DỰ THẢO'); // approved

      const [xlsx] = await Promise.all([
        editor.page.waitForEvent('download'),
        panel.getByTestId('download-xlsx').click(),
      ]);
      expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);

      // The PDF is made by the job queue: the button says so while it waits, then downloads.
      const pdfButton = panel.getByTestId('download-pdf');
      const pdfDownload = editor.page.waitForEvent('download', { timeout: 60_000 });
      await pdfButton.click();
      const pdf = await pdfDownload;
      expect(pdf.suggestedFilename()).toMatch(/^Kế hoạch cải tiến chất lượng 2023-2024 .*\.pdf$/);
      expect(
        readFileSync(await pdf.path())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      await expect.poll(() => pdfButton.innerText()).toBe('Tải PDF');
      expect(await pdfButton.isEnabled()).toBe(true);

      // The print view opens in a new tab, landscape table and all.
      const [print] = await Promise.all([
        principal.context.waitForEvent('page'),
        panel.getByTestId('print-view').click(),
      ]);
      await print.waitForLoadState();
      expect(await print.locator('table.data').first().innerText()).toContain(
        'Bổ sung kế hoạch chiến lược',
      );
      expect(await print.locator('.masthead').innerText()).toContain(
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      );
      await print.screenshot({
        path: artifactPath('plan-14-print-view-desktop.png'),
        fullPage: true,
      });
      const printed = await print.pdf({ format: 'A4' });
      expect(printed.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await principal.context.close();
    }
  });
  test('focus issues and review rounds: a stale save is refused (409) and kept, a focus issue is deleted', async () => {
    const planId = await planOf('2030-2031', [TT57_ROW]);
    const first = await signedIn('desktop', PRINCIPAL);
    const second = await signedIn('desktop', PRINCIPAL);
    try {
      const a = new PlanEditorPage(first.page, app.baseUrl);
      const b = new PlanEditorPage(second.page, app.baseUrl);
      await a.open(planId);
      await a.addFocusIssue();
      expect(await a.editSectionCell(a.focusCell(0, 'cause'), 'Thiếu thiết bị')).toBe(200);
      await b.open(planId);
      await b.focusIssues.first().waitFor();

      // Both edit the cause; the one who saves second started from an older version.
      expect(await a.editSectionCell(a.focusCell(0, 'cause'), 'Thiếu thiết bị và kinh phí')).toBe(
        200,
      );
      expect(await b.editSectionCell(b.focusCell(0, 'cause'), 'Giáo viên chưa được tập huấn')).toBe(
        409,
      );
      const error = b.page.getByTestId('item-save-error').first();
      await error.waitFor();
      expect(await error.innerText()).toContain('Vấn đề 1');
      // What they typed is still there; saving again starts from the current version.
      expect(await b.focusCell(0, 'cause').inputValue()).toBe('Giáo viên chưa được tập huấn');
      await b.screenshot('plan-15-focus-issue-conflict-desktop', { fullPage: false });
      expect(
        await b.editSectionCell(b.focusCell(0, 'cause'), 'Giáo viên chưa được tập huấn đầy đủ'),
      ).toBe(200);

      // The same for a review round of mục VI.
      const round = 'Cuối năm học';
      expect(await a.editSectionCell(a.reviewCell(round, 'content'), 'Tỉ lệ hoàn thành')).toBe(200);
      expect(await b.editSectionCell(b.reviewCell(round, 'content'), 'Kết quả tập huấn')).toBe(409);
      await b.reviewRound(round).page().getByTestId('item-save-error').first().waitFor();
      expect(await b.editSectionCell(b.reviewCell(round, 'content'), 'Kết quả tập huấn')).toBe(200);

      // Deleting a focus issue asks first, then it is gone for everyone.
      await a.page.reload();
      await a.focusIssues.first().waitFor();
      const issues = await a.focusIssues.count();
      const issueId = await a.focusIssues.first().getAttribute('data-issue-id');
      await a.page.getByRole('button', { name: 'Xóa Vấn đề 1' }).click();
      const confirm = a.page.getByRole('dialog', { name: 'Xóa vấn đề trọng tâm' });
      const deleted = a.page.waitForResponse((r) => r.request().method() === 'DELETE');
      await confirm.getByRole('button', { name: 'Xóa' }).click();
      expect((await deleted).status()).toBe(200);
      await a.page.locator(`[data-issue-id="${issueId}"]`).waitFor({ state: 'detached' });
      expect(await a.focusIssues.count()).toBe(issues - 1);
      await b.page.reload();
      await b.page.getByTestId('focus-issues').waitFor();
      expect(await b.page.locator(`[data-issue-id="${issueId}"]`).count()).toBe(0);
    } finally {
      await first.context.close();
      await second.context.close();
    }
  });
});
