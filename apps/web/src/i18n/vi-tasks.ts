import {
  FUNDING_SOURCE_LABELS,
  PROGRESS_STATUS_LABELS,
  type FundingSource,
  type ProgressStatus,
} from '@caitien/core';

/**
 * The strings of "Việc của tôi", the progress sheet, the offline queue and the notifications
 * (issue 13), in Vietnamese.
 */
export const viTasks = {
  nav: 'Việc của tôi',
  title: 'Việc của tôi',
  intro:
    'Các dòng kế hoạch cải tiến mà bạn phụ trách hoặc phối hợp thực hiện. Chạm vào một việc để cập nhật tiến độ.',
  show: {
    label: 'Hiển thị',
    open: 'Đang làm',
    all: 'Tất cả',
  },
  groups: {
    overdue: 'Quá hạn',
    dueThisMonth: 'Đến hạn tháng này',
    upcoming: 'Sắp tới',
    noDate: 'Không có thời hạn',
    closed: 'Đã xong hoặc dừng',
  },
  empty: 'Bạn không có việc nào cần làm.',
  emptyAll: 'Bạn chưa được giao việc nào trong kế hoạch cải tiến.',
  notLinked:
    'Tài khoản của bạn chưa được gắn với một người trong danh sách nhân sự của trường, nên chưa thể biết việc nào là của bạn. Hãy nhờ hiệu trưởng hoặc quản trị gắn tài khoản với tên của bạn.',
  loadError: 'Không tải được danh sách việc.',
  due: (date: string) => `Hạn: ${date}`,
  dueMonth: (month: string) => `Hạn: tháng ${month}`,
  noDate: 'Không có thời hạn',
  daysLeft: (days: number) =>
    days < 0 ? `quá ${-days} ngày` : days === 0 ? 'hôm nay' : `còn ${days} ngày`,
  role: { lead: 'Phụ trách', coordinator: 'Phối hợp' } as const,
  update: 'Cập nhật',
  planLink: 'Xem kế hoạch',
  criterion: (code: string) => `Tiêu chí ${code}`,
  offlineNote: 'Đang ngoại tuyến: danh sách là bản đã tải lần trước.',
};

export const viProgress = {
  sheetTitle: 'Cập nhật tiến độ',
  status: 'Trạng thái',
  statusLabel: (status: ProgressStatus) => PROGRESS_STATUS_LABELS[status],
  statusShort: {
    not_started: 'Chưa bắt đầu',
    in_progress: 'Đang thực hiện',
    done: 'Hoàn thành',
    delayed: 'Chậm tiến độ',
    cancelled: 'Không thực hiện được',
  } satisfies Record<ProgressStatus, string>,
  percent: 'Mức hoàn thành',
  percentValue: (value: number) => `${value}%`,
  suggestDone: 'Đã đạt 100%: chọn “Hoàn thành”?',
  result: 'Kết quả',
  resultHint: 'Những gì đã làm được (sẽ in vào báo cáo).',
  note: 'Ghi chú',
  entryDate: 'Ngày cập nhật',
  spending: 'Kinh phí đã chi (không bắt buộc)',
  spentAmount: 'Số tiền (đồng)',
  spentSource: 'Nguồn kinh phí',
  sourceLabel: (source: FundingSource) => FUNDING_SOURCE_LABELS[source],
  spentText: 'Diễn giải',
  amountInvalid: 'Số tiền phải là số nguyên không âm (đồng).',
  files: 'Ảnh, tệp minh chứng',
  takePhoto: 'Chụp ảnh',
  chooseFiles: 'Chọn tệp',
  removeFile: (name: string) => `Bỏ tệp ${name}`,
  filesHint:
    'Ảnh hoặc tệp được tải lên sau khi lưu cập nhật; nếu dòng có tiêu chí, tệp trở thành minh chứng của tiêu chí đó.',
  save: 'Lưu cập nhật',
  saving: 'Đang lưu…',
  cancel: 'Đóng',
  saved: 'Đã lưu cập nhật tiến độ.',
  savedWithFiles: (n: number) => `Đã lưu cập nhật tiến độ và ${n} tệp.`,
  queued: 'Chưa có mạng: cập nhật đã được lưu trên máy và sẽ tự gửi khi có mạng trở lại.',
  fileFailed: (name: string, message: string) => `Không tải được tệp ${name}: ${message}`,
  notOpen: 'Kế hoạch chưa được phê duyệt hoặc năm học đã kết thúc, chưa thể cập nhật tiến độ.',
  cannotUpdate: 'Bạn chỉ xem được tiến độ của dòng này.',
  log: 'Nhật ký cập nhật',
  logEmpty: 'Chưa có cập nhật nào.',
  logLoadError: 'Không tải được nhật ký cập nhật.',
  by: (name: string) => `bởi ${name}`,
  recordedAt: (when: string) => `ghi lúc ${when}`,
  spent: (amount: string, source: string) => `Đã chi ${amount} đồng (${source})`,
  evidence: (code: string) => `Minh chứng ${code}`,
  earlierYears: 'Các năm trước',
  earlierYear: (year: string) => `Năm học ${year}`,
  conflict:
    'Trong lúc bạn sửa, người khác đã cập nhật dòng này. Đây là tiến độ hiện tại; hãy xem lại rồi lưu lại nếu vẫn muốn thay đổi.',
  keepMine: 'Giữ thay đổi của tôi',
  takeCurrent: 'Lấy tiến độ hiện tại',
  current: (status: string, percent: number) => `Hiện tại: ${status}, ${percent}%`,
  row: (ordinal: string) => `Dòng ${ordinal}`,
};

