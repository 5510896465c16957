import type { Locator } from 'playwright-core';
import { SchoolPage } from './school.page.ts';

/** Trường → Nhân sự. */
export class PeoplePage extends SchoolPage {
  async open(schoolId: string): Promise<void> {
    await this.goto(`/truong/${schoolId}/nhan-su`);
    await this.page.getByRole('heading', { level: 2, name: 'Nhân sự' }).waitFor();
  }

  get table(): Locator {
    return this.page.getByTestId('people-table');
  }

  get rows(): Locator {
    return this.page.getByTestId('person-row');
  }

  get form(): Locator {
    return this.page.getByTestId('person-form');
  }

  /** Names in the list, in the order shown. */
  async names(): Promise<string[]> {
    return this.page.getByTestId('person-name').allInnerTexts();
  }

  row(fullName: string): Locator {
    return this.rows.filter({
      has: this.page.getByTestId('person-name').getByText(fullName, { exact: true }),
    });
  }

  /** Opens the "Thêm người" form (it stays open for the next person). */
  async startAdding(): Promise<void> {
    await this.page.getByRole('button', { name: 'Thêm người' }).click();
    await this.form.waitFor();
  }

  /** Fills the open form without saving. */
  async fill(person: { fullName: string; position?: string; phone?: string; email?: string }) {
    await this.form.getByLabel('Họ và tên').fill(person.fullName);
    if (person.position !== undefined) await this.form.getByLabel('Chức vụ').fill(person.position);
    if (person.phone !== undefined) await this.form.getByLabel('Điện thoại').fill(person.phone);
    if (person.email !== undefined) await this.form.getByLabel('E-mail').fill(person.email);
  }

  /** Adds people one after another with the open form, waiting for each in the list. */
  async addPeople(people: Array<{ fullName: string; position?: string; phone?: string }>) {
    await this.startAdding();
    for (const person of people) {
      await this.fill(person);
      await this.form.getByRole('button', { name: 'Thêm', exact: true }).click();
      await this.row(person.fullName).waitFor();
      // The form empties itself for the next person once the server has answered.
      const name = this.form.getByLabel('Họ và tên');
      for (let i = 0; i < 50 && (await name.inputValue()) !== ''; i += 1)
        await this.page.waitForTimeout(100);
    }
  }

  get importPanel(): Locator {
    return this.page.getByTestId('staff-import');
  }

  get importPreview(): Locator {
    return this.page.getByTestId('import-preview');
  }

  /** "Nhập từ Excel": chooses a file and asks for the preview (nothing is saved yet). */
  async previewImport(fileName: string, bytes: Uint8Array): Promise<void> {
    await this.page.getByRole('button', { name: 'Nhập từ Excel' }).click();
    await this.importPanel.waitFor();
    await this.importPanel.getByLabel('Tệp Excel (.xlsx)').setInputFiles({
      name: fileName,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(bytes),
    });
    await this.importPanel.getByRole('button', { name: 'Xem trước' }).click();
    await this.importPreview.waitFor();
  }

  /** Confirms the previewed import; waits until the panel closes. */
  async confirmImport(): Promise<void> {
    await this.importPreview.getByRole('button', { name: /^Xác nhận thêm/ }).click();
    await this.importPanel.waitFor({ state: 'detached' });
  }

  async closeForm(): Promise<void> {
    await this.form.getByRole('button', { name: 'Đóng', exact: true }).click();
    await this.form.waitFor({ state: 'detached' });
  }
}

/** Trường → Nhóm & Hội đồng. */
export class GroupsPage extends SchoolPage {
  async open(schoolId: string): Promise<void> {
    await this.goto(`/truong/${schoolId}/nhom`);
    await this.page.getByRole('heading', { level: 2, name: 'Nhóm & Hội đồng' }).waitFor();
  }

  get form(): Locator {
    return this.page.getByTestId('group-form');
  }

  group(name: string): Locator {
    return this.page
      .getByTestId('group-card')
      .filter({ has: this.page.getByTestId('group-name').getByText(name, { exact: true }) });
  }

  /**
   * Creates a group of a kind ("Hội đồng tự đánh giá") with members and their roles in it
   * ("Chủ tịch", "Thư ký", "Ủy viên"); people are chosen by name.
   */
  async createGroup(input: {
    kind: string;
    name?: string;
    members: Array<{ fullName: string; role: string }>;
  }): Promise<void> {
    await this.page.getByRole('button', { name: 'Thêm nhóm' }).click();
    await this.form.waitFor();
    await this.form.getByLabel('Loại nhóm').selectOption({ label: input.kind });
    if (input.name !== undefined) await this.form.getByLabel('Tên nhóm').fill(input.name);
    for (const [index, member] of input.members.entries()) {
      await this.form.getByRole('button', { name: 'Thêm thành viên' }).click();
      const person = this.form.getByLabel(`Thành viên ${index + 1}`, { exact: true });
      const option = person.locator('option', { hasText: member.fullName });
      await person.selectOption({ label: (await option.first().innerText()).trim() });
      await this.form
        .getByLabel(`Nhiệm vụ của thành viên ${index + 1}`)
        .selectOption({ label: member.role });
    }
    await this.form.getByRole('button', { name: 'Tạo nhóm' }).click();
    await this.form.waitFor({ state: 'detached' });
  }

  /** "Name — role in the group" of each member of a group, as listed. */
  async members(groupName: string): Promise<Array<{ name: string; role: string }>> {
    const rows = this.group(groupName).getByTestId('group-member');
    const result: Array<{ name: string; role: string }> = [];
    for (const row of await rows.all()) {
      result.push({
        name: (await row.getByRole('rowheader').innerText()).trim(),
        role: (await row.getByTestId('member-role').innerText()).trim(),
      });
    }
    return result;
  }
}
