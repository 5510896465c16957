import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { signedInAtSchool } from './pages/auth.page.ts';
import { PlanMonitoringPage } from './pages/monitoring.page.ts';
import { apiSessionAs, seedPlan, type ApiSession } from './support/api.ts';
import type { AppUnderTest } from './support/app-server.ts';
import { browserSkipReason } from './support/browser.ts';
import { sequentialJourney, startSchoolJourney, stopSchoolJourney } from './support/journey.ts';
import { artifactPath } from './support/paths.ts';

// Issue 13: the monitoring team follows an approved TT57 plan, runs the "Cuối học kỳ I" review
// round (opens it, reviews the rows, writes conclusions, closes it) and downloads the report,
// which LibreOffice opens; the principal reads the dashboard on a desktop and on a phone, prints
// it, and opens a plan revision from the round's adjustments. The server's clock starts on a
// fixed school day, so "overdue" and "this month" do not depend on when the test runs.
const PRINCIPAL = { username: 'hieutruong.anphu', password: 'An-Phu-2027-Hieu-Truong' };
const MONITOR = { username: 'giamsat.mai', password: 'To-Giam-Sat-2027-Mai' };
const SEED = {
  admin: { username: 'quantri', displayName: 'Quản trị hệ thống', password: 'Sao-Mai-Xanh-2025' },
  province: 'Sở Giáo dục và Đào tạo tỉnh An Giang',
  commune: 'UBND xã An Phú',
  school: 'Trường Trung học cơ sở An Phú',
  levels: ['thcs'],
  placeName: 'An Phú',
  documentSymbol: 'THCSAP',
  people: [
    { fullName: 'Lê Văn Quang', position: 'Hiệu trưởng' },
    { fullName: 'Phạm Thị Mai', position: 'Tổ trưởng Tổ giám sát' },
    { fullName: 'Võ Thị Thu', position: 'Giáo viên' },
  ],
  accounts: [
    { ...PRINCIPAL, person: 'Lê Văn Quang', role: 'principal' },
    { ...MONITOR, person: 'Phạm Thị Mai', role: 'monitoring_member' },
  ],
};

/** Monday 18 January 2027, the week after the end of semester I of 2026-2027. */
const START_AT = '2027-01-18T09:00:00+07:00';
const TODAY = '2027-01-18';

const ROWS = [
  {
    criterionCode: '1.1',
    content: 'Rà soát, điều chỉnh kế hoạch phát triển nhà trường',
    time: 'Tháng 9/2026 - tháng 10/2026',
    lead: 'Lê Văn Quang',
    budget: 'Ngân sách: 5.000.000',
  },
  {
    criterionCode: '1.2',
    content: 'Tổ chức chuyên đề đổi mới phương pháp dạy học',
    time: 'Tháng 10/2026 - tháng 12/2026',
    lead: 'Võ Thị Thu',
    budget: 'Ngân sách: 20.000.000; XHH: 10.000.000',
  },
  {
    criterionCode: '2.1',
    content: 'Bồi dưỡng giáo viên ứng dụng công nghệ thông tin',
    time: 'Tháng 11/2026 - tháng 01/2027',
    lead: 'Phạm Thị Mai',
    budget: 'XHH: 15.000.000',
  },
  {
    criterionCode: '2.2',
    content: 'Sửa chữa phòng học bộ môn Tin học',
    time: 'Tháng 01/2027 - tháng 3/2027',
    lead: 'Lê Văn Quang',
    budget: 'Ngân sách: 40.000.000',
  },
  {
    criterionCode: '3.1',
    content: 'Xây dựng thư viện xanh',
    time: 'Tháng 3/2027 - tháng 5/2027',
    lead: 'Võ Thị Thu',
    budget: '',
  },
  {
    criterionCode: '3.2',
    content: 'Phối hợp cha mẹ học sinh giáo dục kỹ năng sống',
    time: 'Khi có văn bản hướng dẫn của cấp trên',
    lead: 'Phạm Thị Mai',
    budget: '',
  },
];

interface ProgressAnswer {
  rows: Array<{ rowId: string; ordinal: string; version: number; content: string }>;
}

const title = browserSkipReason
  ? `Theo dõi, rà soát và tổng quan kế hoạch (bỏ qua: ${browserSkipReason})`
  : 'Theo dõi, rà soát và tổng quan kế hoạch';

