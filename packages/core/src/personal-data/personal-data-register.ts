/**
 * The register of personal data (Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân; issue 15):
 * every database column that holds personal data, whose it is, why it is kept, on what legal basis,
 * and what erasure on request (Điều 16) does to it. `docs/personal-data.md` is the same register in
 * prose; a test in `@caitien/db` fails when a column that looks personal is in neither this register
 * nor `NOT_PERSONAL_COLUMNS`.
 */

/** Whose data a column holds. */
export type DataSubjectKind =
  /** An account (`users.id`). */
  | 'account'
  /** An entry of a school's staff directory (`people.id`). */
  | 'person'
  /** Text typed into a document (plan cells, council lists): names of anyone, found by no key. */
  | 'document_text';

/** What the column is. */
export type PersonalDataCategory =
  'identity' | 'contact' | 'credential' | 'technical' | 'authorship' | 'reference' | 'document';

/**
 * What erasing the subject does to the column:
 * - `pseudonymise`: replaced by "Người dùng đã xoá #…" / "Người đã xoá #…";
 * - `clear`: emptied (NULL or "");
 * - `delete_rows`: the rows of the subject are deleted;
 * - `keep_reference`: only an id is kept (no name): the record it sits in stays usable;
 * - `keep_sealed`: part of a sealed (approved, hashed) or sent/published document: kept unchanged
 *   (Điều 16 khoản 3 / Điều 17: documents the school must keep and publish by law);
 * - `keep_document_text`: names typed into a document's text; not searched for, see the docs.
 */
export type ErasureEffect =
  | 'pseudonymise'
  | 'clear'
  | 'delete_rows'
  | 'keep_reference'
  | 'keep_sealed'
  | 'keep_document_text';

/** The legal bases used (Nghị định 13/2023/NĐ-CP). */
export const LEGAL_BASES = {
  consent: 'Sự đồng ý của chủ thể dữ liệu (Điều 11), khi được cấp tài khoản hoặc ghi vào danh sách',
  contract:
    'Thực hiện nghĩa vụ theo hợp đồng/quan hệ công tác của chủ thể dữ liệu với nhà trường (Điều 17 khoản 4)',
  publicDuty:
    'Phục vụ hoạt động của cơ quan nhà nước theo luật chuyên ngành: kiểm định chất lượng, kế hoạch cải tiến (Luật Giáo dục; Thông tư 17/18/19/2018, 57/2026) (Điều 17 khoản 5)',
  publication:
    'Công khai theo quy định của luật (công khai trong cơ sở giáo dục) (Điều 17 khoản 2)',
  security:
    'Bảo đảm an toàn hệ thống và khả năng truy vết (Điều 26, Điều 27: biện pháp bảo vệ dữ liệu cá nhân)',
} as const;

export type LegalBasis = keyof typeof LEGAL_BASES;

/** One personal-data column. */
export interface PersonalDataField {
  table: string;
  column: string;
  subject: DataSubjectKind;
  /**
   * The column of the same row holding the subject's id (`users.id` for accounts, `people.id` for
   * directory entries); null for document text.
   */
  subjectKey: string | null;
  category: PersonalDataCategory;
  /** Why it is kept (Vietnamese, shown in the docs). */
  purpose: string;
  legalBasis: LegalBasis;
  onErasure: ErasureEffect;
}

function field(
  table: string,
  column: string,
  subject: DataSubjectKind,
  subjectKey: string | null,
  category: PersonalDataCategory,
  legalBasis: LegalBasis,
  onErasure: ErasureEffect,
  purpose: string,
): PersonalDataField {
  return { table, column, subject, subjectKey, category, purpose, legalBasis, onErasure };
}

const A = 'account';
const P = 'person';
const D = 'document_text';

