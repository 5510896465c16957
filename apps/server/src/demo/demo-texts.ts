/**
 * The Vietnamese texts the demo province is written with: place and person names, and the pools a
 * plan row draws from (current state, content, target, tasks, indicator, time, budget, people,
 * evidence), worded as schools write them in their "kế hoạch cải tiến chất lượng". Every pick is
 * made by the seeder's seeded generator, so the same size gives the same texts.
 */

export const PROVINCE_NAME = 'Sở Giáo dục và Đào tạo tỉnh Minh Hòa (dữ liệu mẫu)';
export const PROVINCE_PLACE = 'Minh Hòa';

/** The demo ministry (national form of `seed-demo --provinces P`). */
export const MINISTRY_NAME = 'Bộ Giáo dục và Đào tạo (dữ liệu mẫu)';

/**
 * Places of the other demo provinces (invented, like Minh Hòa); numbered when more are asked for.
 * The first demo province is always Minh Hòa.
 */
export const PROVINCE_PLACES = [
  'Minh Hòa',
  'An Phú',
  'Bình Sơn',
  'Cao Lâm',
  'Đông Hải',
  'Gia Thịnh',
  'Hà Trung',
  'Hưng Phát',
  'Kim Ngân',
  'Lam Sơn',
  'Long Điền',
  'Mỹ Lộc',
  'Nam Giang',
  'Ngọc Linh',
  'Phú Xuân',
  'Phước Long',
  'Quảng Điền',
  'Sơn Trà',
  'Tân Hưng',
  'Thanh Bình',
  'Thái Hòa',
  'Thuận An',
  'Tiên Lãng',
  'Trường Xuân',
  'Vạn Ninh',
  'Vĩnh Phúc Mới',
  'Xuân Lộc',
  'Yên Thế',
  'Bắc Hà',
  'Đại Lộc',
  'Hòa Bình Mới',
  'Kỳ Anh',
  'Lạc Dương',
  'Quế Sơn',
] as const;

/** Commune names (UBND xã/phường); numbered when a province needs more. */
export const COMMUNE_NAMES = [
  'Xã Định Hiệp',
  'Phường Thanh Luông',
  'Xã Tân Phú',
  'Xã An Bình',
  'Phường Hòa Khánh',
  'Xã Phước Long',
  'Xã Mỹ Lộc',
  'Phường Bình Minh',
  'Xã Quảng Điền',
  'Xã Hưng Đạo',
  'Phường Ninh Kiều',
  'Xã Thạnh Phú',
  'Xã Vĩnh Hưng',
  'Xã Long Hòa',
  'Phường Đông Hà',
  'Xã Cẩm Thủy',
  'Xã Yên Lạc',
  'Xã Hòa Bình',
  'Phường Tân An',
  'Xã Đức Phổ',
  'Xã Nghĩa Hưng',
  'Xã Kim Sơn',
  'Phường Phú Lợi',
  'Xã Trà Ôn',
  'Xã Lạc Dương',
] as const;

/** Names schools are called after (a person, a place, a date). */
export const SCHOOL_NAMES = [
  'Hoa Sen',
  'Lê Quý Đôn',
  'Nguyễn Du',
  'Trần Phú',
  'Võ Thị Sáu',
  'Kim Đồng',
  'Họa Mi',
  'Nguyễn Trãi',
  'Lý Tự Trọng',
  'Chu Văn An',
  'Hoàng Hoa Thám',
  'Phan Bội Châu',
  'Sao Mai',
  'Trưng Vương',
  'Quang Trung',
  'Hướng Dương',
  'Ngô Quyền',
  'Lê Lợi',
  'Bình Minh',
  'Tuổi Thơ',
] as const;

export const FAMILY_NAMES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Võ',
  'Đặng',
  'Bùi',
];
export const MIDDLE_NAMES = [
  'Văn',
  'Thị',
  'Minh',
  'Thanh',
  'Ngọc',
  'Hữu',
  'Thị Kim',
  'Đức',
  'Quốc',
];
export const GIVEN_NAMES = [
  'An',
  'Bình',
  'Lan',
  'Hoa',
  'Hùng',
  'Dũng',
  'Mai',
  'Tâm',
  'Nga',
  'Phúc',
  'Quân',
  'Hạnh',
  'Thảo',
  'Long',
  'Yến',
  'Sơn',
];

