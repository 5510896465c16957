import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FrameworkBrowserPage } from './pages/framework-browser.page.ts';
import { startApp, type AppUnderTest } from './support/app-server.ts';
import { browserSkipReason, launchBrowser, newContext } from './support/browser.ts';

// Thông tư 17/2018/TT-BGDĐT, tiêu chí 1.1, Mức 1 (as seeded from the framework catalogue).
const TT17_1_1_TITLE = 'Phương hướng, chiến lược xây dựng và phát triển nhà trường';
const TT17_1_1_LEVEL1 = [
  'Phù hợp mục tiêu giáo dục được quy định tại Luật giáo dục',
  'Được xác định bằng văn bản và cấp có thẩm quyền phê duyệt',
  'Được công bố công khai bằng hình thức niêm yết tại nhà trường',
];

const title = browserSkipReason
  ? `Tra cứu tiêu chuẩn (bỏ qua: ${browserSkipReason})`
  : 'Tra cứu tiêu chuẩn';

describe.skipIf(browserSkipReason !== null)(title, () => {
  let app: AppUnderTest;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  describe('on a desktop (1280×800)', () => {
    let context: BrowserContext;
    let screen: FrameworkBrowserPage;

    beforeAll(async () => {
      context = await newContext(browser, 'desktop');
      screen = new FrameworkBrowserPage(await context.newPage(), app.baseUrl);
    });

    afterAll(async () => {
      await context?.close();
    });

    test('a teacher picks TT17, reads criterion 1.1 and searches without diacritics', async () => {
      await screen.open();
      await screen.catalogue.getByText('Thông tư 57/2026 (hiện hành)').waitFor();
      await screen.catalogue.getByText('Các thông tư năm 2018').waitFor();
      await screen.screenshot('01-catalogue-desktop');

      await screen.chooseFramework('TT17');
      expect(screen.urlState().get('framework')).toBe('TT17');
      expect(await screen.overview.innerText()).toContain('Thông tư 17/2018/TT-BGDĐT');
      expect(await screen.count('criteria').innerText()).toMatch(/^27\s*tiêu chí$/);
      expect(await screen.count('level4').innerText()).toMatch(/^5\s*yêu cầu Mức 4$/);

      await screen.openCriterion('1.1');
      expect(screen.urlState().get('criterion')).toBe('1.1');
      expect(await screen.detailHeading.innerText()).toContain(TT17_1_1_TITLE);
      const level1 = await screen.indicatorTexts(1);
      expect(level1).toHaveLength(3);
      TT17_1_1_LEVEL1.forEach((start, i) => expect(level1[i]).toContain(start));
      expect(await screen.indicator(1, 'a').innerText()).toMatch(/^a\)/);
      expect(await screen.indicators(2).count()).toBeGreaterThan(0);
      expect(await screen.indicators(3).count()).toBeGreaterThan(0);
      expect(await screen.verificationBadge.innerText()).toMatch(
        /Đã đối chiếu nguồn|Chưa xác minh/,
      );
      // Focus follows the opened criterion (keyboard and screen-reader users land on it).
      expect(await screen.focusedElementId()).toBe('criterion-heading');
      await screen.screenshot('02-criterion-1.1-desktop');

      await screen.search('phuong huong');
      await expect.poll(() => screen.listedCriterionCodes()).toContain('1.1');
      expect(await screen.criterionLink('1.1').innerText()).toContain(TT17_1_1_TITLE);
      expect(await screen.highlights.first().innerText()).toMatch(/^Phương|^phương|^hướng|^Hướng/);
      expect(screen.urlState().get('q')).toBe('phuong huong');
      await screen.screenshot('03-search-phuong-huong-desktop');

      await screen.search('zzqx không có tiêu chí này 9876');
      await screen.searchEmpty.waitFor();
      expect(await screen.searchEmpty.innerText()).toContain('Không tìm thấy');
      await screen.screenshot('04-search-empty-desktop');
    });

    test('works from the keyboard: Enter on a criterion opens it and moves focus there', async () => {
      await screen.open({ framework: 'TT17' });
      await screen.criterionLink('1.3').focus();
      await screen.page.keyboard.press('Enter');
      await screen.detailHeading.filter({ hasText: 'Tiêu chí 1.3' }).waitFor();
      expect(await screen.focusedElementId()).toBe('criterion-heading');
      await screen.searchBox.focus();
      await screen.page.keyboard.type('hoi dong');
      await expect.poll(() => screen.listedCriterionCodes()).toContain('1.2');
      await screen.page.keyboard.press('Escape');
      await expect.poll(() => screen.searchBox.inputValue()).toBe('');
    });

    test('the back button returns to the previous criterion and framework', async () => {
      await screen.open({ framework: 'TT17', criterion: '1.1' });
      await screen.detailHeading.filter({ hasText: 'Tiêu chí 1.1' }).waitFor();
      await screen.openCriterion('1.2');
      await screen.page.goBack();
      await screen.detailHeading.filter({ hasText: 'Tiêu chí 1.1' }).waitFor();
      expect(screen.urlState().get('criterion')).toBe('1.1');
      await screen.chooseFramework('TT18');
      await screen.page.goBack();
      await screen.overview.getByText('TT17', { exact: true }).waitFor();
    });

    test('the 2018 versions differ: TT22/2024 repeals are struck through in version 2 only', async () => {
      await screen.open({ framework: 'TT17', criterion: '2.2' });
      await screen.detailHeading.filter({ hasText: 'Tiêu chí 2.2' }).waitFor();
      await expect.poll(() => screen.repealNotes.count()).toBeGreaterThan(0);
      expect(await screen.repealNotes.first().innerText()).toContain(
        'Bãi bỏ theo Thông tư 22/2024/TT-BGDĐT',
      );
      expect(await screen.detail.locator('del').count()).toBeGreaterThan(0);
      await screen.screenshot('05-repealed-tt17v2-2.2-desktop');

      await screen.chooseVersion('TT17@1');
      expect(screen.urlState().get('framework')).toBe('TT17@1');
      expect(screen.urlState().get('criterion')).toBe('2.2');
      await screen.supersededNotice.waitFor();
      await screen.detailHeading.filter({ hasText: 'Tiêu chí 2.2' }).waitFor();
      expect(await screen.repealNotes.count()).toBe(0);
    });

    test('TT57 shows its 8 mandatory criteria and no Mức 3', async () => {
      await screen.open({ framework: 'TT57-PT' });
      await screen.overview.getByText('TT57-PT', { exact: true }).waitFor();
      expect(await screen.count('mandatory').innerText()).toMatch(/^8\s*tiêu chí bắt buộc$/);
      expect(await screen.count('criteria').innerText()).toMatch(/^15\s*tiêu chí$/);
      const mandatoryCode = await screen.criterionNav
        .locator('[data-testid^="criterion-link-"]', {
          has: screen.page.locator('.flag--mandatory'),
        })
        .first()
        .getAttribute('data-testid');
      const code = mandatoryCode?.replace('criterion-link-', '') ?? '';
      await screen.openCriterion(code);
      await screen.mandatoryBadge.waitFor();
      expect(await screen.mandatoryBadge.innerText()).toBe('Bắt buộc');
      expect(await screen.indicators(1).count()).toBeGreaterThan(0);
      expect(await screen.detail.getByTestId('level-3').count()).toBe(0);
      await screen.screenshot('06-tt57-mandatory-desktop');

      // Sources disagree on the wording of 1.4 (TT57 discrepancy D1): both are shown.
      await screen.openCriterion('1.4');
      expect(await screen.titleVariants.innerText()).toContain('Cách viết khác (nguồn');
    });

    test('an unknown framework shows the API error in Vietnamese', async () => {
      await screen.open({ framework: 'KHONG-CO' });
      await screen.errorAlert.waitFor();
      const text = await screen.errorAlert.innerText();
      expect(text).toContain('Không tải được bộ tiêu chuẩn');
      // The second line is the API's own message (error shape { error: { code, message } }).
      expect(text.split('\n').filter((line) => line.trim()).length).toBeGreaterThan(1);
      await screen.screenshot('07-error-desktop');
    });
  });

  describe('on a phone (390×844)', () => {
    let context: BrowserContext;
    let screen: FrameworkBrowserPage;

    beforeAll(async () => {
      context = await newContext(browser, 'phone');
      screen = new FrameworkBrowserPage(await context.newPage(), app.baseUrl);
    });

    afterAll(async () => {
      await context?.close();
    });

    test('the list and the detail stack, nothing overflows sideways', async () => {
      await screen.open();
      await screen.catalogue.waitFor();
      expect(await screen.hasHorizontalOverflow()).toBe(false);
      await screen.screenshot('11-catalogue-phone');

      await screen.chooseFramework('TT17');
      await screen.openCriterion('1.1');
      const nav = await screen.criterionNav.boundingBox();
      const detail = await screen.detail.boundingBox();
      expect(nav && detail && detail.y).toBeGreaterThan((nav?.y ?? 0) + (nav?.height ?? 0) - 1);
      expect(await screen.hasHorizontalOverflow()).toBe(false);
      await screen.screenshot('12-criterion-1.1-phone-viewport', { fullPage: false });
      await screen.screenshot('13-criterion-1.1-phone-full');

      await screen.search('phuong huong');
      await expect.poll(() => screen.listedCriterionCodes()).toContain('1.1');
      await screen.searchBox.evaluate((input) => input.scrollIntoView({ block: 'start' }));
      await screen.screenshot('14-search-phone', { fullPage: false });

      await screen.search('zzqx không có tiêu chí này 9876');
      await screen.searchEmpty.waitFor();
      await screen.searchEmpty.scrollIntoViewIfNeeded();
      expect(await screen.hasHorizontalOverflow()).toBe(false);
      await screen.screenshot('15-search-empty-phone', { fullPage: false });
    });
  });
});
