import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { AssessmentPage, AssessmentsTabPage } from './pages/assessment.page.ts';
import { signedInAtSchool } from './pages/auth.page.ts';
import { ApiSession } from './support/api.ts';
import type { AppUnderTest } from './support/app-server.ts';
import { browserSkipReason } from './support/browser.ts';
import { sequentialJourney, startSchoolJourney, stopSchoolJourney } from './support/journey.ts';

// Issue 12, Thông tư 57/2026: a lower secondary school assesses 2026-2027. Mức 2 is judged only
// once Mức 1 is Đạt, and (the school's default setting) a level is Đạt only when its description
// cites an evidence code of the list.
const PRINCIPAL = { username: 'hieutruong.tanlap', password: 'Tan-Lap-2026-Thong-Tu-57' };
const SEED = {
  admin: { username: 'quantri', displayName: 'Quản trị hệ thống', password: 'Sao-Mai-Xanh-2025' },
  province: 'Sở Giáo dục và Đào tạo tỉnh Đồng Nai',
  commune: 'UBND xã Tân Lập',
  school: 'Trường THCS Tân Lập',
  levels: ['thcs'],
  placeName: 'Tân Lập',
  documentSymbol: 'THCSTL',
  people: [{ fullName: 'Lê Minh Khoa', position: 'Hiệu trưởng' }],
  accounts: [{ ...PRINCIPAL, person: 'Lê Minh Khoa', role: 'principal' }],
};

const title = browserSkipReason
  ? `Tự đánh giá theo Thông tư 57: Mức 2 sau Mức 1, Đạt phải có minh chứng (bỏ qua: ${browserSkipReason})`
  : 'Tự đánh giá theo Thông tư 57: Mức 2 sau Mức 1, Đạt phải có minh chứng';