/** Current states by theme (the standard's subject), with `{t}` the criterion's title. */
const STATES: readonly string[][] = [
  [
    'Nhà trường đã xây dựng {t} nhưng việc rà soát, điều chỉnh hằng năm chưa kịp thời.',
    'Các văn bản về {t} đã ban hành đầy đủ; việc công khai trên trang thông tin điện tử còn chậm.',
    'Hồ sơ, sổ sách về {t} lưu trữ chưa khoa học, một số biên bản chưa đủ chữ ký.',
    'Việc tổ chức thực hiện {t} có hiệu quả nhưng chưa huy động được sự tham gia của cha mẹ học sinh.',
  ],
  [
    'Đội ngũ đạt chuẩn trình độ đào tạo; một số giáo viên còn hạn chế trong ứng dụng công nghệ thông tin.',
    'Tỷ lệ giáo viên được đánh giá chuẩn nghề nghiệp mức khá trở lên chưa cao; {t} còn hạn chế.',
    'Công tác bồi dưỡng thường xuyên thực hiện đúng kế hoạch nhưng nội dung chưa sát với {t}.',
    'Nhân viên kiêm nhiệm nhiều việc; hồ sơ về {t} chưa cập nhật thường xuyên.',
  ],
  [
    'Phòng học đủ theo quy định nhưng một số phòng xuống cấp, thiết bị dạy học còn thiếu.',
    'Khuôn viên xanh, sạch; hệ thống nhà vệ sinh và nước sạch cần cải tạo; {t} chưa đạt yêu cầu mức 2.',
    'Thư viện có đủ đầu sách nhưng việc khai thác, sử dụng chưa hiệu quả.',
    'Thiết bị công nghệ thông tin được trang bị nhưng đã cũ, việc bảo quản, sửa chữa chưa kịp thời.',
  ],
  [
    'Nhà trường phối hợp tốt với Ban đại diện cha mẹ học sinh; {t} chưa thực sự thường xuyên.',
    'Kết quả giáo dục ổn định; tỷ lệ học sinh hoàn thành chương trình đạt trên 98% nhưng {t} chưa đồng đều.',
    'Hoạt động trải nghiệm, giáo dục kỹ năng sống được tổ chức nhưng chưa đa dạng hình thức.',
    'Chất lượng giáo dục mũi nhọn còn thấp so với mặt bằng chung của địa phương.',
  ],
  [
    'Kế hoạch giáo dục được xây dựng theo chương trình giáo dục phổ thông 2018; việc điều chỉnh theo {t} chưa linh hoạt.',
    'Học sinh được rèn luyện kỹ năng, nhưng {t} còn hạn chế ở một số khối lớp.',
    'Kết quả giáo dục đạt yêu cầu; tỷ lệ học sinh đạt kết quả tốt còn thấp ở một số môn học.',
    'Công tác giáo dục hòa nhập được quan tâm; hồ sơ theo dõi học sinh khuyết tật chưa đầy đủ.',
  ],
];

/** Contents (what is improved), with `{t}` the criterion's title. */
const CONTENTS = [
  'Tiếp tục duy trì và nâng cao chất lượng {t}',
  'Rà soát, bổ sung các giải pháp về {t}',
  'Khắc phục hạn chế về {t} đã nêu trong báo cáo tự đánh giá',
  'Xây dựng kế hoạch cụ thể để nâng cao {t}',
  'Phát huy điểm mạnh về {t}, huy động sự tham gia của cha mẹ học sinh',
  'Đổi mới cách tổ chức thực hiện {t}',
  'Tăng cường kiểm tra, giám sát việc thực hiện {t}',
];

