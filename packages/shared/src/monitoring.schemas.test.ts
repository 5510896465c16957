import { describe, expect, it } from 'vitest';
import { addProgressBodySchema } from './monitoring.schemas.ts';

// QA: an unknown status or funding source was refused with the codes only
// ("mong đợi một trong các giá trị "not_started"|…"), which a teacher cannot read.
describe('addProgressBodySchema messages', () => {
  const base = { version: 0, entryDate: '2027-01-10' };

  it('names the statuses in Vietnamese when the status is unknown', () => {
    const parsed = addProgressBodySchema.safeParse({ ...base, status: 'xong' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(
      'Trạng thái không hợp lệ; chọn một trong: not_started (Chưa bắt đầu), in_progress (Đang thực hiện), done (Hoàn thành), delayed (Chậm tiến độ), cancelled (Không thực hiện được / chuyển năm sau).',
    );
  });

  it('names the funding sources in Vietnamese when the source is unknown', () => {
    const parsed = addProgressBodySchema.safeParse({
      ...base,
      spent: { amount: 5, source: 'ngan sach' },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(
      /^Nguồn kinh phí không hợp lệ; chọn một trong: state \(Ngân sách/u,
    );
  });

  it('still accepts the codes', () => {
    expect(
      addProgressBodySchema.safeParse({
        ...base,
        status: 'done',
        spent: { amount: 5, source: 'state' },
      }).success,
    ).toBe(true);
  });
});
