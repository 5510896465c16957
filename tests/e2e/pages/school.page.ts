import type { Locator } from 'playwright-core';
import { AppPage } from './app.page.ts';

/** The school's header and tabs (Hồ sơ trường, Nhân sự, Nhóm & Hội đồng, Tài khoản, Nhật ký). */
export class SchoolPage extends AppPage {
  /** The school's id, from the address of one of its pages. */
  schoolId(): string {
    const match = /^\/truong\/([^/]+)/.exec(this.path());
    if (!match?.[1]) throw new Error(`not on a school page: ${this.path()}`);
    return decodeURIComponent(match[1]);
  }

  get schoolName(): Locator {
    return this.page.getByTestId('school-name');
  }

  get tabs(): Locator {
    return this.page.getByRole('navigation', { name: 'Các mục của trường' });
  }

  async tabLabels(): Promise<string[]> {
    return (await this.tabs.getByRole('link').allInnerTexts()).map((text) => text.trim());
  }

  async openTab(
    label: 'Hồ sơ trường' | 'Nhân sự' | 'Nhóm & Hội đồng' | 'Tài khoản' | 'Nhật ký thay đổi',
  ) {
    await this.tabs.getByRole('link', { name: label, exact: true }).click();
    await this.tabs
      .getByRole('link', { name: label, exact: true })
      .and(this.page.locator('[aria-current="page"]'))
      .waitFor();
  }
}

/** Trường → Hồ sơ trường. */
export class SchoolProfilePage extends SchoolPage {
  async open(schoolId: string): Promise<void> {
    await this.goto(`/truong/${schoolId}/ho-so`);
    await this.view.waitFor();
  }

  get view(): Locator {
    return this.page.getByTestId('school-profile');
  }

  get form(): Locator {
    return this.page.getByTestId('school-profile-form');
  }

  get editButton(): Locator {
    return this.page.getByRole('button', { name: 'Sửa hồ sơ' });
  }

  get conflict(): Locator {
    return this.page.getByTestId('conflict');
  }

  /** The value shown for a field of the profile (officialName, governingBody, placeName…). */
  value(field: string): Locator {
    return this.view.getByTestId(`profile-${field}`).locator('dd');
  }

  get headerPreview(): Locator {
    return this.page.getByTestId('document-header-preview');
  }

  async startEditing(): Promise<void> {
    await this.editButton.click();
    await this.form.waitFor();
  }

  field(label: string): Locator {
    return this.form.getByLabel(label, { exact: true });
  }

  /** Fills the profile form (only the values given) without saving. */
  async fill(values: {
    levels?: string[];
    governingBody?: string;
    placeName?: string;
    documentSymbol?: string;
    address?: string;
    phone?: string;
    email?: string;
    sites?: Array<{ name: string; address: string }>;
  }): Promise<void> {
    for (const level of values.levels ?? [])
      await this.form.getByRole('checkbox', { name: level, exact: true }).check();
    if (values.governingBody !== undefined)
      await this.field('Cơ quan chủ quản').fill(values.governingBody);
    if (values.placeName !== undefined) await this.field('Địa danh').fill(values.placeName);
    if (values.documentSymbol !== undefined)
      await this.field('Ký hiệu văn bản').fill(values.documentSymbol);
    if (values.address !== undefined) await this.field('Địa chỉ').fill(values.address);
    if (values.phone !== undefined) await this.field('Điện thoại').fill(values.phone);
    if (values.email !== undefined) await this.field('E-mail').fill(values.email);
    for (const [index, site] of (values.sites ?? []).entries()) {
      await this.form.getByRole('button', { name: 'Thêm điểm trường' }).click();
      await this.field(`Tên điểm trường ${index + 1}`).fill(site.name);
      await this.field(`Địa chỉ điểm trường ${index + 1}`).fill(site.address);
    }
  }

  async clickSave(): Promise<void> {
    await this.form.getByRole('button', { name: 'Lưu', exact: true }).click();
  }

  /** Saves and waits for the profile view again. */
  async save(): Promise<void> {
    await this.clickSave();
    await this.form.waitFor({ state: 'detached' });
    await this.view.waitFor();
  }
}