/** Every column holding personal data. */
export const PERSONAL_DATA_REGISTER: readonly PersonalDataField[] = [
  // Accounts
  field('users', 'username', A, 'id', 'identity', 'consent', 'pseudonymise', 'Đăng nhập.'),
  field(
    'users',
    'display_name',
    A,
    'id',
    'identity',
    'consent',
    'pseudonymise',
    'Hiển thị người thao tác, người ký.',
  ),
  field(
    'users',
    'email',
    A,
    'id',
    'contact',
    'consent',
    'clear',
    'Đăng nhập bằng e-mail, nhận thông báo.',
  ),
  field(
    'users',
    'password_hash',
    A,
    'id',
    'credential',
    'security',
    'clear',
    'Xác thực (chỉ lưu mã băm scrypt).',
  ),
  field(
    'users',
    'person_id',
    A,
    'id',
    'reference',
    'contract',
    'clear',
    'Liên kết tài khoản với danh sách nhân sự (phân công).',
  ),
  field(
    'users',
    'last_login_at',
    A,
    'id',
    'technical',
    'security',
    'clear',
    'Phát hiện tài khoản không dùng, truy vết.',
  ),
  field(
    'role_assignments',
    'user_id',
    A,
    'user_id',
    'reference',
    'contract',
    'delete_rows',
    'Vai trò và quyền trong đơn vị.',
  ),
  field(
    'sessions',
    'user_id',
    A,
    'user_id',
    'reference',
    'security',
    'delete_rows',
    'Phiên đăng nhập.',
  ),
  field(
    'sessions',
    'ip_address',
    A,
    'user_id',
    'technical',
    'security',
    'delete_rows',
    'Người dùng xem và thu hồi phiên của mình.',
  ),
  field(
    'sessions',
    'user_agent',
    A,
    'user_id',
    'technical',
    'security',
    'delete_rows',
    'Người dùng xem và thu hồi phiên của mình.',
  ),
  field(
    'sessions',
    'token_hash',
    A,
    'user_id',
    'credential',
    'security',
    'delete_rows',
    'Nhận ra phiên (chỉ lưu mã băm).',
  ),
  field(
    'sessions',
    'csrf_token',
    A,
    'user_id',
    'credential',
    'security',
    'delete_rows',
    'Chống giả mạo yêu cầu.',
  ),
  field(
    'password_reset_tokens',
    'user_id',
    A,
    'user_id',
    'credential',
    'security',
    'delete_rows',
    'Đặt lại mật khẩu.',
  ),
  field(
    'password_reset_tokens',
    'created_by_user_id',
    A,
    'created_by_user_id',
    'reference',
    'security',
    'keep_reference',
    'Ai cấp liên kết đặt lại mật khẩu.',
  ),
  field(
    'auth_throttle',
    'key',
    A,
    null,
    'technical',
    'security',
    'delete_rows',
    'Giới hạn đăng nhập sai (khóa "account:<id>"; tên không có tài khoản chỉ lưu mã băm).',
  ),
  field(
    'notification_preferences',
    'user_id',
    A,
    'user_id',
    'reference',
    'consent',
    'delete_rows',
    'Cách nhận thông báo.',
  ),
  field(
    'notifications',
    'user_id',
    A,
    'user_id',
    'reference',
    'contract',
    'delete_rows',
    'Thông báo trong ứng dụng.',
  ),
  field(
    'mail_outbox',
    'user_id',
    A,
    'user_id',
    'reference',
    'consent',
    'delete_rows',
    'Thư thông báo chờ gửi.',
  ),
  field(
    'mail_outbox',
    'to_address',
    A,
    'user_id',
    'contact',
    'consent',
    'delete_rows',
    'Địa chỉ nhận thư thông báo.',
  ),
  // Who did what (the record stays usable; the name goes)
  field(
    'audit_log',
    'actor_user_id',
    A,
    'actor_user_id',
    'reference',
    'security',
    'keep_reference',
    'Nhật ký: ai thay đổi gì.',
  ),
  field(
    'audit_log',
    'actor_name',
    A,
    'actor_user_id',
    'authorship',
    'security',
    'pseudonymise',
    'Nhật ký: tên người thao tác tại thời điểm đó.',
  ),
  field(
    'comments',
    'author_user_id',
    A,
    'author_user_id',
    'reference',
    'publicDuty',
    'keep_reference',
    'Ý kiến trao đổi với phòng/sở.',
  ),
  field(
    'comments',
    'author_name',
    A,
    'author_user_id',
    'authorship',
    'publicDuty',
    'pseudonymise',
    'Tên người viết ý kiến.',
  ),
  field(
    'progress_entries',
    'author_user_id',
    A,
    'author_user_id',
    'reference',
    'publicDuty',
    'keep_reference',
    'Ai cập nhật tiến độ.',
  ),
  field(
    'progress_entries',
    'author_name',
    A,
    'author_user_id',
    'authorship',
    'publicDuty',
    'pseudonymise',
    'Tên người cập nhật tiến độ.',
  ),
  field(
    'row_progress',
    'updated_by_user_id',
    A,
    'updated_by_user_id',
    'reference',
    'publicDuty',
    'keep_reference',
    'Ai cập nhật tiến độ.',
  ),
  field(
    'review_round_rows',
    'reviewer_user_id',
    A,
    'reviewer_user_id',
    'reference',
    'publicDuty',
    'keep_reference',
    'Người rà soát trong đợt kiểm tra.',
  ),
  field(
    'plans',
    'created_by_user_id',
    A,
    'created_by_user_id',
    'reference',
    'publicDuty',
    'keep_reference',
    'Ai lập kế hoạch.',
  ),
  field(
    'plans',
    'approved_by_user_id',
    A,
    'approved_by_user_id',
    'reference',
    'publicDuty',
    'keep_reference',
    'Ai phê duyệt kế hoạch.',
  ),
  field(
    'plan_snapshots',
    'approved_by_user_id',
    A,
    'approved_by_user_id',
    'reference',
    'publicDuty',
    'keep_sealed',
    'Bản đã phê duyệt (niêm phong).',
  ),
  field(
    'assessments',
    'created_by_user_id',
    A,
    'created_by_user_id',
    'reference',
    'publicDuty',
    'keep_reference',
    'Ai lập báo cáo tự đánh giá.',
  ),
  field(
    'assessments',
    'approved_by_user_id',
    A,
    'approved_by_user_id',
    'reference',
    'publicDuty',
    'keep_reference',
    'Ai phê duyệt báo cáo tự đánh giá.',
  ),
  field(
    'assessment_snapshots',
    'approved_by_user_id',
    A,
    'approved_by_user_id',
    'reference',
    'publicDuty',
    'keep_sealed',
    'Bản đã phê duyệt (niêm phong).',
  ),
  field(
    'assessment_evidence_files',
    'uploaded_by_user_id',
    A,
    'uploaded_by_user_id',
    'reference',
    'publicDuty',
    'keep_reference',
    'Ai tải minh chứng lên.',
  ),
  field(
    'comment_threads',
    'created_by_user_id',
    A,
    'created_by_user_id',
    'reference',
    'publicDuty',
    'keep_reference',
    'Ai mở trao đổi.',
  ),
  field(
    'office_deadlines',
    'set_by_user_id',
    A,
    'set_by_user_id',
    'reference',
    'publicDuty',
    'keep_reference',
    'Ai đặt hạn nộp.',
  ),
  field(
    'plan_library_shares',
    'shared_by_user_id',
    A,
    'shared_by_user_id',
    'reference',
    'publicDuty',
    'keep_reference',
    'Ai chia sẻ kế hoạch vào thư viện.',
  ),
  field(
    'plan_year_closures',
    'closed_by_user_id',
    A,
    'closed_by_user_id',
    'reference',
    'publicDuty',
    'keep_reference',
    'Ai khóa sổ năm học.',
  ),
  field(
    'review_rounds',
    'opened_by_user_id',
    A,
    'opened_by_user_id',
    'reference',
    'publicDuty',
    'keep_reference',
    'Ai mở đợt rà soát.',
  ),
  field(
    'review_rounds',
    'closed_by_user_id',
    A,
    'closed_by_user_id',
    'reference',
    'publicDuty',
    'keep_reference',
    'Ai đóng đợt rà soát.',
  ),
  field(
    'submission_recipients',
    'accepted_by_user_id',
    A,
    'accepted_by_user_id',
    'reference',
    'publicDuty',
    'keep_reference',
    'Ai tiếp nhận hồ sơ.',
  ),
  field(
    'submission_recipients',
    'read_by_user_id',
    A,
    'read_by_user_id',
    'reference',
    'publicDuty',
    'keep_reference',
    'Ai đã đọc hồ sơ.',
  ),
  field(
    'submissions',
    'sent_by_user_id',
    A,
    'sent_by_user_id',
    'reference',
    'publicDuty',
    'keep_sealed',
    'Hồ sơ đã gửi phòng/sở.',
  ),
  field(
    'submissions',
    'sent_by_name',
    A,
    'sent_by_user_id',
    'authorship',
    'publicDuty',
    'keep_sealed',
    'Tên người gửi hồ sơ, như đã gửi.',
  ),
  field(
    'public_disclosures',
    'published_by_user_id',
    A,
    'published_by_user_id',
    'reference',
    'publication',
    'keep_sealed',
    'Ai công khai kế hoạch.',
  ),
  field(
    'public_disclosures',
    'published_by_name',
    A,
    'published_by_user_id',
    'authorship',
    'publication',
    'keep_sealed',
    'Tên người công khai, như đã công khai.',
  ),
  field(
    'public_disclosures',
    'withdrawn_by_user_id',
    A,
    'withdrawn_by_user_id',
    'reference',
    'publication',
    'keep_reference',
    'Ai gỡ công khai.',
  ),
  // The staff directory (CONTRACTS.md "Text and data rules": name, position, groups, optional contact)
  field(
    'people',
    'full_name',
    P,
    'id',
    'identity',
    'contract',
    'pseudonymise',
    'Phân công, hội đồng, nhận ra người phụ trách trong kế hoạch.',
  ),
  field(
    'people',
    'full_name_folded',
    P,
    'id',
    'identity',
    'contract',
    'pseudonymise',
    'Tìm kiếm không dấu.',
  ),
  field(
    'people',
    'position',
    P,
    'id',
    'identity',
    'contract',
    'clear',
    'Chức vụ in trong danh sách hội đồng.',
  ),
  field('people', 'email', P, 'id', 'contact', 'consent', 'clear', 'Liên hệ (không bắt buộc).'),
  field('people', 'phone', P, 'id', 'contact', 'consent', 'clear', 'Liên hệ (không bắt buộc).'),
  field(
    'people',
    'note',
    P,
    'id',
    'identity',
    'consent',
    'clear',
    'Ghi chú của nhà trường (không bắt buộc).',
  ),
  field(
    'group_members',
    'person_id',
    P,
    'person_id',
    'reference',
    'contract',
    'delete_rows',
    'Thành viên hội đồng, nhóm.',
  ),
  field(
    'assessment_criteria',
    'assignee_member_id',
    P,
    'assignee_member_id',
    'reference',
    'publicDuty',
    'keep_reference',
    'Người được phân công tiêu chí.',
  ),
  // Names typed into documents: part of what the school writes and (once approved) seals.
  field(
    'plan_rows',
    'lead_text',
    D,
    null,
    'document',
    'publicDuty',
    'keep_document_text',
    'Người/bộ phận chủ trì, như đã ghi trong kế hoạch.',
  ),
  field(
    'plan_rows',
    'coordinators_text',
    D,
    null,
    'document',
    'publicDuty',
    'keep_document_text',
    'Người/bộ phận phối hợp, như đã ghi trong kế hoạch.',
  ),
  field(
    'plan_reviews',
    'reviewer',
    D,
    null,
    'document',
    'publicDuty',
    'keep_document_text',
    'Người rà soát, như đã ghi.',
  ),
  field(
    'review_round_rows',
    'reviewer',
    D,
    null,
    'document',
    'publicDuty',
    'keep_document_text',
    'Người rà soát, như đã ghi.',
  ),
  field(
    'assessments',
    'council_json',
    D,
    null,
    'document',
    'publicDuty',
    'keep_document_text',
    'Hội đồng tự đánh giá (họ tên, chức vụ) in trong báo cáo.',
  ),
  field(
    'plans',
    'header_json',
    D,
    null,
    'document',
    'publicDuty',
    'keep_document_text',
    'Người ký, nơi nhận in trong kế hoạch.',
  ),
  field(
    'plan_snapshots',
    'content_json',
    D,
    null,
    'document',
    'publicDuty',
    'keep_sealed',
    'Nội dung đã phê duyệt, niêm phong bằng mã băm.',
  ),
  field(
    'assessment_snapshots',
    'content_json',
    D,
    null,
    'document',
    'publicDuty',
    'keep_sealed',
    'Nội dung đã phê duyệt, niêm phong bằng mã băm.',
  ),
  field(
    'submissions',
    'snapshot_json',
    D,
    null,
    'document',
    'publicDuty',
    'keep_sealed',
    'Nội dung đã gửi phòng/sở.',
  ),
  field(
    'public_disclosures',
    'page_json',
    D,
    null,
    'document',
    'publication',
    'keep_sealed',
    'Trang công khai.',
  ),
  field(
    'public_disclosures',
    'docx_bytes',
    D,
    null,
    'document',
    'publication',
    'keep_sealed',
    'Tệp công khai.',
  ),
  field(
    'public_disclosures',
    'pdf_bytes',
    D,
    null,
    'document',
    'publication',
    'keep_sealed',
    'Tệp công khai.',
  ),
  field(
    'assessment_evidence',
    'issuer',
    D,
    null,
    'document',
    'publicDuty',
    'keep_document_text',
    'Nơi/người ban hành minh chứng, như đã ghi.',
  ),
  field(
    'users',
    'must_change_password',
    A,
    'id',
    'credential',
    'security',
    'keep_reference',
    'Buộc đổi mật khẩu tạm thời (cờ 0/1).',
  ),
  field(
    'users',
    'password_changed_at',
    A,
    'id',
    'credential',
    'security',
    'keep_reference',
    'Thời điểm đổi mật khẩu (cờ thời gian, không có tên).',
  ),
  field(
    'password_reset_tokens',
    'token_hash',
    A,
    'user_id',
    'credential',
    'security',
    'delete_rows',
    'Liên kết đặt lại mật khẩu (chỉ lưu mã băm).',
  ),
  field(
    'solution_library_rows',
    'lead_text',
    D,
    null,
    'document',
    'publicDuty',
    'keep_document_text',
    'Bản sao dòng của kế hoạch đã phê duyệt được chia sẻ vào thư viện giải pháp.',
  ),
];

