import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { AssessmentPage, AssessmentsTabPage } from './pages/assessment.page.ts';
import { signedInAtSchool } from './pages/auth.page.ts';
import { ApiSession } from './support/api.ts';
import type { AppUnderTest } from './support/app-server.ts';
import { browserSkipReason } from './support/browser.ts';
import { sequentialJourney, startSchoolJourney, stopSchoolJourney } from './support/journey.ts';

// Issue 12, on a phone (390 px): a member of the self-assessment council reads a criterion,
// marks it, and photographs a signed document as its evidence.
const PRINCIPAL = { username: 'hieutruong.anphu', password: 'An-Phu-2025-Dien-Thoai' };
const MEMBER = { username: 'giaovien.anphu', password: 'Giao-Vien-An-Phu-2025' };
const SEED = {
  admin: { username: 'quantri', displayName: 'Quản trị hệ thống', password: 'Sao-Mai-Xanh-2025' },
  province: 'Sở Giáo dục và Đào tạo tỉnh An Giang',
  commune: 'UBND xã An Phú',
  school: 'Trường Tiểu học An Phú',
  levels: ['tieu_hoc'],
  placeName: 'An Phú',
  documentSymbol: 'THAP',
  people: [
    { fullName: 'Phạm Thị Hồng', position: 'Hiệu trưởng' },
    { fullName: 'Võ Văn Tâm', position: 'Tổ trưởng chuyên môn' },
  ],
  accounts: [
    { ...PRINCIPAL, person: 'Phạm Thị Hồng', role: 'principal' },
    { ...MEMBER, person: 'Võ Văn Tâm', role: 'council_member' },
  ],
};

/** A 1×1 JPEG, as a phone camera hands it over (the server checks the bytes, not the name). */
const PHOTO = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

const title = browserSkipReason
  ? `Tự đánh giá trên điện thoại (bỏ qua: ${browserSkipReason})`
  : 'Tự đánh giá trên điện thoại';

describe.skipIf(browserSkipReason !== null)(title, () => {
  let app: AppUnderTest;
  let browser: Browser;
  let schoolId = '';
  let assessmentId = '';
  let context: BrowserContext;
  let page: Page;
  let assessment: AssessmentPage;
  const step = sequentialJourney();

  beforeAll(async () => {
    ({ app, browser, schoolId } = await startSchoolJourney(SEED));
    // The principal started the year's assessment; the member works on it from a phone.
    const api = new ApiSession(app.baseUrl);
    await api.signIn(PRINCIPAL.username, PRINCIPAL.password);
    const created = await api.request<{ id: string }>(
      'POST',
      `/api/schools/${schoolId}/assessments`,
      { schoolYear: '2025-2026' },
    );
    assessmentId = created.id;
    ({ context, page } = await signedInAtSchool(browser, app.baseUrl, MEMBER, 'phone'));
    assessment = new AssessmentPage(page, app.baseUrl);
  });

  afterAll(async () => {
    await context?.close();
    await stopSchoolJourney({ app, browser });
  });

  step('finds the assessment from the school’s Tự đánh giá tab', async () => {
    const tab = new AssessmentsTabPage(page, app.baseUrl);
    await tab.open(schoolId);
    await tab.items.first().getByRole('link', { name: 'Mở' }).click();
    await assessment.waitForPath(new RegExp(`^/tu-danh-gia/${assessmentId}`));
    await assessment.criterionItem('1.1').waitFor();
    expect(await assessment.hasHorizontalOverflow()).toBe(false);
    await assessment.screenshot('assessment-phone-01-list');
  });

  step('reads and marks a criterion; the list gives way to it and comes back', async () => {
    await assessment.openCriterion('1.1');
    expect(await assessment.criterionItem('1.1').isVisible()).toBe(false);
    for (const key of await assessment.indicatorKeys(1)) await assessment.mark(key, true);
    await expect.poll(() => assessment.computedLevel.innerText()).toMatch(/Mức 1|Chưa xác định/);
    expect(await assessment.hasHorizontalOverflow()).toBe(false);
    await assessment.dismissNotices();
    await assessment.screenshot('assessment-phone-02-criterion', { fullPage: false });
  });

  step('photographs a signed document as the criterion’s evidence', async () => {
    await assessment.addEvidenceHere({
      name: 'Biên bản họp Hội đồng trường học kỳ I',
      issued: 'Ngày 28/12/2025',
      issuer: 'Hội đồng trường',
    });
    const item = assessment.criterionEvidence('Biên bản họp');
    const photoInput = item.getByTestId('evidence-photo-input');
    expect(await photoInput.getAttribute('capture')).toBe('environment');
    expect(await photoInput.getAttribute('accept')).toContain('image/*');
    await photoInput.setInputFiles({
      name: 'IMG_20251228_101500.jpg',
      mimeType: 'image/jpeg',
      buffer: PHOTO,
    });
    await assessment.waitForSuccess('Đã tải tệp lên');
    await item.getByRole('link', { name: 'IMG_20251228_101500.jpg' }).waitFor();
    expect(await assessment.hasHorizontalOverflow()).toBe(false);
    await assessment.dismissNotices();
    await item.scrollIntoViewIfNeeded();
    await assessment.screenshot('assessment-phone-03-photo', { fullPage: false });

    await page.getByRole('button', { name: '← Danh sách tiêu chí' }).click();
    await assessment.criterionItem('1.1').waitFor();
  });
});