const TASKS: readonly string[][] = [
  [
    'Tổ chức họp hội đồng trường rà soát, điều chỉnh; lấy ý kiến cán bộ, giáo viên, nhân viên; công khai trên trang thông tin điện tử.',
    'Phân công nhiệm vụ cụ thể cho từng bộ phận; kiểm tra định kỳ hằng tháng; báo cáo kết quả vào cuối học kỳ.',
    'Cập nhật hồ sơ, sổ sách; lưu trữ văn bản theo quy định; số hóa hồ sơ trên phần mềm quản lý.',
  ],
  [
    'Cử giáo viên tham gia lớp bồi dưỡng; tổ chức chuyên đề, hội giảng cấp trường; dự giờ, góp ý rút kinh nghiệm.',
    'Xây dựng kế hoạch tự bồi dưỡng; đánh giá chuẩn nghề nghiệp cuối năm; tuyên dương giáo viên tiêu biểu.',
    'Tập huấn ứng dụng công nghệ thông tin, chuyển đổi số trong dạy học cho toàn thể giáo viên.',
  ],
  [
    'Khảo sát, lập dự toán sửa chữa; đề xuất UBND xã hỗ trợ kinh phí; huy động nguồn xã hội hóa.',
    'Mua sắm bổ sung thiết bị dạy học tối thiểu; kiểm kê, thanh lý thiết bị hư hỏng.',
    'Trồng thêm cây xanh, cải tạo sân chơi, bãi tập; duy tu hệ thống điện, nước.',
  ],
  [
    'Họp Ban đại diện cha mẹ học sinh đầu năm; trao đổi thông tin qua sổ liên lạc điện tử; tổ chức ngày hội gia đình.',
    'Phối hợp với Đoàn thanh niên, Hội phụ nữ xã tổ chức hoạt động trải nghiệm cho học sinh.',
    'Tổ chức câu lạc bộ năng khiếu; bồi dưỡng học sinh có năng khiếu, phụ đạo học sinh chưa hoàn thành.',
  ],
  [
    'Xây dựng kế hoạch giáo dục theo hướng phát triển phẩm chất, năng lực; đổi mới phương pháp dạy học.',
    'Tổ chức các hoạt động giáo dục kỹ năng sống, giáo dục an toàn giao thông lồng ghép trong các môn học.',
    'Kiểm tra, đánh giá học sinh theo quy định; phân tích kết quả, đề ra giải pháp nâng cao chất lượng.',
  ],
];

const TARGETS = [
  '100% cán bộ, giáo viên, nhân viên nắm vững và thực hiện đúng kế hoạch.',
  'Tiêu chí đạt Mức 2 vào cuối năm học.',
  'Duy trì tiêu chí đạt Mức 3.',
  'Trên 90% cha mẹ học sinh hài lòng.',
  '100% phòng học đủ ánh sáng, bàn ghế đúng quy cách.',
  'Trên 95% giáo viên được đánh giá chuẩn nghề nghiệp mức khá trở lên.',
  'Tỷ lệ học sinh hoàn thành chương trình đạt 99% trở lên.',
];

const INDICATORS = [
  'Biên bản họp, kế hoạch được phê duyệt',
  'Tỷ lệ giáo viên đạt yêu cầu',
  'Số thiết bị được bổ sung, sửa chữa',
  'Kết quả khảo sát mức độ hài lòng',
  'Báo cáo sơ kết, tổng kết',
  'Tỷ lệ học sinh đạt kết quả tốt',
];

const EVIDENCE = [
  'Kế hoạch, biên bản họp, báo cáo kết quả',
  'Quyết định phân công, sổ theo dõi',
  'Hồ sơ bồi dưỡng, chứng chỉ',
  'Biên bản kiểm kê, hóa đơn mua sắm',
  'Phiếu khảo sát, báo cáo tổng hợp',
];

/** Who leads and who coordinates, as pairs schools write. */
export const PEOPLE_TEXTS: readonly { lead: string; coordinators: string }[] = [
  { lead: 'Hiệu trưởng', coordinators: 'Phó hiệu trưởng, các tổ trưởng' },
  { lead: 'Phó hiệu trưởng', coordinators: 'Tổ trưởng chuyên môn' },
  { lead: 'Tổ trưởng chuyên môn', coordinators: 'Giáo viên chủ nhiệm' },
  { lead: 'Kế toán', coordinators: 'Tổ văn phòng' },
  { lead: 'Tổng phụ trách Đội', coordinators: 'Giáo viên chủ nhiệm, Ban đại diện cha mẹ học sinh' },
  { lead: 'Hiệu trưởng', coordinators: 'Ban đại diện cha mẹ học sinh' },
  { lead: 'Tổ trưởng tổ văn phòng', coordinators: 'Nhân viên thiết bị, thư viện' },
  { lead: 'Phó hiệu trưởng', coordinators: 'Các tổ chuyên môn' },
];

/** Budgets as written: by source, totals, words, "Không". */
export const BUDGET_TEXTS = [
  'Không',
  'Ngân sách: 20.000.000; XHH: 10.000.000',
  'Ngân sách: 8.000.000; XHH: 12.000.000',
  '15.000.000 đồng (ngân sách nhà nước)',
  'XHH: 5.000.000',
  'Xã hội hóa 30 triệu',
  'Kinh phí chi thường xuyên',
  'Ngân sách: 50.000.000',
  'Không',
  '7.000.000',
  'Ngân sách: 120.000.000; XHH: 30.000.000',
  'Không',
  '100 triệu',
  'XHH: 18.000.000',
];