/**
 * Columns whose names look personal but hold none (organisation, document or file names), each
 * with the reason; the register test accepts a suspicious column only if it is here or above.
 */
export const NOT_PERSONAL_COLUMNS: Readonly<Record<string, string>> = {
  'units.name': 'Tên đơn vị (trường, phòng, sở).',
  'units.name_folded': 'Tên đơn vị, không dấu.',
  'school_groups.name': 'Tên nhóm, hội đồng.',
  'framework_versions.name': 'Tên bộ tiêu chuẩn.',
  'assessment_evidence.name': 'Tên minh chứng (văn bản).',
  'assessment_evidence.name_folded': 'Tên minh chứng, không dấu.',
  'assessment_evidence_files.file_name': 'Tên tệp minh chứng.',
  'progress_files.file_name': 'Tên tệp minh chứng tiến độ.',
  'public_disclosures.file_base_name': 'Tên tệp công khai (theo trường và năm học).',
  'school_profiles.place_name': 'Địa danh ghi ở đầu văn bản.',
  'school_profiles.address': 'Địa chỉ của trường (tổ chức).',
  'school_profiles.email': 'E-mail của trường (tổ chức).',
  'school_profiles.phone': 'Điện thoại của trường (tổ chức).',
  'job_runs.name': 'Tên tác vụ nền.',
  'notification_preferences.email': 'Cờ 0/1: nhận thông báo qua e-mail (không phải địa chỉ).',
  'comment_threads.target_label': 'Nhãn mục được góp ý (tiêu chí, dòng).',
  'framework_standards.title_variants_json': 'Văn bản quy phạm.',
  'job_runs.locked_by': 'Mã tiến trình máy chủ.',
  'queued_jobs.name': 'Tên hàng đợi tác vụ nền.',
  'queued_jobs.locked_by': 'Mã tiến trình máy chủ.',
};

