import { describe, expect, test } from 'vitest';
import { conflictFields, mergeDrafts } from './conflict-notice.tsx';

const base = { name: 'Trường TH Định Hiệp', phone: '0274 111', email: '' };

describe('a refused save (409)', () => {
  test("lists what the other person changed, marking clashes with the user's own change", () => {
    const theirs = { ...base, phone: '0274 222', email: 'th@x.vn' };
    const mine = { ...base, phone: '0274 333' };
    const labels = [
      { key: 'name', label: 'Tên' },
      { key: 'phone', label: 'Điện thoại' },
      { key: 'email', label: 'E-mail' },
    ] as const;
    expect(conflictFields(labels, base, theirs, mine)).toEqual([
      { label: 'Điện thoại', theirs: '0274 222', mine: '0274 333', isClash: true },
      { label: 'E-mail', theirs: 'th@x.vn', mine: '', isClash: false },
    ]);
  });

  test("keeping mine keeps the user's changes and takes the others' where the user changed nothing", () => {
    const theirs = { ...base, phone: '0274 222', email: 'th@x.vn' };
    const mine = { ...base, name: 'Trường Tiểu học Định Hiệp' };
    expect(mergeDrafts(base, theirs, mine)).toEqual({
      name: 'Trường Tiểu học Định Hiệp',
      phone: '0274 222',
      email: 'th@x.vn',
    });
  });
});
