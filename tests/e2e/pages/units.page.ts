import type { Locator } from 'playwright-core';
import { AppPage } from './app.page.ts';

/** Vietnamese names of unit kinds, as the form offers them. */
export const UNIT_KIND_OPTION = {
  province: 'Sở Giáo dục và Đào tạo',
  commune: 'UBND xã/phường',
  district_legacy: 'Phòng Giáo dục và Đào tạo (trước 01/7/2025)',
  school: 'Trường / cơ sở giáo dục',
} as const;

/** Quản trị → Đơn vị: the tree of offices and schools. */
export class UnitsPage extends AppPage {
  async open(): Promise<void> {
    await this.goto('/quan-tri/don-vi');
    await this.heading.filter({ hasText: 'Đơn vị' }).waitFor();
  }

  get tree(): Locator {
    return this.page.getByTestId('unit-tree');
  }

  /** The row of a unit in the tree, by its exact name. */
  unit(name: string): Locator {
    return this.page
      .getByTestId('unit-item')
      .filter({ has: this.page.getByTestId('unit-name').getByText(name, { exact: true }) })
      .last();
  }

  /** Names in the tree, in display order. */
  async unitNames(): Promise<string[]> {
    return this.page.getByTestId('unit-name').allInnerTexts();
  }

  /**
   * Creates a unit with the general "Thêm đơn vị" form: kind, name and (when not at the top) the
   * parent, chosen by its place in the tree ("Sở … › UBND xã …").
   */
  async createUnit(input: {
    kind: keyof typeof UNIT_KIND_OPTION;
    name: string;
    parentTrail?: string;
  }): Promise<void> {
    await this.page.getByRole('button', { name: 'Thêm đơn vị', exact: true }).first().click();
    const form = this.page.getByTestId('unit-create-form');
    await form.getByLabel('Loại đơn vị').selectOption({ label: UNIT_KIND_OPTION[input.kind] });
    await form.getByLabel('Tên đơn vị').fill(input.name);
    if (input.parentTrail)
      await form.getByLabel('Đơn vị cấp trên').selectOption({ label: input.parentTrail });
    await form.getByRole('button', { name: 'Thêm đơn vị' }).click();
    await form.waitFor({ state: 'detached' });
    await this.unit(input.name).waitFor();
  }

  /** Creates a unit under a row of the tree ("Thêm trực thuộc"). */
  async createChild(
    parentName: string,
    input: { kind: keyof typeof UNIT_KIND_OPTION; name: string },
  ) {
    await this.page.getByRole('button', { name: `Thêm đơn vị trực thuộc ${parentName}` }).click();
    const form = this.page.getByTestId('unit-create-form');
    await form.getByLabel('Loại đơn vị').selectOption({ label: UNIT_KIND_OPTION[input.kind] });
    await form.getByLabel('Tên đơn vị').fill(input.name);
    await form.getByRole('button', { name: 'Thêm đơn vị' }).click();
    await form.waitFor({ state: 'detached' });
    await this.unit(input.name).waitFor();
  }

  /** Opens a school's pages from its link in the tree. */
  async openSchool(name: string): Promise<void> {
    await this.tree.getByRole('link', { name, exact: true }).click();
    await this.waitForPath(/^\/truong\/[^/]+\/ho-so$/);
  }
}

/** "Các trường": the schools of the user's unit (office staff land here). */
export class SchoolsPage extends AppPage {
  get list(): Locator {
    return this.page.getByTestId('school-list');
  }

  async schoolNames(): Promise<string[]> {
    await this.list.waitFor();
    return this.list.getByRole('link').allInnerTexts();
  }

  async openSchool(name: string): Promise<void> {
    await this.list.getByRole('link', { name, exact: true }).click();
    await this.waitForPath(/^\/truong\/[^/]+\/ho-so$/);
  }
}
