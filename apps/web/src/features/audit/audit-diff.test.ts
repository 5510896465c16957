import { describe, expect, test } from 'vitest';
import { auditChanges, formatAuditValue } from './audit-diff.ts';

describe('audit before → after', () => {
  test('lists only the fields that changed, with Vietnamese names, ignoring bookkeeping', () => {
    const before = { fullName: 'Lê Thị Hoa', position: 'Giáo viên', version: 1, isActive: true };
    const after = {
      fullName: 'Lê Thị Hoa',
      position: 'Tổ trưởng chuyên môn',
      version: 2,
      isActive: false,
    };
    expect(auditChanges(before, after)).toEqual([
      { path: 'position', label: 'Chức vụ', before: 'Giáo viên', after: 'Tổ trưởng chuyên môn' },
      { path: 'isActive', label: 'Đang làm việc', before: 'Có', after: 'Không' },
    ]);
  });

  test('a creation lists what was set; a deletion what was removed', () => {
    expect(auditChanges(null, { kind: 'school', name: 'Trường TH Định Hiệp' })).toEqual([
      { path: 'kind', label: 'Loại', before: null, after: 'Trường / cơ sở giáo dục' },
      { path: 'name', label: 'Tên', before: null, after: 'Trường TH Định Hiệp' },
    ]);
    expect(auditChanges({ name: 'Tổ 1' }, null)).toEqual([
      { path: 'name', label: 'Tên', before: 'Tổ 1', after: null },
    ]);
  });

  test('fields a partial change did not send are not shown as cleared', () => {
    expect(auditChanges({ name: 'A', parentId: 'x' }, { name: 'B' })).toEqual([
      { path: 'name', label: 'Tên', before: 'A', after: 'B' },
    ]);
  });

  test('codes read by name, ids by the names the screen knows, empty text as "(trống)"', () => {
    const names: Record<string, string> = { u1: 'UBND xã Định Hiệp' };
    expect(
      auditChanges(
        { schoolLevels: [], placeName: '', parentId: null },
        { schoolLevels: ['tieu_hoc', 'thcs'], placeName: 'Định Hiệp', parentId: 'u1' },
        (id) => names[id],
      ),
    ).toEqual([
      {
        path: 'schoolLevels',
        label: 'Cấp học',
        before: '(trống)',
        after: 'Tiểu học; Trung học cơ sở',
      },
      { path: 'placeName', label: 'Địa danh', before: '(trống)', after: 'Định Hiệp' },
      { path: 'parentId', label: 'Đơn vị cấp trên', before: null, after: 'UBND xã Định Hiệp' },
    ]);
    expect(
      formatAuditValue([{ role: 'principal', unitId: 'u1' }], 'roles', (id) => names[id]),
    ).toBe('Hiệu trưởng, UBND xã Định Hiệp');
  });

  test('lists and objects read as text', () => {
    expect(formatAuditValue([{ name: 'Điểm chính', address: 'Ấp 1' }])).toBe('Điểm chính, Ấp 1');
    expect(formatAuditValue([])).toBe('(trống)');
  });
});