export const viQueue = {
  pending: (n: number) => `${n} cập nhật đang chờ gửi`,
  pendingShort: (n: number) => `${n} chờ gửi`,
  sending: 'Đang gửi…',
  sendNow: 'Gửi ngay',
  title: 'Cập nhật đang chờ gửi',
  intro:
    'Những cập nhật này được lưu trên máy khi không có mạng. Chúng sẽ tự gửi khi có mạng trở lại.',
  queuedAt: (when: string) => `Lưu lúc ${when}`,
  filesCount: (n: number) => `${n} tệp đính kèm`,
  conflictTitle: 'Không gửi được vì có thay đổi mới hơn',
  conflictBody:
    'Trong lúc máy không có mạng, người khác đã cập nhật dòng này. Tiến độ hiện tại trên máy chủ:',
  conflictMine: 'Cập nhật của bạn:',
  reapply: 'Vẫn gửi cập nhật của tôi',
  drop: 'Bỏ cập nhật của tôi',
  failed: 'Không gửi được',
  sentAll: 'Đã gửi các cập nhật đang chờ.',
  close: 'Đóng',
};

export const viNotifications = {
  bell: (n: number) => (n > 0 ? `Thông báo: ${n} chưa đọc` : 'Thông báo'),
  title: 'Thông báo',
  markAll: 'Đánh dấu tất cả đã đọc',
  markRead: 'Đã đọc',
  empty: 'Chưa có thông báo nào.',
  loadError: 'Không tải được thông báo.',
  settings: 'Cài đặt thông báo',
  open: 'Xem',
  settingsTitle: 'Thông báo',
  settingsIntro: 'Chọn những loại nhắc việc bạn muốn nhận trong ứng dụng và qua thư điện tử.',
  kind: 'Loại thông báo',
  inApp: 'Trong ứng dụng',
  email: 'Thư điện tử',
  emailTo: (address: string) => `Thư được gửi đến ${address}.`,
  emailUnavailable:
    'Máy chủ chưa được cấu hình gửi thư điện tử (SMTP), nên hiện chỉ nhận được thông báo trong ứng dụng.',
  emailNoAddress:
    'Tài khoản của bạn chưa có địa chỉ thư điện tử; hãy nhờ quản trị bổ sung để nhận thư.',
  save: 'Lưu cài đặt',
  saved: 'Đã lưu cài đặt thông báo.',
  prefsLoadError: 'Không tải được cài đặt thông báo.',
};
