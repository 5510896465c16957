/** Vietnamese strings of the lazily expanded unit tree, the unit search and the unit picker. */
export const viUnitTree = {
  expand: (name: string) => `Mở các đơn vị trực thuộc ${name}`,
  collapse: (name: string) => `Thu gọn ${name}`,
  childCount: (n: number) => `${n} trực thuộc`,
  loadingChildren: 'Đang tải các đơn vị trực thuộc…',
  childrenError: 'Không tải được các đơn vị trực thuộc.',
  retry: 'Thử lại',
  more: (left: number) => `Xem thêm (còn ${left})`,
  search: 'Tìm đơn vị',
  searchPlaceholder: 'Gõ tên, có dấu hay không dấu: “phuong”, “dinh hiep”…',
  searchCount: (shown: number, total: number) =>
    shown === total ? `${total} đơn vị tìm thấy` : `${shown}/${total} đơn vị tìm thấy`,
  searchEmpty: 'Không tìm thấy đơn vị nào.',
  pickerSearch: 'Tìm theo tên',
  pickerSearchPlaceholder: 'Gõ vài chữ của tên…',
  pickerNone: '— Chưa chọn —',
  pickerMore: (shown: number, total: number) =>
    `Hiện ${shown}/${total} đơn vị; gõ tên để tìm đơn vị khác.`,
  noneFound: 'Không có đơn vị phù hợp.',
} as const;
