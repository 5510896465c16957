import {
  GROUP_KIND_LABELS,
  MEMBER_ROLE_LABELS,
  ROLE_LABELS,
  SCHOOL_LEVEL_LABELS,
  UNIT_KIND_LABELS,
} from '@caitien/core';

/** One line of "before → after" in the audit log. */
export interface AuditChange {
  /** The field path ("sites.0.name"), for keys without a label. */
  path: string;
  label: string;
  before: string | null;
  after: string | null;
}

/** Vietnamese names of the fields the audit log records. */
const FIELD_LABELS: Record<string, string> = {
  name: 'Tên',
  kind: 'Loại',
  parentId: 'Đơn vị cấp trên',
  officialName: 'Tên chính thức',
  schoolLevels: 'Cấp học',
  governingBody: 'Cơ quan chủ quản',
  placeName: 'Địa danh',
  documentSymbol: 'Ký hiệu văn bản',
  address: 'Địa chỉ',
  phone: 'Điện thoại',
  email: 'E-mail',
  sites: 'Điểm trường',
  supervisingUnitIds: 'Đơn vị nhận báo cáo',
  fullName: 'Họ và tên',
  position: 'Chức vụ',
  note: 'Ghi chú',
  isActive: 'Đang làm việc',
  members: 'Thành viên',
  username: 'Tên đăng nhập',
  displayName: 'Tên hiển thị',
  personId: 'Người trong danh sách nhân sự',
  roles: 'Vai trò',
  isDisabled: 'Đã khóa',
  mustChangePassword: 'Phải đổi mật khẩu',
};

/** Bookkeeping fields that change with every save and say nothing to a reader. */
const IGNORED = new Set([
  'version',
  'updatedAt',
  'createdAt',
  'lastLoginAt',
  'id',
  'schoolId',
  'passwordHash',
  'isLockedOut',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Names of the coded values the log keeps (school levels, unit and group kinds, roles). */
const CODE_LABELS: Record<string, string> = {
  ...SCHOOL_LEVEL_LABELS,
  ...GROUP_KIND_LABELS,
  ...UNIT_KIND_LABELS,
  ...ROLE_LABELS,
  ...MEMBER_ROLE_LABELS,
};

/** Fields whose values are codes from {@link CODE_LABELS}. */
const CODED_FIELDS = new Set(['schoolLevels', 'kind', 'role', 'memberRole']);

/** Turns ids into names where the reader's screen knows them (units, people). */
export type NameOf = (id: string) => string | undefined;

/**
 * A value as a reader sees it: text as is, yes/no, codes by name, ids by name when known, lists
 * joined, objects by their values.
 */
export function formatAuditValue(value: unknown, field = '', nameOf?: NameOf): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'string') {
    if (value === '') return '(trống)';
    if (CODED_FIELDS.has(field)) return CODE_LABELS[value] ?? value;
    if (/Id$|Ids$/.test(field)) return nameOf?.(value) ?? value;
    return value;
  }
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map((item) => formatAuditValue(item, field, nameOf) ?? '—');
    return parts.length === 0 ? '(trống)' : parts.join('; ');
  }
  if (isRecord(value)) {
    return Object.entries(value)
      .filter(([key]) => !IGNORED.has(key))
      .map(([key, item]) => formatAuditValue(item, key, nameOf) ?? '—')
      .join(', ');
  }
  return JSON.stringify(value);
}

/**
 * The fields that differ between `before` and `after` (top level; lists and nested objects are
 * compared whole and shown as text). A creation lists what was set, a deletion what was removed.
 */
export function auditChanges(before: unknown, after: unknown, nameOf?: NameOf): AuditChange[] {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !IGNORED.has(k));
  const changes: AuditChange[] = [];
  for (const key of keys) {
    const from = formatAuditValue(b[key], key, nameOf);
    const to = formatAuditValue(a[key], key, nameOf);
    // A field the change did not send (undefined after) was not changed.
    if (isRecord(before) && isRecord(after) && !(key in a)) continue;
    if (from === to) continue;
    changes.push({ path: key, label: FIELD_LABELS[key] ?? key, before: from, after: to });
  }
  return changes;
}

/** Vietnamese names of audit actions (the summary line says the rest). */
export const ACTION_LABELS: Record<string, string> = {
  'unit.create': 'Tạo đơn vị',
  'unit.update': 'Sửa đơn vị',
  'unit.delete': 'Xóa đơn vị',
  'school.profile.update': 'Sửa hồ sơ trường',
  'person.create': 'Thêm nhân sự',
  'person.update': 'Sửa nhân sự',
  'person.delete': 'Xóa nhân sự',
  'people.import': 'Nhập danh sách nhân sự',
  'group.create': 'Tạo nhóm',
  'group.update': 'Sửa nhóm',
  'group.delete': 'Xóa nhóm',
  'user.create': 'Tạo tài khoản',
  'user.update': 'Sửa tài khoản',
  'user.password.reset': 'Đặt lại mật khẩu',
  'user.password.change': 'Đổi mật khẩu',
  'user.password.reset.complete': 'Đặt lại mật khẩu bằng liên kết',
  'setup.admin': 'Thiết lập lần đầu',
};