describe.skipIf(browserSkipReason !== null)(title, () => {
  let app: AppUnderTest;
  let browser: Browser;
  let principalApi: ApiSession;
  let planId = '';
  let roundId = '';
  const ordinals: string[] = [];
  const contexts: BrowserContext[] = [];
  const step = sequentialJourney();

  async function signIn(
    who: { username: string; password: string },
    viewport: 'desktop' | 'phoneNarrow' = 'desktop',
  ): Promise<{ page: Page; screen: PlanMonitoringPage }> {
    const { context, page } = await signedInAtSchool(browser, app.baseUrl, who, viewport);
    contexts.push(context);
    return { page, screen: new PlanMonitoringPage(page, app.baseUrl) };
  }

  beforeAll(async () => {
    let schoolId: string;
    ({ app, browser, schoolId } = await startSchoolJourney(SEED, { startAt: START_AT }));
    principalApi = await apiSessionAs(app.baseUrl, PRINCIPAL);
    ({ planId } = await seedPlan(principalApi, schoolId, {
      schoolYear: '2026-2027',
      approve: true,
      rows: ROWS.map(({ criterionCode, ...cells }) => ({ group: 'tt57', criterionCode, cells })),
    }));
    // What happened in the first semester, recorded through the API by the principal.
    const progress = await principalApi.request<ProgressAnswer>(
      'GET',
      `/api/plans/${planId}/progress`,
    );
    const byContent = new Map(progress.rows.map((row) => [row.content, row]));
    const update = async (index: number, body: Record<string, unknown>) => {
      const row = byContent.get(ROWS[index]?.content ?? '');
      if (!row) throw new Error(`row ${index} not found`);
      await principalApi.request('POST', `/api/plans/${planId}/rows/${row.rowId}/progress`, {
        version: row.version,
        entryDate: '2027-01-10',
        ...body,
      });
    };
    await update(0, {
      status: 'done',
      result: 'Đã rà soát, điều chỉnh; Hội đồng trường thông qua ngày 20/10/2026.',
      spent: { amount: 4_500_000, source: 'state', text: 'In ấn, hội nghị' },
    });
    await update(1, {
      status: 'in_progress',
      percent: 60,
      result: 'Đã tổ chức 2/4 chuyên đề (Toán, Ngữ văn).',
      spent: { amount: 8_000_000, source: 'state', text: '' },
    });
    await update(2, {
      status: 'in_progress',
      percent: 80,
      result: 'Hoàn thành 4/5 buổi tập huấn.',
    });
    await update(3, { status: 'delayed', percent: 10, note: 'Chờ kinh phí.' });
    ordinals.push(...progress.rows.map((row) => row.ordinal));
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await stopSchoolJourney({ app, browser });
  });

  step('Tổ giám sát theo dõi tiến độ: bảng, nhãn quá hạn và các bộ lọc', async () => {
    const { screen } = await signIn(MONITOR);
    await screen.open(planId, 'theo-doi');
    expect(await screen.sectionLabels()).toEqual([
      'Kế hoạch',
      'Theo dõi thực hiện',
      'Tổng quan',
      'Rà soát',
    ]);
    await screen.progressTable.waitFor();
    expect(await screen.progressRows.count()).toBe(ROWS.length);
    const [first, second, third, fourth, , sixth] = ordinals;
    await expect
      .poll(() => screen.progressRow(first ?? '').getAttribute('data-status'))
      .toBe('done');
    expect(await screen.progressRow(second ?? '').innerText()).toContain('Quá hạn');
    expect(await screen.progressRow(sixth ?? '').innerText()).toContain('Không có thời hạn');

    await screen.filterBy('Quá hạn');
    expect(await screen.shownOrdinals()).toEqual([second]);
    await screen.filterBy('Đến hạn tháng này');
    expect(await screen.shownOrdinals()).toEqual([third]);
    await screen.filterBy('Bắt đầu tháng này');
    expect(await screen.shownOrdinals()).toEqual([fourth]);
    await screen.filterBy('Không có thời hạn');
    expect(await screen.shownOrdinals()).toEqual([sixth]);
    await screen.filterBy('Tất cả');
    await screen.filterByStatus('Đang thực hiện');
    expect(await screen.shownOrdinals()).toEqual([second, third]);
    await screen.filterByStatus('Mọi trạng thái');

    // A row opens the update sheet (the same one as Việc của tôi).
    await screen.openRow(third ?? '');
    expect(await screen.updateSheet.innerText()).toContain('Bồi dưỡng giáo viên');
    await screen.page.keyboard.press('Escape');
    await screen.updateSheet.waitFor({ state: 'detached' });
    // The monitoring team may close the year; not now.
    expect(await screen.closeYearButton.count()).toBe(1);
    await screen.screenshot('monitoring-progress-desktop');
  });

  step(
    'Tổ giám sát mở đợt rà soát cuối học kỳ I, rà soát từng nội dung và kết thúc đợt',
    async () => {
      const { screen } = await signIn(MONITOR);
      await screen.open(planId, 'ra-soat');
      const kinds = await screen.suggestedRounds.evaluateAll((items) =>
        items.map((item) => (item as unknown as { dataset: { kind: string } }).dataset.kind),
      );
      expect(kinds).toEqual(['semester1', 'year_end']);
      expect(await screen.suggestedRounds.first().innerText()).toContain('Cuối học kỳ I');
      await screen.openSuggestedRound('Cuối học kỳ I');
      roundId = new URL(screen.page.url()).searchParams.get('dot') ?? '';
      expect(roundId).not.toBe('');
      expect(await screen.roundTitle.innerText()).toBe('Rà soát cuối học kỳ I năm học 2026 - 2027');

      const [first, second, third] = ordinals;
      // A row not reviewed yet starts from its progress and from who reviews it.
      const firstRow = screen.roundRow(first ?? '');
      expect(await firstRow.getByTestId('round-row-result').inputValue()).toContain(
        'Hội đồng trường thông qua',
      );
      expect(await firstRow.getByTestId('round-row-reviewer').inputValue()).toBe('Phạm Thị Mai');
      await screen.reviewRow(first ?? '', {});
      await screen.reviewRow(second ?? '', {
        result: 'Đã tổ chức 2/4 chuyên đề; chậm so với kế hoạch.',
        adjustment: 'Lùi hai chuyên đề còn lại sang tháng 3/2027.',
      });
      await screen.reviewRow(third ?? '', {
        result: 'Hoàn thành 4/5 buổi tập huấn, giáo viên dùng được phần mềm.',
        reviewer: 'Phạm Thị Mai, Võ Thị Thu',
      });
      expect(await screen.roundProgress.innerText()).toBe(`3/${ROWS.length} nội dung`);
      await screen.saveConclusions(
        'Nhà trường thực hiện đúng tiến độ phần lớn nội dung; nội dung 2 chậm do thiếu báo cáo viên.',
        'Đề nghị bổ sung kinh phí sửa chữa phòng Tin học trong học kỳ II.',
      );
      await screen.dismissNotices();
      await screen.screenshot('monitoring-round-open-desktop');

      const confirm = await screen.closeRound();
      expect(confirm).toContain(`Đã rà soát 3/${ROWS.length} nội dung`);
      expect(await screen.roundStatus.innerText()).toBe('Đã kết thúc');
      expect(await screen.page.getByTestId('round-read-only').count()).toBe(1);
      expect(await screen.page.getByTestId('round-row-save').count()).toBe(0);
      await screen.dismissNotices();
      await screen.screenshot('monitoring-round-closed-desktop');
    },
  );

  step(
    'Tổ giám sát tải báo cáo kết quả thực hiện; LibreOffice mở được và trang 1 đúng',
    async () => {
      const { screen } = await signIn(MONITOR);
      await screen.goto(`/ke-hoach/${planId}?muc=ra-soat&dot=${roundId}`);
      await screen.round.waitFor();
      const download = await screen.downloadReport('docx');
      expect(download.suggestedFilename()).toMatch(/\.docx$/);
      const docxPath = artifactPath('monitoring-report.docx');
      await download.saveAs(docxPath);
      const zip = await JSZip.loadAsync(readFileSync(docxPath));
      const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
      expect(xml).toContain('BÁO CÁO');
      expect(xml).toContain('Lùi hai chuyên đề còn lại sang tháng 3/2027.');
      expect(xml).toContain('Đề nghị bổ sung kinh phí sửa chữa phòng Tin học');

      // LibreOffice opens it: PDF, then page 1 as a picture to look at.
      const work = mkdtempSync(path.join(tmpdir(), 'caitien-report-'));
      try {
        execFileSync(
          'soffice',
          [
            `-env:UserInstallation=file://${work}/profile`,
            '--headless',
            '--convert-to',
            'pdf',
            '--outdir',
            work,
            docxPath,
          ],
          { stdio: 'ignore', timeout: 120_000 },
        );
        const pdf = path.join(work, 'monitoring-report.pdf');
        expect(existsSync(pdf)).toBe(true);
        const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
        expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
        expect(text.replace(/\s+/g, ' ')).toMatch(/cuối học kỳ I/i);
        execFileSync('pdftoppm', [
          '-png',
          '-r',
          '80',
          '-f',
          '1',
          '-l',
          '1',
          '-singlefile',
          pdf,
          artifactPath('monitoring-report-page1').replace(/\.png$/, ''),
        ]);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }

      // The PDF link answers a PDF too.
      const pdfDownload = await screen.downloadReport('pdf');
      const pdfPath = artifactPath('monitoring-report-download.pdf');
      await pdfDownload.saveAs(pdfPath);
      expect(readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    },
    // LibreOffice converts twice (ours, and the server's PDF) on a shared two-core machine.
    240_000,
  );

  step('Hiệu trưởng xem tổng quan với biểu đồ trên máy tính và in ra', async () => {
    const { page, screen } = await signIn(PRINCIPAL);
    await screen.open(planId, 'tong-quan');
    await screen.dashboard.waitFor();
    for (const chart of ['standards', 'budget', 'timeline', 'rounds'] as const)
      await screen.chart(chart).waitFor();
    // recharts draws the two bar charts as SVG.
    await screen.chart('standards').locator('.recharts-bar-rectangle').first().waitFor();
    await screen.chart('budget').locator('.recharts-bar-rectangle').first().waitFor();
    expect(await screen.overdueRows.count()).toBe(1);
    expect(await screen.ganttBars.count()).toBe(ROWS.length - 1);
    expect(await screen.chart('timeline').innerText()).toContain(
      '1 nội dung không có thời hạn nên không có trên biểu đồ.',
    );
    expect(await screen.chart('rounds').innerText()).toContain(`3/${ROWS.length} nội dung`);

    const budget = await screen.chartTable('budget');
    expect(budget).toContainEqual(['Ngân sách nhà nước', '65.000.000 đ', '12.500.000 đ', '19%']);
    expect(budget).toContainEqual(['Xã hội hóa', '25.000.000 đ', '0 đ', '0%']);
    const standards = await screen.chartTable('standards');
    expect(standards.length).toBeGreaterThanOrEqual(3);
    await screen.screenshot('monitoring-dashboard-desktop');

    // Printed: no navigation, charts within the page, the number tables on paper.
    await page.emulateMedia({ media: 'print' });
    const pdfPath = artifactPath('monitoring-dashboard-print.pdf');
    await page.evaluate('window.dispatchEvent(new Event("beforeprint"))');
    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const printed = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(printed).toContain('Tiến trình theo tháng');
    expect(printed).toContain('Ngân sách nhà nước');
    expect(printed).not.toContain('Tra cứu tiêu chuẩn');
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '2',
      pdfPath,
      artifactPath('monitoring-dashboard-print').replace(/\.png$/, ''),
    ]);
  });

  step('Hiệu trưởng xem tổng quan trên điện thoại 375 px', async () => {
    const { screen } = await signIn(PRINCIPAL, 'phoneNarrow');
    await screen.open(planId, 'tong-quan');
    await screen.chart('standards').locator('.recharts-bar-rectangle').first().waitFor();
    await screen.chart('budget').locator('.recharts-bar-rectangle').first().waitFor();
    expect(await screen.ganttBars.count()).toBe(ROWS.length - 1);
    expect(await screen.hasHorizontalOverflow()).toBe(false);
    await screen.screenshot('monitoring-dashboard-phone');
    for (const chart of ['standards', 'budget', 'timeline', 'rounds'] as const)
      await screen.chartScreenshot(chart, `monitoring-dashboard-phone-${chart}`);
    await screen.open(planId, 'theo-doi');
    await screen.progressTable.waitFor();
    expect(await screen.hasHorizontalOverflow()).toBe(false);
    await screen.screenshot('monitoring-progress-phone');
    await screen.page.screenshot({ path: artifactPath('monitoring-progress-phone-top.png') });
  });

  step('Hiệu trưởng mở bản điều chỉnh kế hoạch từ các điều chỉnh của đợt rà soát', async () => {
    const { screen } = await signIn(PRINCIPAL);
    await screen.goto(`/ke-hoach/${planId}?muc=ra-soat&dot=${roundId}`);
    await screen.round.waitFor();
    const dialog = await screen.startRevisionFromRound();
    const reason = await dialog.getByTestId('revise-reason').inputValue();
    expect(reason).toBe(
      [
        'Điều chỉnh theo kết quả rà soát cuối học kỳ I năm học 2026 - 2027:',
        `- Nội dung ${ordinals[1]}: Lùi hai chuyên đề còn lại sang tháng 3/2027.`,
      ].join('\n'),
    );
    await dialog.getByRole('button', { name: 'Mở bản điều chỉnh kế hoạch' }).click();
    // The new revision's editor (another plan id than the approved one's).
    await screen.waitForPath(new RegExp(`^/ke-hoach/(?!${planId}$)[^/]+$`));
    await screen.page.getByTestId('plan-editor').waitFor();
    expect(await screen.page.getByTestId('plan-revision').innerText()).toContain('lần 1');
    // The draft revision does not hide the follow-up: the approved plan is still monitored.
    await screen.openSection('Theo dõi thực hiện');
    await screen.progressTable.waitFor();
    expect(await screen.progressRows.count()).toBe(ROWS.length);
  });
});

/** Today as the journey's server sees it (kept for readers of the screenshots). */
export const JOURNEY_DAY = TODAY;
