import { describe, it, expect } from 'vitest';
import { matchHeader, normaliseHeader } from './staff-headers.ts';

describe('matchHeader', () => {
  it.each([
    ['Họ và tên', 'fullName'],
    ['HỌ VÀ TÊN', 'fullName'],
    ['Ho va ten', 'fullName'],
    ['Họ tên', 'fullName'],
    ['Họ, tên', 'fullName'],
    ['  Họ   và\ntên ', 'fullName'],
    ['Họ và tên (*)', 'fullName'],
    ['Họ và tên cán bộ, giáo viên, nhân viên', 'fullName'],
    ['Họ và tên đệm', 'nameFirstPart'],
    ['Họ đệm', 'nameFirstPart'],
    ['Họ lót', 'nameFirstPart'],
    ['Tên', 'nameLastPart'],
    ['Chức vụ', 'position'],
    ['Chức danh', 'position'],
    ['Vị trí việc làm', 'position'],
    ['Chức vụ hiện nay', 'position'],
    ['Chuc vu', 'position'],
    ['Tổ chuyên môn', 'groups'],
    ['Tổ', 'groups'],
    ['Bộ phận', 'groups'],
    ['Tổ CM', 'groups'],
    ['Tổ/Bộ phận', 'groups'],
    ['Email', 'email'],
    ['E-mail', 'email'],
    ['Thư điện tử', 'email'],
    ['Địa chỉ email', 'email'],
    ['Số điện thoại', 'phone'],
    ['Điện thoại', 'phone'],
    ['SĐT', 'phone'],
    ['Số ĐT', 'phone'],
    ['Số điện thoại di động', 'phone'],
    ['Ghi chú', 'note'],
    ['STT', 'ordinal'],
    ['TT', 'ordinal'],
    ['Số TT', 'ordinal'],
  ])('%s → %s', (header, role) => {
    expect(matchHeader(header)).toBe(role);
  });

  it.each([
    'Chức vụ Đảng',
    'Chức vụ kiêm nhiệm',
    'Chức danh nghề nghiệp',
    'Ngày sinh',
    'Giới tính',
    'Trình độ chuyên môn',
    'DANH SÁCH CÁN BỘ, GIÁO VIÊN, NHÂN VIÊN NĂM HỌC 2025-2026',
    'Tôn giáo',
    '',
  ])('“%s” is no staff field', (header) => {
    expect(matchHeader(header)).toBeNull();
  });

  it('normalises punctuation, brackets and diacritics', () => {
    expect(normaliseHeader('Họ, tên (bắt buộc)')).toBe('ho ten');
    expect(normaliseHeader('Tổ / Bộ phận')).toBe('to bo phan');
  });
});
