import { describe, it, expect } from 'vitest';
import { classifyPosition, POSITION_KINDS, positionKindLabel } from './position-kind.ts';

describe('classifyPosition', () => {
  it.each([
    ['Hiệu trưởng', 'principal'],
    ['HIỆU TRƯỞNG', 'principal'],
    ['Hieu truong', 'principal'],
    ['HT', 'principal'],
    ['Quyền Hiệu trưởng', 'principal'],
    ['Bí thư chi bộ, Hiệu trưởng', 'principal'],
    ['Phó hiệu trưởng', 'vice_principal'],
    ['Phó Hiệu Trưởng', 'vice_principal'],
    ['P.HT', 'vice_principal'],
    ['PHT', 'vice_principal'],
    ['P. Hiệu trưởng', 'vice_principal'],
    ['Hiệu phó', 'vice_principal'],
    ['Phó hiệu trưởng kiêm Tổ trưởng', 'vice_principal'],
    ['Tổ trưởng', 'group_leader'],
    ['Tổ trưởng chuyên môn', 'group_leader'],
    ['TTCM', 'group_leader'],
    ['Giáo viên, Tổ trưởng tổ Toán', 'group_leader'],
    ['Tổ trưởng tổ Văn phòng', 'group_leader'],
    ['Tổ phó', 'group_deputy'],
    ['Phó tổ trưởng', 'group_deputy'],
    ['Tổ phó chuyên môn', 'group_deputy'],
    ['Giáo viên', 'teacher'],
    ['GV', 'teacher'],
    ['GV dạy Toán', 'teacher'],
    ['GVCN lớp 6A', 'teacher'],
    ['Giáo viên - Tổ trưởng công đoàn', 'teacher'],
    ['Nhân viên', 'staff'],
    ['NV', 'staff'],
    ['Văn thư', 'staff'],
    ['Nhân viên y tế', 'staff'],
    ['Thủ quỹ', 'staff'],
    ['Bảo vệ', 'staff'],
    ['Nhân viên thư viện', 'staff'],
    ['Kế toán', 'accountant'],
    ['Kế toán kiêm văn thư', 'accountant'],
    ['Nhân viên kế toán', 'accountant'],
    ['Tổng phụ trách Đội', 'youth_leader'],
    ['TPT Đội', 'youth_leader'],
    ['GV - TPT Đội', 'youth_leader'],
    ['Chủ tịch công đoàn', 'other'],
    ['Tổ trưởng công đoàn', 'other'],
    ['Thư ký hội đồng', 'other'],
    ['Tôn', 'other'],
  ])('%s → %s', (text, kind) => {
    expect(classifyPosition(text)).toBe(kind);
  });

  it('returns null for an empty cell', () => {
    expect(classifyPosition('')).toBeNull();
    expect(classifyPosition('   ')).toBeNull();
    expect(classifyPosition(null)).toBeNull();
  });

  it('reads every label back as its own kind', () => {
    for (const { kind, label } of POSITION_KINDS) {
      expect(classifyPosition(label)).toBe(kind);
      expect(positionKindLabel(kind)).toBe(label);
    }
  });
});