/**
 * Column names that suggest personal data; the register test checks every such column of the
 * schema. A new column named like this must be registered above or declared not personal.
 */
export const PERSONAL_COLUMN_PATTERN =
  /(^|_)(name|username|email|phone|contact|address|user_id|person_id|member_id|author|reviewer|issuer|password|token|ip|agent|council|lead|coordinators|by)(_|$)/;

/** The register entries of one kind of subject. */
export function personalFieldsOf(subject: DataSubjectKind): PersonalDataField[] {
  return PERSONAL_DATA_REGISTER.filter((f) => f.subject === subject);
}

/** The display name an erased account gets: "Người dùng đã xoá #" and the id's last 8 characters. */
export function erasedAccountName(userId: string): string {
  return `Người dùng đã xoá #${userId.slice(-8)}`;
}

/** The name an erased directory entry gets. */
export function erasedPersonName(personId: string): string {
  return `Người đã xoá #${personId.slice(-8)}`;
}

/** The username an erased account gets (unique: the whole id; ASCII like every username). */
export function erasedUsername(userId: string): string {
  return `da-xoa-${userId.toLowerCase()}`;
}

/** True when the account was erased (its username is the one `erasedUsername` gave it). */
export function isErasedAccount(account: { id: string; username: string }): boolean {
  return account.username === erasedUsername(account.id);
}