/** Time texts of school year `y`–`y+1`. */
export function timeTexts(y: number): string[] {
  const z = y + 1;
  return [
    `Tháng 9/${y} - Tháng 5/${z}`,
    `Từ tháng 10/${y} đến tháng 12/${y}`,
    'Học kỳ I',
    'Học kỳ II',
    'Cả năm học',
    `Tháng 9/${y}`,
    `Tháng 11/${y}`,
    `Tháng 1/${z} - Tháng 3/${z}`,
    `Từ tháng 2/${z} đến tháng 4/${z}`,
    '09 – 12',
    `Tháng 6/${z} - Tháng 7/${z}`,
    `Tháng 10/${y} - Tháng 5/${z}`,
  ];
}

const fill = (template: string, title: string) => template.replaceAll('{t}', title);

/** "Phương hướng, chiến lược…" → "phương hướng, chiến lược…" for use inside a sentence. */
const sentenceCache = new Map<string, string>();
export function inSentence(title: string): string {
  let cached = sentenceCache.get(title);
  if (cached === undefined) {
    cached = toSentence(title);
    sentenceCache.set(title, cached);
  }
  return cached;
}

function toSentence(title: string): string {
  const first = title.charAt(0);
  const second = title.charAt(1);
  // Keep acronyms ("CSVC", "GDTX") as written.
  return second && second === second.toLocaleUpperCase('vi') && /\p{L}/u.test(second)
    ? title
    : first.toLocaleLowerCase('vi') + title.slice(1);
}

/** The texts of one row, from a theme (0-based standard index) and the criterion's title. */
export function rowTexts(
  pick: <T>(items: readonly T[]) => T,
  theme: number,
  title: string,
  criterionCode: string | null,
): {
  currentState: string;
  content: string;
  target: string;
  tasks: string;
  indicator: string;
  evidence: string;
} {
  const t = inSentence(title);
  const states = STATES[theme % STATES.length] ?? STATES[0] ?? [];
  const tasks = TASKS[theme % TASKS.length] ?? TASKS[0] ?? [];
  const target = pick(TARGETS);
  return {
    currentState: fill(pick(states), t),
    content: fill(pick(CONTENTS), t),
    target: criterionCode ? target.replace('Tiêu chí', `Tiêu chí ${criterionCode}`) : target,
    tasks: pick(tasks),
    indicator: pick(INDICATORS),
    evidence: pick(EVIDENCE),
  };
}

/** A Mức 4 row's texts (2018 regime), from the item's requirement. */
export function level4Texts(
  pick: <T>(items: readonly T[]) => T,
  itemText: string,
): { currentState: string; content: string; target: string; tasks: string } {
  const short = itemText.length > 160 ? `${itemText.slice(0, 157)}…` : itemText;
  return {
    currentState: `Nhà trường chưa đạt yêu cầu Mức 4: ${short}`,
    content: `Phấn đấu đạt yêu cầu Mức 4: ${short}`,
    target: pick(['Đạt yêu cầu vào cuối năm học.', 'Đạt yêu cầu trong 2 năm học tới.']),
    tasks: pick(TASKS[4] ?? []),
  };
}

export const CRITERION_STRENGTHS = [
  'Nhà trường thực hiện đầy đủ, đúng quy định; hồ sơ lưu trữ khoa học.',
  'Được cơ quan quản lý đánh giá cao; cha mẹ học sinh đồng thuận.',
  'Đội ngũ nhiệt tình, có trách nhiệm; phối hợp tốt giữa các bộ phận.',
];
export const CRITERION_WEAKNESSES = [
  'Việc rà soát, cập nhật chưa thường xuyên.',
  'Một số minh chứng chưa đầy đủ, chưa được số hóa.',
  'Nguồn lực còn hạn chế, chưa huy động được xã hội hóa.',
];
export const CRITERION_IMPROVEMENTS = [
  'Trong năm học tới, nhà trường tiếp tục rà soát, bổ sung và công khai đầy đủ.',
  'Tham mưu UBND xã hỗ trợ kinh phí; huy động nguồn xã hội hóa.',
  'Tổ chức bồi dưỡng, kiểm tra định kỳ, báo cáo kết quả vào cuối học kỳ.',
];

export const PROGRESS_NOTES = [
  'Đã họp tổ, phân công và kiểm tra tiến độ.',
  'Đã triển khai đến các tổ chuyên môn.',
  'Đã báo cáo kết quả trong cuộc họp hội đồng sư phạm.',
  'Cập nhật từ điện thoại sau buổi kiểm tra.',
];