describe.skipIf(browserSkipReason !== null)(title, () => {
  let app: AppUnderTest;
  let browser: Browser;
  let schoolId = '';
  let context: BrowserContext;
  let page: Page;
  let assessment: AssessmentPage;
  let api: ApiSession;
  let planId = '';
  const step = sequentialJourney();

  beforeAll(async () => {
    ({ app, browser, schoolId } = await startSchoolJourney(SEED));
    // Last year's assessment, under the 2018 regime (TT18), started through the API.
    api = new ApiSession(app.baseUrl);
    await api.signIn(PRINCIPAL.username, PRINCIPAL.password);
    await api.request('POST', `/api/schools/${schoolId}/assessments`, { schoolYear: '2025-2026' });
    // The year's draft plan, made before any assessment is approved: its Căn cứ says nothing of
    // the self-assessment until the approved one is put into it.
    planId = (
      await api.request<{ id: string }>('POST', `/api/schools/${schoolId}/plans`, {
        schoolYear: '2026-2027',
      })
    ).id;
    ({ context, page } = await signedInAtSchool(browser, app.baseUrl, PRINCIPAL));
    assessment = new AssessmentPage(page, app.baseUrl);
  });

  afterAll(async () => {
    await context?.close();
    await stopSchoolJourney({ app, browser });
  });

  step('starts 2026-2027 under TT57-PT, with the approval deadline shown', async () => {
    const tab = new AssessmentsTabPage(page, app.baseUrl);
    await tab.open(schoolId);
    expect(await tab.openStart('2026-2027')).toContain('TT57-PT');
    // Last year's assessment exists: starting from it is offered (and chosen by default).
    const carry = tab.startDialog.getByLabel(/Bắt đầu từ bản năm trước \(2025 - 2026\)/);
    expect(await carry.isChecked()).toBe(true);
    await tab.screenshot('assessment-tt57-00-start-from-last-year', { fullPage: false });
    await tab.confirmStart();
    expect(await assessment.header.innerText()).toContain('Bộ tiêu chuẩn: TT57-PT');
    expect(await page.getByTestId('assessment-deadline').innerText()).toContain(
      'phê duyệt trước 15/6/2027',
    );
  });

  step('Mức 2 stays locked until Mức 1 is Đạt', async () => {
    await assessment.openCriterion('1.1');
    expect(await assessment.levelBlock(2).getAttribute('data-locked')).toBe('true');
    expect(await assessment.levelBlock(2).innerText()).toContain(
      'Mức 2 chỉ được đánh giá khi Mức 1 đã Đạt',
    );
    await expect
      .poll(() =>
        assessment.toggle('2').getByRole('button', { name: 'Đạt', exact: true }).isDisabled(),
      )
      .toBe(true);
  });

  step('Đạt without a cited evidence code is refused, and the rule explained', async () => {
    await assessment.levelDescription(1).fill('Nhà trường có kế hoạch giáo dục được phê duyệt.');
    await assessment.clickMark('1', true);
    await assessment.markError.waitFor();
    expect(await assessment.markError.innerText()).toContain('mã minh chứng');
    expect(await assessment.toggle('1').getAttribute('data-value')).toBe('unmarked');
    await assessment.dismissNotices();
    await assessment.screenshot('assessment-tt57-01-refused-without-code');
  });

  step('with an evidence cited in the description, Mức 1 then Mức 2 are accepted', async () => {
    await assessment.addEvidenceHere({
      name: 'Kế hoạch giáo dục nhà trường năm học 2026-2027',
      issued: 'Số 102/KH-THCSTL ngày 15/9/2026',
      issuer: 'Trường THCS Tân Lập',
    });
    expect(await assessment.criterionEvidenceCode('Kế hoạch giáo dục')).toBe('MC.1.1.01');
    await assessment.levelDescription(1).focus();
    await assessment.criterionEvidence('Kế hoạch giáo dục').getByTestId('insert-code').click();
    expect(await assessment.levelDescription(1).inputValue()).toBe(
      'Nhà trường có kế hoạch giáo dục được phê duyệt. (MC.1.1.01)',
    );
    expect(await assessment.citations.filter({ hasText: 'MC.1.1.01' }).count()).toBe(1);
    await assessment.mark('1', true);
    expect(await assessment.levelBlock(2).getAttribute('data-locked')).toBe('false');
    await expect.poll(() => assessment.computedLevel.innerText()).toContain('Mức 1');

    await assessment
      .levelDescription(2)
      .fill('Kế hoạch được rà soát, điều chỉnh theo từng học kỳ (MC.1.1.01).');
    await assessment.mark('2', true);
    await expect.poll(() => assessment.computedLevel.innerText()).toContain('Mức 2');
    expect(await assessment.listedLevel('1.1')).toBe('Mức 2');
    await assessment.dismissNotices();
    await assessment.screenshot('assessment-tt57-02-level-2');
  });

  step('the school level and what holds it back, in TT57’s rule', async () => {
    expect(await assessment.schoolLevel.innerText()).toBe('Chưa đạt Mức 1');
    const gap = await assessment.gap.innerText();
    expect(gap).toContain('Để đạt Mức 1');
    expect(gap).not.toMatch(/\b1\.1\b.*chưa/);
    await assessment.screenshot('assessment-tt57-03-header', { fullPage: false });
  });

  step(
    'forms the council from the staff list and a typed member, then assigns the criterion',
    async () => {
      await assessment.openSection('Hội đồng & kế hoạch');
      const warnings = page.getByTestId('council-warnings');
      expect(await warnings.innerText()).toContain('Chủ tịch');
      await page
        .getByTestId('council-pick-person')
        .selectOption({ label: 'Lê Minh Khoa — Hiệu trưởng' });
      await page.getByTestId('council-add-person').click();
      await page.getByRole('button', { name: 'Thêm người ngoài danh sách' }).click();
      const typed = page.getByTestId('council-member').nth(1);
      await typed.getByLabel('Họ và tên').fill('Nguyễn Thị Bích Ngọc');
      await typed.getByLabel('Chức vụ').fill('Giáo viên');
      await typed.getByLabel('Nhiệm vụ trong Hội đồng').selectOption({ label: 'Thư ký' });
      await page.getByLabel('Số quyết định thành lập').fill('25/QĐ-THCSTL');
      await page.getByTestId('council-save').click();
      await assessment.waitForSuccess('Đã lưu Hội đồng tự đánh giá');
      await expect.poll(() => warnings.innerText()).not.toContain('chưa có Chủ tịch');
      expect(await warnings.innerText()).toContain('ít nhất 5');
      // The work plan's timeline.
      await page.getByRole('button', { name: 'Thêm bước' }).click();
      const steps = page.getByTestId('work-plan-steps');
      await steps.getByLabel('Thời gian').last().fill('Tuần 1–2 tháng 10/2026');
      await steps.getByLabel('Hoạt động').last().fill('Họp Hội đồng, phân công nhóm công tác');
      await page.getByRole('button', { name: 'Lưu kế hoạch tự đánh giá' }).click();
      await assessment.waitForSuccess('Đã lưu kế hoạch tự đánh giá');
      await expect
        .poll(() => steps.getByLabel('Hoạt động').last().inputValue())
        .toBe('Họp Hội đồng, phân công nhóm công tác');
      await assessment.dismissNotices();
      await assessment.screenshot('assessment-tt57-04-council');

      await assessment.openSection('Tiêu chí');
      await assessment.openCriterion('1.1');
      await assessment.panel.getByLabel('Người/nhóm phụ trách').selectOption({
        label: 'Thành viên: Nguyễn Thị Bích Ngọc',
      });
      await assessment.waitForSuccess('Đã lưu tiêu chí');
      await expect
        .poll(() => assessment.criterionItem('1.1').innerText())
        .toContain('Nguyễn Thị Bích Ngọc');
    },
  );

  step('a save refused because someone saved first shows their content beside mine', async () => {
    await assessment.openCriterion('1.2');
    const detail = await api.request<{
      id: string;
      criteria: { criterionCode: string; version: number }[];
    }>('GET', `/api/assessments/${assessment.assessmentId()}`);
    const version = detail.criteria.find((c) => c.criterionCode === '1.2')?.version ?? 0;
    await api.request('PATCH', `/api/assessments/${detail.id}/criteria/1.2`, {
      strengths: 'Phân công nhiệm vụ rõ ràng (nhập từ máy khác).',
      version,
    });
    await assessment.field('strengths').fill('Cơ cấu tổ chức đầy đủ theo quy định.');
    await assessment.panel.getByTestId('criterion-save').click();
    const conflict = assessment.panel.getByTestId('conflict');
    await conflict.waitFor();
    const text = await conflict.innerText();
    expect(text).toContain('Phân công nhiệm vụ rõ ràng (nhập từ máy khác).');
    expect(text).toContain('Cơ cấu tổ chức đầy đủ theo quy định.');
    await assessment.dismissNotices();
    await assessment.screenshot('assessment-tt57-05-conflict', { fullPage: false });
    await conflict.getByRole('button', { name: /Giữ/ }).click();
    await assessment.saveCriterion();
    await expect
      .poll(() => assessment.field('strengths').inputValue())
      .toBe('Cơ cấu tổ chức đầy đủ theo quy định.');
  });

  step(
    'writes the general assessment of standard 1 (TT57: limitations, causes, priorities)',
    async () => {
      await page.getByRole('button', { name: /^Tiêu chuẩn 1\./ }).click();
      const panel = page.getByTestId('standard-panel');
      await panel.getByLabel('Hạn chế').fill('Việc rà soát kế hoạch chưa thường xuyên.');
      await panel.getByLabel('Vấn đề ưu tiên cần cải tiến').fill('Rà soát kế hoạch mỗi học kỳ.');
      await panel.getByRole('button', { name: 'Lưu nhận định' }).click();
      await assessment.waitForSuccess('Đã lưu');
      await page.reload();
      await page.getByTestId('standard-panel').waitFor();
      expect(await page.getByTestId('standard-panel').getByLabel('Hạn chế').inputValue()).toBe(
        'Việc rà soát kế hoạch chưa thường xuyên.',
      );
      await assessment.openCriterion('1.1');
    },
  );

  step(
    'the criterion’s history shows it in last year’s assessment, under the 2018 regime',
    async () => {
      await assessment.openCriterion('1.1');
      const history = assessment.panel.getByTestId('criterion-history');
      await history.locator('summary').click();
      await expect.poll(() => history.innerText()).toMatch(/Năm học 2025 - 2026 · TT18/);
    },
  );

  step('submitted, approved with a seal, then a revision opens a new draft', async () => {
    await page.getByTestId('assessment-submit').click();
    await expect.poll(() => assessment.status.innerText()).toBe('Đã trình');
    await page.getByTestId('assessment-approve').click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Phê duyệt' }).click();
    await expect.poll(() => assessment.status.innerText()).toBe('Đã phê duyệt');
    expect(await page.getByTestId('assessment-read-only').innerText()).toContain('chỉ xem');
    await expect
      .poll(() =>
        assessment.toggle('1').getByRole('button', { name: 'Đạt', exact: true }).isDisabled(),
      )
      .toBe(true);
    expect(await page.getByTestId('assessment-deadline').innerText()).toContain('đúng hạn');
    // Read-only, the descriptions show their cited codes as links to the evidence.
    const cited = assessment.panel
      .getByTestId('cited-text')
      .getByRole('link', { name: 'MC.1.1.01' });
    expect(await cited.count()).toBe(2);
    await assessment.screenshot('assessment-tt57-06b-approved-criterion', { fullPage: false });
    await assessment.openSection('Văn bản & kế hoạch cải tiến');
    await expect
      .poll(() => page.getByTestId('assessment-seal').innerText())
      .toContain('Niêm phong còn nguyên');
    await assessment.dismissNotices();
    await assessment.screenshot('assessment-tt57-06-approved', { fullPage: false });

    const approvedId = assessment.assessmentId();
    await page.getByTestId('assessment-revise').click();
    await page
      .getByLabel('Lý do điều chỉnh')
      .fill('Bổ sung minh chứng tiêu chí 1.2 theo góp ý của Phòng.');
    await page.getByRole('button', { name: 'Tạo bản điều chỉnh' }).last().click();
    await expect.poll(() => assessment.assessmentId()).not.toBe(approvedId);
    await expect.poll(() => assessment.status.innerText()).toBe('Dự thảo');
    expect(await assessment.header.innerText()).toContain('Điều chỉnh, bổ sung lần 1');
  });

  step('the draft plan takes its Căn cứ and results from the approved assessment', async () => {
    /** The plan's text boxes' values (the header form's sections among them). */
    const boxes = async () =>
      (
        await page
          .locator('textarea')
          .evaluateAll((all) => all.map((b) => (b as { value: string }).value))
      ).join('\n');
    await page.goto(`${app.baseUrl}/ke-hoach/${planId}`);
    const card = page.getByTestId('plan-assessment-basis');
    await card.waitFor();
    const lines = await card.getByTestId('plan-basis-lines').innerText();
    expect(lines).toContain('Căn cứ báo cáo tự đánh giá năm học 2026-2027');
    expect(lines).toContain('Kết quả tự đánh giá năm học 2026-2027:');
    // The counts are shown once (basisLines holds them; the summary is not listed again).
    expect(lines.match(/Tự đánh giá (?:chưa )?đạt mức/g)).toHaveLength(1);
    await page.locator('textarea').first().waitFor({ state: 'attached' });
    // The template's generic line is there; the approval date and the results are not yet.
    expect(await boxes()).toContain('Căn cứ báo cáo tự đánh giá năm học 2026-2027;');
    expect(await boxes()).not.toContain('Kết quả tự đánh giá năm học 2026-2027:');
    expect(await boxes()).not.toContain('được phê duyệt ngày');

    await card.getByTestId('plan-basis-apply').click();
    await expect.poll(boxes).toContain('Kết quả tự đánh giá năm học 2026-2027:');
    expect(await boxes()).toMatch(
      /Căn cứ báo cáo tự đánh giá năm học 2026-2027 của [^\n]*, được phê duyệt ngày /,
    );
    // The generic line was replaced, not kept beside the new one.
    expect((await boxes()).match(/báo cáo tự đánh giá năm học 2026-2027/g)).toHaveLength(1);
    await assessment.dismissNotices();
    await assessment.screenshot('assessment-tt57-07-plan-basis-applied', { fullPage: false });

    // Stored in the plan's Căn cứ section, not only shown.
    const plan = await api.request<{ sections: { body: string }[] }>('GET', `/api/plans/${planId}`);
    expect(plan.sections.map((x) => x.body).join('\n')).toContain(
      'Kết quả tự đánh giá năm học 2026-2027:',
    );
  });
});
