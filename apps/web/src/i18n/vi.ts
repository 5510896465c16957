import type { SchoolLevel, UnitKind } from '@caitien/core';
import type { SchoolTab } from '../features/shell/app-routes.ts';

/**
 * Every string the UI shows, in Vietnamese (the UI is Vietnamese only; code stays English).
 * Glossary (CONVENTIONS.md §11): tiêu chuẩn = standard, tiêu chí = criterion, chỉ báo = indicator,
 * mức = level, minh chứng = evidence.
 */

/** "dd/mm/yyyy" from an ISO date "yyyy-mm-dd…" (read as a calendar date: no time-zone shift). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  return `${match[3]}/${match[2]}/${match[1]}`;
}

/** "dd/mm/yyyy hh:mm" of an instant, in Vietnam's time (these machines run UTC). */
const dateTimeFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(
    dateTimeFormat.formatToParts(date).map((p) => [p.type, p.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** Numbers the Vietnamese way (1.000.000). */
const numberFormat = new Intl.NumberFormat('vi-VN');

/** "Thông tư 17/2018/TT-BGDĐT" from "17/2018/TT-BGDĐT" (or from a number that already says "Thông tư"). */
export function circularName(number: string): string {
  return /^thông tư\s/i.test(number) ? number : `Thông tư ${number}`;
}

export const vi = {
  app: {
    name: 'CaiTien',
    tagline: 'Cải tiến chất lượng giáo dục',
    documentTitle: 'CaiTien — Cải tiến chất lượng giáo dục',
    skipToContent: 'Bỏ qua, đến nội dung chính',
    mainNav: 'Điều hướng chính',
    footer:
      'Dữ liệu tiêu chuẩn được đối chiếu với các nguồn công khai; mục “Chưa xác minh” cần kiểm tra với văn bản gốc.',
  },
  errors: {
    network: 'Không kết nối được với máy chủ. Vui lòng kiểm tra kết nối mạng rồi thử lại.',
    badResponse: (status: number) =>
      `Máy chủ trả lời không hợp lệ (mã HTTP ${status}). Vui lòng thử lại sau.`,
    unexpected: 'Đã xảy ra lỗi không mong muốn. Vui lòng tải lại trang.',
    requestId: (id: string) => `Mã yêu cầu: ${id}`,
    retry: 'Thử lại',
  },
  common: {
    loading: 'Đang tải…',
    save: 'Lưu',
    cancel: 'Hủy',
    close: 'Đóng',
    edit: 'Sửa',
    delete: 'Xóa',
    dismiss: 'Đóng thông báo',
    required: 'Bắt buộc',
    optional: 'Không bắt buộc.',
    copy: 'Sao chép',
    copied: 'Đã sao chép.',
    copyFailed: 'Không sao chép được; hãy chọn và sao chép thủ công.',
  },
  nav: {
    school: 'Trường',
    mySchool: 'Trường của tôi',
    schools: 'Các trường',
    admin: 'Quản trị',
    units: 'Đơn vị',
    users: 'Tài khoản',
    audit: 'Nhật ký thay đổi',
  },
  notFound: {
    title: 'Không tìm thấy trang này',
    intro: 'Đường dẫn không đúng hoặc trang đã được chuyển. Hãy quay về trang chủ.',
  },
  access: {
    title: 'Bạn không có quyền xem trang này',
    forbiddenIntro:
      'Vai trò của bạn không được phép xem hoặc thực hiện nội dung này. Nếu cần, hãy liên hệ hiệu trưởng hoặc quản trị viên.',
    notFoundIntro:
      'Nội dung này không có hoặc không thuộc đơn vị của bạn. Nếu cần, hãy liên hệ hiệu trưởng hoặc quản trị viên.',
    backHome: 'Về trang chủ',
  },
  conflict: {
    title: 'Dữ liệu đã được người khác thay đổi',
    intro:
      'Trong lúc bạn sửa, người khác đã lưu thay đổi. Nội dung của bạn chưa được lưu. Hãy xem khác biệt và chọn cách xử lý.',
    field: 'Mục',
    theirs: 'Bản đang lưu',
    mine: 'Bạn đã nhập',
    clash: 'Cả hai cùng sửa',
    empty: '(trống)',
    noVisibleDifference: 'Các mục trên biểu mẫu này không khác nhau.',
    useTheirs: 'Dùng bản đang lưu',
    keepMine: 'Giữ nội dung tôi đã nhập',
    keepMineHint:
      '“Giữ nội dung tôi đã nhập” giữ các mục bạn đã sửa, lấy bản mới cho các mục còn lại; bấm Lưu để ghi lại.',
  },
  auth: {
    login: 'Tên đăng nhập hoặc e-mail',
    password: 'Mật khẩu',
    signIn: 'Đăng nhập',
    signingIn: 'Đang đăng nhập…',
    signInTitle: 'Đăng nhập',
    signInIntro: 'Dùng tài khoản do hiệu trưởng hoặc quản trị viên cấp.',
    forgotPassword:
      'Quên mật khẩu? Hãy nhờ hiệu trưởng hoặc quản trị viên đặt lại; bạn sẽ nhận mật khẩu tạm thời hoặc liên kết đặt lại mật khẩu.',
    publicLookup: 'Tra cứu tiêu chuẩn đánh giá (không cần đăng nhập)',
    dialogTitle: 'Phiên đăng nhập đã hết hạn',
    dialogIntro:
      'Vui lòng đăng nhập lại để tiếp tục. Nội dung bạn đang nhập vẫn được giữ nguyên và sẽ được gửi sau khi đăng nhập.',
    sessionError: 'Không kiểm tra được phiên đăng nhập.',
    signedOut: 'Bạn đã đăng xuất.',
    setupDone: 'Đã tạo tài khoản quản trị và đăng nhập.',
    passwordChanged: 'Đã đổi mật khẩu.',
    sessionRevoked: 'Đã đăng xuất phiên đó.',
    passwordHint: (min: number) =>
      `Ít nhất ${min} ký tự, không chứa tên đăng nhập. Nên dùng một cụm từ dễ nhớ.`,
    confirmationMismatch: 'Hai lần nhập mật khẩu không giống nhau.',
    newPassword: 'Mật khẩu mới',
    confirmPassword: 'Nhập lại mật khẩu mới',
    currentPassword: 'Mật khẩu hiện tại',
    temporaryPassword: 'Mật khẩu tạm thời (được cấp)',
    changePasswordTitle: 'Đổi mật khẩu',
    mustChangePassword:
      'Bạn đang dùng mật khẩu tạm thời. Hãy đặt mật khẩu của riêng bạn trước khi tiếp tục.',
    otherSessionsEnd: 'Sau khi đổi, các phiên đăng nhập khác của bạn sẽ bị đăng xuất.',
    changePasswordSubmit: 'Đổi mật khẩu',
    resetTitle: 'Đặt lại mật khẩu',
    resetIntro: 'Đặt mật khẩu mới cho tài khoản của bạn.',
    resetNoToken:
      'Liên kết không đầy đủ. Hãy mở đúng liên kết được cấp, hoặc nhờ hiệu trưởng/quản trị viên cấp liên kết mới.',
    resetDone: 'Đã đặt mật khẩu mới. Bạn có thể đăng nhập bằng mật khẩu này.',
    resetSubmit: 'Đặt mật khẩu mới',
  },
  setup: {
    title: 'Thiết lập lần đầu',
    intro:
      'Hệ thống chưa có tài khoản nào. Tạo tài khoản quản trị hệ thống đầu tiên; sau đó bạn tạo đơn vị, trường và tài khoản cho hiệu trưởng.',
    statusError: 'Không kiểm tra được trạng thái thiết lập.',
    alreadyDone: 'Hệ thống đã có tài khoản quản trị. Hãy đăng nhập.',
    username: 'Tên đăng nhập',
    displayName: 'Họ và tên',
    email: 'E-mail',
    submit: 'Tạo tài khoản quản trị',
  },
  userMenu: {
    changePassword: 'Đổi mật khẩu',
    sessions: 'Phiên đăng nhập',
    signOut: 'Đăng xuất',
    noRole: 'Chưa được phân vai trò',
  },
  sessions: {
    title: 'Phiên đăng nhập',
    intro:
      'Các thiết bị đang đăng nhập bằng tài khoản của bạn. Nếu thấy phiên lạ, hãy đăng xuất phiên đó và đổi mật khẩu.',
    loadError: 'Không tải được danh sách phiên đăng nhập.',
    device: (browser: string, system: string) => `${browser} trên ${system}`,
    unknownBrowser: 'Trình duyệt',
    unknownSystem: 'thiết bị không rõ',
    unknownDevice: 'Thiết bị không rõ',
    current: 'Phiên này',
    signedInAt: 'Đăng nhập lúc',
    lastSeenAt: 'Hoạt động gần nhất',
    expiresAt: 'Hết hạn',
    ipAddress: 'Địa chỉ IP',
    revoke: 'Đăng xuất phiên này',
    everywhereTitle: 'Đăng xuất khỏi mọi thiết bị',
    everywhereIntro: 'Kết thúc tất cả các phiên, kể cả phiên bạn đang dùng.',
    everywhere: 'Đăng xuất khỏi mọi thiết bị',
    everywhereConfirm:
      'Tất cả các thiết bị đang đăng nhập bằng tài khoản này sẽ bị đăng xuất, kể cả thiết bị này. Tiếp tục?',
  },
  units: {
    title: 'Đơn vị',
    intro:
      'Cây đơn vị: Sở GD&ĐT → UBND xã/phường (hoặc Phòng GD&ĐT trước 01/7/2025) → trường. Trường THPT trực thuộc Sở.',
    treeLabel: 'Cây đơn vị',
    loadError: 'Không tải được danh sách đơn vị.',
    empty: 'Chưa có đơn vị nào.',
    emptyHint: 'Bắt đầu bằng “Thêm đơn vị”: tạo Sở GD&ĐT, rồi UBND xã/phường và các trường.',
    add: 'Thêm đơn vị',
    addChild: 'Thêm trực thuộc',
    addChildOf: (name: string) => `Thêm đơn vị trực thuộc ${name}`,
    rename: 'Đổi tên',
    renameOf: (name: string) => `Đổi tên ${name}`,
    move: 'Chuyển',
    moveOf: (name: string) => `Chuyển ${name} sang đơn vị khác`,
    delete: 'Xóa',
    deleteOf: (name: string) => `Xóa ${name}`,
    deleteTitle: 'Xóa đơn vị',
    deleteConfirm: (name: string) =>
      `Xóa “${name}”? Chỉ xóa được đơn vị không còn đơn vị trực thuộc, nhân sự hay tài khoản.`,
    kind: 'Loại đơn vị',
    kindShort: {
      ministry: 'Bộ GD&ĐT',
      province: 'Sở GD&ĐT',
      commune: 'UBND xã/phường',
      district_legacy: 'Phòng GD&ĐT (cũ)',
      school: 'Trường',
    } satisfies Record<UnitKind, string>,
    name: 'Tên đơn vị',
    namePlaceholder: {
      ministry: 'Bộ Giáo dục và Đào tạo',
      province: 'Sở Giáo dục và Đào tạo tỉnh …',
      commune: 'UBND xã …',
      district_legacy: 'Phòng Giáo dục và Đào tạo huyện …',
      school: 'Trường Tiểu học …',
    } satisfies Record<UnitKind, string>,
    parent: 'Đơn vị cấp trên',
    topLevel: '— Cấp cao nhất —',
    noParentFor: (kind: string) => `Chưa có đơn vị cấp trên phù hợp cho “${kind}”. Hãy tạo trước.`,
    create: 'Thêm đơn vị',
    newName: 'Tên mới',
    newParent: 'Chuyển vào',
    noMoveTarget: 'Không có đơn vị nào khác có thể nhận đơn vị này.',
    moveSubmit: 'Chuyển',
    created: 'Đã thêm đơn vị.',
    renamed: 'Đã đổi tên đơn vị.',
    moved: 'Đã chuyển đơn vị.',
    deleted: 'Đã xóa đơn vị.',
  },
  schools: {
    title: 'Các trường',
    intro: 'Các trường thuộc đơn vị của bạn. Chọn một trường để xem hồ sơ, nhân sự và hội đồng.',
    loadError: 'Không tải được danh sách trường.',
    empty: 'Chưa có trường nào.',
    emptyHint: 'Quản trị viên tạo trường trong Quản trị → Đơn vị.',
    filter: 'Lọc theo tên',
    filterPlaceholder: 'Gõ tên trường, xã…',
    count: (shown: number, total: number) =>
      shown === total ? `${total} trường` : `${shown}/${total} trường`,
    noParent: 'Không thuộc đơn vị nào',
  },
  school: {
    fallbackName: 'Trường',
    breadcrumbs: 'Đơn vị quản lý',
    sectionsLabel: 'Các mục của trường',
    tabs: {
      'ho-so': 'Hồ sơ trường',
      'nhan-su': 'Nhân sự',
      nhom: 'Nhóm & Hội đồng',
      'tai-khoan': 'Tài khoản',
      'nhat-ky': 'Nhật ký thay đổi',
    } satisfies Record<SchoolTab, string>,
  },
  profile: {
    title: 'Hồ sơ trường',
    editTitle: 'Sửa hồ sơ trường',
    edit: 'Sửa hồ sơ',
    loadError: 'Không tải được hồ sơ trường.',
    saved: 'Đã lưu hồ sơ trường.',
    notSet: 'Chưa nhập',
    officialName: 'Tên trường (chính thức)',
    officialNameHint: 'Viết đúng như trên con dấu, ví dụ “Trường Tiểu học Định Hiệp”.',
    schoolLevels: 'Cấp học',
    schoolLevelsHint: 'Cấp học quyết định bộ tiêu chuẩn đánh giá áp dụng cho trường.',
    governingBody: 'Cơ quan chủ quản',
    governingBodyHint: 'Dòng đầu của tiêu đề văn bản, viết hoa như khi in: “UBND XÃ ĐỊNH HIỆP”.',
    placeName: 'Địa danh',
    placeNameHint:
      'Ghi trước ngày tháng: “Định Hiệp” trong “Định Hiệp, ngày 29 tháng 11 năm 2022”.',
    documentSymbol: 'Ký hiệu văn bản',
    documentSymbolHint: 'Phần sau “KH-” trong số văn bản, ví dụ “THĐP”.',
    address: 'Địa chỉ',
    phone: 'Điện thoại',
    email: 'E-mail',
    sites: 'Điểm trường',
    sitesHint: 'Điểm trường chính và các điểm lẻ (nếu có).',
    noSites: 'Chưa có điểm trường nào.',
    siteName: (n: number) => `Tên điểm trường ${n}`,
    siteAddress: (n: number) => `Địa chỉ điểm trường ${n}`,
    addSite: 'Thêm điểm trường',
    removeSite: 'Bỏ điểm trường',
    supervisingUnits: 'Đơn vị nhận báo cáo',
    supervisingUnitsHint:
      'Ngoài đơn vị cấp trên trực tiếp, các đơn vị nhận kế hoạch “để b/c” (ví dụ Sở GD&ĐT).',
    noSupervisorOptions: 'Không có đơn vị quản lý nào để chọn.',
    frameworks: 'Bộ tiêu chuẩn áp dụng',
    frameworksNeedLevels: 'Chọn cấp học để biết bộ tiêu chuẩn áp dụng.',
    frameworkFor: (level: string, year: string) => `${level}, năm học ${year}:`,
    noFramework: 'chưa có bộ tiêu chuẩn',
    previewTitle: 'Tiêu đề văn bản sẽ in',
    previewHint: 'Theo thể thức văn bản của Nghị định 30/2020/NĐ-CP.',
    previewMissing: (label: string) => `[${label}]`,
    previewNumber: (symbol: string) => `Số: …/KH-${symbol}`,
    previewNation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    previewMotto: 'Độc lập - Tự do - Hạnh phúc',
    previewDate: (place: string) => `${place}, ngày … tháng … năm …`,
  },
  people: {
    title: 'Nhân sự',
    loadError: 'Không tải được danh sách nhân sự.',
    count: (total: number, inactive: number) =>
      inactive > 0 ? `${total} người (${inactive} đã nghỉ)` : `${total} người`,
    add: 'Thêm người',
    addSubmit: 'Thêm',
    import: 'Nhập từ Excel',
    empty: 'Chưa có ai trong danh sách nhân sự.',
    emptyHint: 'Thêm từng người, hoặc nhập cả danh sách từ tệp Excel.',
    emptyReadOnly: 'Hiệu trưởng cập nhật danh sách nhân sự của trường.',
    tableCaption: 'Danh sách nhân sự, xếp theo tên',
    columns: {
      number: 'TT',
      fullName: 'Họ và tên',
      position: 'Chức vụ',
      groups: 'Nhóm',
      contact: 'Liên hệ',
      actions: 'Thao tác',
    },
    inactive: 'Đã nghỉ',
    active: 'Đang làm việc',
    hasAccount: 'Có tài khoản',
    editOf: (name: string) => `Sửa thông tin ${name}`,
    deleteOf: (name: string) => `Xóa ${name}`,
    deleteTitle: 'Xóa khỏi danh sách nhân sự',
    deleteConfirm: (name: string) => `Xóa “${name}” khỏi danh sách nhân sự?`,
    deleteGroupsNote: (n: number) => `Người này cũng sẽ được bỏ khỏi ${n} nhóm.`,
    fullName: 'Họ và tên',
    position: 'Chức vụ',
    positionHint: 'Chọn trong danh sách hoặc gõ chức vụ khác.',
    email: 'E-mail',
    phone: 'Điện thoại',
    note: 'Ghi chú',
    isActive: 'Đang làm việc tại trường',
    isActiveHint:
      'Bỏ chọn khi người này đã nghỉ hoặc chuyển trường; tên vẫn giữ trong các kế hoạch cũ.',
    privacyHint: 'Chỉ ghi thông tin cần cho công việc; liên hệ không bắt buộc.',
    created: 'Đã thêm vào danh sách nhân sự.',
    updated: 'Đã lưu thông tin.',
    deleted: 'Đã xóa khỏi danh sách nhân sự.',
  },
  staffImport: {
    title: 'Nhập danh sách nhân sự từ Excel',
    intro:
      'Chọn tệp .xlsx có cột Họ và tên, Chức vụ (và nếu có: Tổ, E-mail, Điện thoại). Bạn xem trước kết quả rồi mới xác nhận; chưa có gì được lưu khi xem trước.',
    file: 'Tệp Excel (.xlsx)',
    choose: 'Chọn tệp…',
    noFile: 'Chưa chọn tệp',
    fileHint: 'Người đã có trong danh sách (cùng họ tên) sẽ không được thêm lần nữa.',
    preview: 'Xem trước',
    previewCaption: 'Những người đọc được từ tệp',
    summary: (sheet: string, rows: number, toCreate: number) =>
      `Trang tính “${sheet}”: đọc được ${rows} người, sẽ thêm ${toCreate} người mới.`,
    error: 'Lỗi',
    warning: 'Lưu ý',
    row: (n: number) => `Dòng ${n}`,
    unmapped: (columns: string) => `Các cột không dùng: ${columns}.`,
    columns: {
      row: 'Dòng',
      fullName: 'Họ và tên',
      position: 'Chức vụ',
      groups: 'Tổ/nhóm',
      contact: 'Liên hệ',
      status: 'Kết quả',
    },
    existing: 'Đã có',
    new: 'Thêm mới',
    confirm: (n: number) => `Xác nhận thêm ${n} người`,
    errorsHint: 'Các dòng có lỗi sẽ không được thêm; hãy sửa tệp và xem trước lại nếu cần.',
    done: (created: number, skipped: number) =>
      skipped > 0
        ? `Đã thêm ${created} người; ${skipped} người đã có trong danh sách.`
        : `Đã thêm ${created} người vào danh sách nhân sự.`,
  },
  groups: {
    title: 'Nhóm & Hội đồng',
    intro:
      'Ban giám hiệu, Hội đồng tự đánh giá, Tổ giám sát, các tổ chuyên môn và thành viên của từng nhóm.',
    loadError: 'Không tải được danh sách nhóm.',
    add: 'Thêm nhóm',
    create: 'Tạo nhóm',
    empty: 'Chưa có nhóm nào.',
    emptyHint: 'Tạo Hội đồng tự đánh giá trước: chủ tịch, phó chủ tịch, thư ký và các ủy viên.',
    emptyReadOnly: 'Hiệu trưởng lập các nhóm và hội đồng của trường.',
    memberCount: (n: number) => `${n} thành viên`,
    noMembers: 'Chưa có thành viên.',
    membersCaption: (name: string) => `Thành viên ${name}`,
    columns: { number: 'TT', fullName: 'Họ và tên', position: 'Chức vụ', role: 'Nhiệm vụ' },
    editOf: (name: string) => `Sửa ${name}`,
    deleteOf: (name: string) => `Xóa ${name}`,
    deleteTitle: 'Xóa nhóm',
    deleteConfirm: (name: string) => `Xóa “${name}”? Danh sách nhân sự không bị ảnh hưởng.`,
    kind: 'Loại nhóm',
    kindFixed: 'Loại nhóm không đổi được sau khi tạo.',
    name: 'Tên nhóm',
    members: 'Thành viên',
    councilHint:
      'Hội đồng tự đánh giá: hiệu trưởng làm Chủ tịch; có Phó Chủ tịch, Thư ký và các Ủy viên.',
    memberPerson: (n: number) => `Thành viên ${n}`,
    memberRole: (n: number) => `Nhiệm vụ của thành viên ${n}`,
    removeMember: (name: string) => `Bỏ ${name} khỏi nhóm`,
    remove: 'Bỏ',
    addMember: 'Thêm thành viên',
    noPeopleYet: 'Hãy thêm người vào danh sách Nhân sự trước.',
    unknownPerson: '(không còn trong danh sách)',
    created: 'Đã tạo nhóm.',
    updated: 'Đã lưu nhóm.',
    deleted: 'Đã xóa nhóm.',
  },
  users: {
    title: 'Tài khoản',
    intro:
      'Tài khoản đăng nhập và vai trò của từng người. Mật khẩu tạm thời chỉ hiện một lần khi tạo.',
    schoolTitle: 'Tài khoản của trường',
    schoolIntro: 'Tài khoản của cán bộ, giáo viên, nhân viên trong trường.',
    loadError: 'Không tải được danh sách tài khoản.',
    add: 'Tạo tài khoản',
    create: 'Tạo tài khoản',
    filter: 'Lọc theo tên',
    empty: 'Không có tài khoản nào.',
    tableCaption: 'Danh sách tài khoản',
    columns: {
      user: 'Người dùng',
      roles: 'Vai trò',
      status: 'Trạng thái',
      lastLogin: 'Đăng nhập gần nhất',
      actions: 'Thao tác',
    },
    status: {
      active: 'Đang hoạt động',
      disabled: 'Đã khóa',
      lockedOut: 'Tạm khóa do nhập sai mật khẩu',
      mustChange: 'Chờ đổi mật khẩu tạm thời',
    },
    neverSignedIn: 'Chưa đăng nhập',
    editOf: (name: string) => `Sửa tài khoản ${name}`,
    resetOf: (name: string) => `Đặt lại mật khẩu cho ${name}`,
    reset: 'Đặt lại mật khẩu',
    username: 'Tên đăng nhập',
    usernameHint:
      'Chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang; ví dụ “hieutruong.dinhhiep”.',
    usernameFixed: 'Tên đăng nhập không đổi được.',
    displayName: 'Họ và tên hiển thị',
    email: 'E-mail',
    person: 'Người trong danh sách nhân sự',
    personHint: 'Liên kết tài khoản với một người trong Nhân sự của trường.',
    noPerson: '— Không liên kết —',
    linked: 'Có liên kết',
    notLinked: 'Không liên kết',
    roles: 'Vai trò',
    rolesHint:
      'Mỗi vai trò gắn với một đơn vị: hiệu trưởng, giáo viên… với trường; cán bộ phòng/sở/xã với cơ quan.',
    role: (n: number) => `Vai trò ${n}`,
    roleUnit: (n: number) => `Đơn vị của vai trò ${n}`,
    adminEverywhere: 'Quản trị toàn hệ thống, không gắn với đơn vị.',
    noUnitForRole: '— Không có đơn vị phù hợp —',
    addRole: 'Thêm vai trò',
    removeRole: 'Bỏ vai trò',
    isDisabled: 'Khóa tài khoản',
    isDisabledHint: 'Tài khoản bị khóa không đăng nhập được; các phiên đang mở bị đăng xuất.',
    temporaryPasswordNote:
      'Hệ thống tạo một mật khẩu tạm thời, chỉ hiện một lần. Người dùng phải đổi mật khẩu ở lần đăng nhập đầu.',
    createdTitle: 'Đã tạo tài khoản',
    createdIntro: (name: string, username: string) =>
      `Tài khoản của ${name} (tên đăng nhập “${username}”) đã được tạo. Hãy trao mật khẩu tạm thời dưới đây cho người dùng.`,
    temporaryPassword: 'Mật khẩu tạm thời',
    resetLink: 'Liên kết đặt lại mật khẩu (dùng một lần)',
    shownOnce:
      'Mật khẩu/liên kết này chỉ hiện một lần. Hãy sao chép và trao trực tiếp cho người dùng trước khi đóng.',
    handedOver: 'Tôi đã ghi lại, đóng',
    resetTitle: (name: string) => `Đặt lại mật khẩu cho ${name}`,
    resetMethod: 'Cách đặt lại',
    methodTemporary: 'Cấp mật khẩu tạm thời',
    methodTemporaryHint: 'Người dùng đăng nhập bằng mật khẩu này rồi phải đổi ngay.',
    methodLink: 'Tạo liên kết đặt lại một lần',
    methodLinkHint: 'Người dùng mở liên kết để tự đặt mật khẩu mới.',
    resetSubmit: 'Đặt lại mật khẩu',
    resetValidUntil: (date: string) => `Có hiệu lực đến ${date}.`,
    updated: 'Đã lưu tài khoản.',
  },
  audit: {
    title: 'Nhật ký thay đổi',
    intro: 'Ai đã thay đổi gì, khi nào: đơn vị, hồ sơ trường, nhân sự, nhóm và tài khoản.',
    unitFilter: 'Đơn vị',
    allUnits: 'Tất cả đơn vị',
    loadError: 'Không tải được nhật ký thay đổi.',
    empty: 'Chưa có thay đổi nào.',
    showChanges: (n: number) => `Xem ${n} thay đổi`,
    field: 'Mục',
    before: 'Trước',
    after: 'Sau',
    more: 'Xem thêm',
  },
  frameworks: {
    pageTitle: 'Tra cứu tiêu chuẩn',
    pageIntro:
      'Xem nội dung các bộ tiêu chuẩn đánh giá: tiêu chuẩn, tiêu chí và yêu cầu của từng mức, kèm nguồn và tình trạng xác minh.',
    regimeHeading: {
      '2026': 'Thông tư 57/2026 (hiện hành)',
      '2018': 'Các thông tư năm 2018',
    } as Record<'2018' | '2026', string>,
    regimeHint: {
      '2026': 'Áp dụng cho kế hoạch từ năm học 2026-2027.',
      '2018': 'Áp dụng cho kế hoạch đến năm học 2025-2026.',
    } as Record<'2018' | '2026', string>,
    /** Short school-level names for the picker's options (the full names come from @caitien/core). */
    schoolLevelShort: {
      mam_non: 'Mầm non',
      tieu_hoc: 'Tiểu học',
      thcs: 'THCS',
      thpt: 'THPT',
      nhieu_cap: 'nhiều cấp học',
      gdtx: 'GDTX',
    } satisfies Record<SchoolLevel, string>,
    chooseLabel: 'Bộ tiêu chuẩn',
    choosePlaceholder: '— Chọn bộ tiêu chuẩn —',
    chooseHint: 'Chọn một bộ tiêu chuẩn để xem chi tiết.',
    loadingList: 'Đang tải danh mục bộ tiêu chuẩn…',
    loadingDetail: 'Đang tải nội dung bộ tiêu chuẩn…',
    listError: 'Không tải được danh mục bộ tiêu chuẩn.',
    detailError: 'Không tải được bộ tiêu chuẩn.',
    emptyCatalogue: 'Chưa có bộ tiêu chuẩn nào trong hệ thống.',
    openFramework: (code: string) => `Xem ${code}`,
    versionLabel: 'Phiên bản',
    version: (n: number) => `Phiên bản ${n}`,
    current: 'mới nhất',
    superseded: 'đã được thay thế',
    supersededBanner: (effectiveTo: string) =>
      `Bạn đang xem phiên bản cũ, chỉ áp dụng đến ngày ${effectiveTo}. Kế hoạch lập theo phiên bản này vẫn giữ nguyên nội dung.`,
    viewCurrent: 'Xem phiên bản mới nhất',
    versionOption: (n: number, isCurrent: boolean) =>
      `Phiên bản ${n} (${isCurrent ? 'mới nhất' : 'đã được thay thế'})`,
    circular: 'Văn bản',
    issuedOn: 'Ban hành',
    effectiveOn: 'Hiệu lực',
    appliesFrom: 'Áp dụng từ',
    appliesUntil: 'đến',
    appliesOpen: 'đến nay',
    amendments: 'Văn bản sửa đổi',
    amendedBy: 'sửa đổi bởi',
    circularDates: (issuedOn: string, effectiveOn: string) =>
      `ban hành ${issuedOn}, hiệu lực ${effectiveOn}`,
    versionPeriod: (from: string, to: string | null) =>
      to ? `Áp dụng từ ${from} đến ${to}` : `Áp dụng từ ${from}`,
    moreDetails: 'Chi tiết văn bản và nguồn dữ liệu',
    schoolLevels: 'Cấp học',
    levels: 'Mức đánh giá',
    /** "Mức 1–3" for consecutive levels, "Mức 1, Mức 3" otherwise. */
    levelList: (levels: readonly number[]) => {
      const first = levels[0];
      const last = levels.at(-1);
      if (first === undefined || last === undefined) return '';
      if (levels.length > 1 && levels.every((level, i) => level === first + i))
        return `Mức ${first}–${last}`;
      return levels.map((level) => `Mức ${level}`).join(', ');
    },
    sources: (count: number) => `Nguồn dữ liệu (${count})`,
    note: 'Ghi chú',
    counts: {
      standards: 'tiêu chuẩn',
      criteria: 'tiêu chí',
      mandatory: 'tiêu chí bắt buộc',
      level4: 'yêu cầu Mức 4',
      unverified: 'tiêu chí chưa xác minh',
    },
    formatCount: (value: number) => numberFormat.format(value),
  },
  search: {
    label: 'Tìm kiếm trong bộ tiêu chuẩn',
    placeholder: 'Tìm tiêu chí, chỉ báo…',
    hint: 'Có thể gõ không dấu, ví dụ “phuong huong”.',
    clear: 'Xoá tìm kiếm',
    resultCount: (criteria: number, level4: number) =>
      level4 > 0
        ? `Tìm thấy ${criteria} tiêu chí và ${level4} yêu cầu Mức 4.`
        : `Tìm thấy ${criteria} tiêu chí.`,
    empty: (query: string) => `Không tìm thấy tiêu chí hay chỉ báo nào khớp với “${query}”.`,
    emptyHint: 'Thử từ khoá ngắn hơn, hoặc kiểm tra chính tả.',
  },
  tree: {
    navLabel: 'Danh sách tiêu chí',
    standard: (code: string, title: string) => `Tiêu chuẩn ${code}: ${title}`,
    criterionLink: (code: string) => `Tiêu chí ${code}`,
    level4Link: (count: number) => `Yêu cầu Mức 4 (${count})`,
    mandatoryShort: 'BB',
  },
  criterion: {
    heading: (code: string, title: string) => `Tiêu chí ${code}: ${title}`,
    placeholderTitle: 'Chọn một tiêu chí',
    placeholder: 'Chọn một tiêu chí trong danh sách để xem yêu cầu theo từng mức.',
    notFound: (code: string) => `Không có tiêu chí ${code} trong bộ tiêu chuẩn này.`,
    backToList: 'Về danh sách tiêu chí',
    inStandard: (code: string, title: string) => `Thuộc tiêu chuẩn ${code}: ${title}`,
    mandatory: 'Bắt buộc',
    mandatoryTitle: 'Tiêu chí bắt buộc theo Thông tư 57/2026/TT-BGDĐT',
    verified: 'Đã đối chiếu nguồn',
    unverified: 'Chưa xác minh',
    level: (level: number) => `Mức ${level}`,
    noRequirements: 'Văn bản không quy định yêu cầu riêng ở mức này.',
    repealed: (by: string, provision: string) =>
      `Bãi bỏ theo ${circularName(by)}${provision ? ` (${provision})` : ''}`,
    repealedPrefix: 'Đã bãi bỏ:',
    /** Shown when the provision → indicator mapping was inferred, not read from the amending text. */
    repealInferred:
      'Việc gắn điều khoản bãi bỏ với chỉ báo này được suy ra từ cách đánh số Điều, chưa đối chiếu với văn bản sửa đổi.',
    titleVariant: (source: string) => `Cách viết khác (nguồn ${source})`,
    titleSource: (source: string) => `Tên tiêu chí theo nguồn ${source}`,
    standardVariant: (source: string, text: string) =>
      `Cách viết khác của tên tiêu chuẩn (nguồn ${source}): ${text}`,
    source: 'Nguồn',
    verification: 'Tình trạng xác minh',
    notes: 'Ghi chú về văn bản',
    quantitative: 'Dữ liệu định lượng chính',
    suggestedEvidence: 'Thông tin minh chứng gợi ý',
  },
  level4: {
    heading: 'Yêu cầu Mức 4',
    intro: 'Trường đạt Mức 4 khi đạt Mức 3 và đáp ứng tất cả các yêu cầu dưới đây.',
    empty: 'Bộ tiêu chuẩn này không có Mức 4.',
  },
} as const;
