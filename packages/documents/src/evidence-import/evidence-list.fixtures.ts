import { docx, paragraph, table, xlsx, type Cell } from '../plan-import/plan-files.fixtures.ts';
import { buildZip } from '../staff-import/staff-workbook.fixtures.ts';

/**
 * Test fixtures: evidence lists (danh mục minh chứng) in the shapes schools keep, built from one
 * listing per file so the tests know exactly what each file holds. The shapes follow real lists
 * studied by hand (7 columns with criterion cells merged down the rows, a header cell holding a
 * code, codes reused under several criteria and twice under one, multi-line cells, no header row
 * with criterion numbers stored as floats, 3 columns with headings merged across, TT57's 5 columns,
 * an HTML page saved as .doc); the texts are our own. `test-fixtures/evidence-lists/
 * make-evidence-fixtures.ts` writes them to disk; the tests read the files written there.
 */

export interface ExpectedEntry {
  criterionCode: string | null;
  standardCode: string | null;
  code: string;
  name: string;
  issued: string;
  issuer: string;
  note: string;
  storage: string;
}

export interface EvidenceFixture {
  file: string;
  what: string;
  expected: ExpectedEntry[];
  build: () => Promise<Uint8Array> | Uint8Array;
}

const e = (
  criterionCode: string | null,
  code: string,
  name: string,
  issued = '',
  issuer = '',
  note = '',
  storage = '',
): ExpectedEntry => ({
  criterionCode,
  standardCode: criterionCode ? (criterionCode.split('.')[0] ?? null) : null,
  code,
  name,
  issued,
  issuer,
  note,
  storage,
});

const SCHOOL = 'Trường Tiểu học Hòa Bình';

/** The 7-column 2018 list (TH, TT17) used by the XLSX and DOCX fixtures. */
const LIST_2018: ExpectedEntry[] = [
  e(
    '1.1',
    '[H1-1.1-01]',
    'Kế hoạch chiến lược phát triển nhà trường giai đoạn 2021-2025, tầm nhìn 2030',
    'Số 15/KH-THHB ngày 10/9/2021',
    SCHOOL,
  ),
  e(
    '1.1',
    '[H1-1.1-02]',
    'Biên bản niêm yết công khai kế hoạch chiến lược\n- tại bảng tin nhà trường\n- trên trang thông tin điện tử',
    'Ngày 15/9/2021',
    SCHOOL,
    'Bản chụp ảnh kèm theo',
  ),
  e(
    '1.2',
    '[H1-1.2-01]',
    'Quyết định thành lập Hội đồng trường nhiệm kỳ 2020-2025',
    'Số 380/QĐ-UBND ngày 29/4/2020',
    'UBND huyện Hòa Bình',
  ),
  e(
    '1.2',
    '[H1-1.2-02]',
    'Quyết định thành lập Hội đồng thi đua khen thưởng',
    'Số 54/QĐ-THHB ngày 28/10/2025',
    SCHOOL,
  ),
  e(
    '1.2',
    '[H1-1.1-02]',
    'Biên bản niêm yết công khai kế hoạch chiến lược\n- tại bảng tin nhà trường\n- trên trang thông tin điện tử',
    'Ngày 15/9/2021',
    SCHOOL,
    'Bản chụp ảnh kèm theo',
  ),
  e(
    '1.3',
    '[H1-1.3-01]',
    'Quyết định thành lập Chi bộ Đảng Cộng sản Việt Nam trường Tiểu học Hòa Bình',
    'Số 09-QĐ/ĐU ngày 14/02/2006',
    'Đảng ủy xã Hòa Bình',
  ),
  e(
    '1.3',
    '[H1-1.3-01]',
    'Quyết định thành lập Chi bộ Đảng Cộng sản Việt Nam trường Tiểu học Hòa Bình',
    'Số 09-QĐ/ĐU ngày 14/02/2006',
    'Đảng ủy xã Hòa Bình',
  ),
  e(
    '1.3',
    '[H1-1.2-01]',
    'Quyết định thành lập Hội đồng trường nhiệm kỳ 2020-2025',
    'Số 380/QĐ-UBND ngày 29/4/2020',
    'UBND huyện Hòa Bình',
  ),
  e(
    '2.1',
    '[H2-2.1-01]',
    'Hồ sơ quản lý cán bộ, giáo viên, nhân viên\n(lý lịch, văn bằng, chứng chỉ)',
    'Năm học 2025-2026',
    'Bộ phận văn phòng',
    'Lưu tại phòng Hiệu trưởng; tủ số 2',
  ),
  e(
    '2.1',
    '[H2-2.1-02]',
    'Phiếu khảo sát ý kiến giáo viên về công tác quản lý',
    'Tháng 3/2026',
    'Nhóm công tác số 2: cô Lê Thị Ánh, thầy Đặng Văn Ước',
  ),
];

const HEADER_7 = [
  'Tiêu chí',
  'Số TT',
  'Mã minh chứng',
  'Tên minh chứng',
  'Số, ngày ban hành, hoặc thời điểm khảo sát, điều tra, phỏng vấn, quan sát',
  'Nơi ban hành hoặc nhóm, cá nhân thực hiện',
  'Ghi chú',
];

function numberedByCriterion(list: ExpectedEntry[]): number[] {
  const numbers: number[] = [];
  let last: string | null = null;
  let n = 0;
  for (const entry of list) {
    n = entry.criterionCode === last ? n + 1 : 1;
    last = entry.criterionCode;
    numbers.push(n);
  }
  return numbers;
}

/** XLSX, 7 columns: the code header cell holds "[H1-1.4-04]", criterion cells merged down. */
async function build7ColumnXlsx(): Promise<Uint8Array> {
  const header = [...HEADER_7];
  header[2] = '[H1-1.4-04]';
  const rows: (string | number | null)[][] = [header];
  const merges: string[] = [];
  const numbers = numberedByCriterion(LIST_2018);
  let start = -1;
  for (const [i, entry] of LIST_2018.entries()) {
    if (entry.criterionCode === '2.1' && LIST_2018[i - 1]?.criterionCode !== '2.1') {
      rows.push([
        'Tiêu chuẩn 2: Cán bộ quản lý, giáo viên, nhân viên và học sinh',
        null,
        null,
        null,
        null,
        null,
        null,
      ]);
      merges.push(`A${rows.length}:G${rows.length}`);
    }
    const first = LIST_2018[i - 1]?.criterionCode !== entry.criterionCode;
    if (first) start = rows.length + 1;
    rows.push([
      first ? `Tiêu chí ${entry.criterionCode}` : null,
      numbers[i] ?? 0,
      entry.code,
      entry.name,
      entry.issued || null,
      entry.issuer || null,
      entry.note || null,
    ]);
    const lastOfCriterion = LIST_2018[i + 1]?.criterionCode !== entry.criterionCode;
    if (lastOfCriterion && rows.length > start) merges.push(`A${start}:A${rows.length}`);
  }
  return xlsx([{ name: 'Sheet1', rows, merges }]);
}

/** DOCX, 7 columns: NĐ 30 masthead table, column-number row, vMerge'd criterion cells, a standard row across. */
function build7ColumnDocx(): Uint8Array {
  const numbers = numberedByCriterion(LIST_2018);
  const rows: Cell[][] = [HEADER_7, ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)']];
  rows.push([{ text: 'Tiêu chuẩn 1: Tổ chức và quản lý nhà trường', span: 7 }]);
  for (const [i, entry] of LIST_2018.entries()) {
    if (entry.criterionCode === '2.1' && LIST_2018[i - 1]?.criterionCode !== '2.1') {
      rows.push([
        { text: 'Tiêu chuẩn 2: Cán bộ quản lý, giáo viên, nhân viên và học sinh', span: 7 },
      ]);
    }
    const first = LIST_2018[i - 1]?.criterionCode !== entry.criterionCode;
    const criterionCell: Cell = first
      ? { text: `Tiêu chí ${entry.criterionCode}`, vMerge: 'restart' }
      : { text: '', vMerge: 'continue' };
    rows.push([
      criterionCell,
      String(numbers[i]),
      entry.code,
      // Multi-line names as separate paragraphs (the reader joins them with line breaks).
      { paragraphs: entry.name.split('\n') },
      entry.issued,
      entry.issuer,
      entry.note,
    ]);
  }
  return docx([
    table([
      [
        { paragraphs: ['PHÒNG GD&ĐT HÒA BÌNH', 'TRƯỜNG TIỂU HỌC HÒA BÌNH'] },
        { paragraphs: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'] },
      ],
    ]),
    paragraph('PHỤ LỤC: BẢNG DANH MỤC MINH CHỨNG'),
    table(rows),
    paragraph('Người lập danh mục'),
  ]);
}

/** The headerless 3-column list (TT · code · name), criterion 8.2 stored as a float. */
const LIST_NOHEADER: ExpectedEntry[] = [
  e('8.1', 'H8.08.01.01', 'Chiến lược phát triển nhà trường đến năm 2030'),
  e('8.1', 'H8.08.01.02', 'Quyết định thành lập Hội đồng trường'),
  e('8.1', 'H8.08.01.02', 'Quyết định thành lập Hội đồng trường'),
  e(
    '8.1',
    'H8.08.01.03',
    'Danh mục các thỏa thuận hợp tác\n - Danh mục\n - Bản scan các thỏa thuận',
  ),
  e('8.2', 'H8.08.02.01', 'Báo cáo tổng kết hoạt động đối ngoại năm 2025'),
  e('8.2', 'H8.08.01.02', 'Quyết định thành lập Hội đồng trường'),
];

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function inline(ref: string, text: string): string {
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlEscape(text)}</t></is></c>`;
}

/** Raw sheet XML, so 8.2 is written as Excel wrote it: 8.1999999999999993. */
function buildNoHeaderXlsx(): Uint8Array {
  const rows: string[] = ['<row r="1"/>'];
  let r = 2;
  rows.push(
    `<row r="${r}">${inline(`A${r}`, 'I.8')}<c r="B${r}"><v>8</v></c>${inline(`C${r}`, 'Tiêu chuẩn 8: Các mạng lưới và quan hệ đối ngoại')}</row>`,
  );
  r += 1;
  let ordinal = 499;
  let criterion = '';
  for (const entry of LIST_NOHEADER) {
    if (entry.criterionCode !== criterion) {
      criterion = entry.criterionCode ?? '';
      const raw = criterion === '8.2' ? '8.1999999999999993' : criterion;
      rows.push(
        `<row r="${r}"><c r="B${r}"><v>${raw}</v></c>${inline(`C${r}`, `Tiêu chí ${criterion} Hoạt động đối ngoại`)}</row>`,
      );
      r += 1;
    }
    rows.push(
      `<row r="${r}"><c r="A${r}"><v>${ordinal}</v></c>${inline(`B${r}`, entry.code)}${inline(`C${r}`, entry.name)}</row>`,
    );
    ordinal += 1;
    r += 1;
  }
  return xlsxRaw(rows.join(''));
}

function xlsxRaw(sheetData: string): Uint8Array {
  const text = (value: string): Uint8Array => new TextEncoder().encode(value);
  const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
  const DOC = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return buildZip(
    [
      {
        name: '[Content_Types].xml',
        data: text(
          '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
            '<Default Extension="xml" ContentType="application/xml"/>' +
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        ),
      },
      {
        name: '_rels/.rels',
        data: text(
          `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
        ),
      },
      {
        name: 'xl/workbook.xml',
        data: text(
          `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${DOC}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        ),
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: text(
          `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
        ),
      },
      {
        name: 'xl/worksheets/sheet1.xml',
        data: text(
          `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${sheetData}</sheetData></worksheet>`,
        ),
      },
    ].map((entry) => ({ ...entry, deflate: true })),
  );
}

/** 3 columns TT · Mã · Tên: heading rows "2" / "2.1" in TT with the title merged across B:C. */
const LIST_3COL: ExpectedEntry[] = [
  e('2.1', '[H2-2.1-01]', 'Danh sách trích ngang cán bộ quản lý'),
  e('2.1', '[H2-2.1-02]', 'Bằng tốt nghiệp, chứng chỉ bồi dưỡng của cán bộ quản lý'),
  e('2.2', '[H2-2.2-01]', 'Kế hoạch bồi dưỡng thường xuyên giáo viên năm học 2025-2026'),
  e('2.2', '[H2-2.1-02]', 'Bằng tốt nghiệp, chứng chỉ bồi dưỡng của cán bộ quản lý'),
];

async function build3ColumnXlsx(): Promise<Uint8Array> {
  const rows: (string | number | null)[][] = [['TT', 'Mã minh chứng', 'Tên minh chứng']];
  const merges: string[] = [];
  rows.push(['2', 'Cán bộ quản lý, giáo viên, nhân viên và học sinh', null]);
  merges.push(`B${rows.length}:C${rows.length}`);
  let criterion = '';
  for (const entry of LIST_3COL) {
    if (entry.criterionCode !== criterion) {
      criterion = entry.criterionCode ?? '';
      rows.push([criterion, `Tiêu chí ${criterion}: Đối với cán bộ quản lý`, null]);
      merges.push(`B${rows.length}:C${rows.length}`);
    }
    rows.push([null, entry.code, entry.name]);
  }
  return xlsx([{ name: 'Danh mục', rows, merges }]);
}

/** TT57: 5 columns, standard and criterion heading rows across the table, MC codes. */
const LIST_TT57: ExpectedEntry[] = [
  e(
    '1.1',
    'MC.1.1.01',
    'Nghị quyết của Hội đồng trường về phương hướng phát triển',
    '',
    '',
    '',
    'Bản giấy, tủ hồ sơ số 1',
  ),
  e(
    '1.1',
    'MC.1.1.02',
    'Kế hoạch giáo dục nhà trường năm học 2026-2027',
    '',
    '',
    'Bản mới nhất',
    'https://truong.example.edu.vn/minh-chung/MC.1.1.02',
  ),
  e(
    '1.2',
    'MC.1.2.01',
    'Quy chế tổ chức và hoạt động của nhà trường',
    '',
    '',
    '',
    'Tệp PDF\nthư mục “Tiêu chuẩn 1”',
  ),
  e(
    '1.2',
    'MC.1.1.01',
    'Nghị quyết của Hội đồng trường về phương hướng phát triển',
    '',
    '',
    '',
    'Bản giấy, tủ hồ sơ số 1',
  ),
];

function buildTt57Docx(): Uint8Array {
  const rows: Cell[][] = [
    [
      'TT',
      'Mã minh chứng',
      'Tên minh chứng',
      'Định dạng, vị trí lưu trữ hoặc đường dẫn điện tử',
      'Ghi chú',
    ],
    [{ text: 'Tiêu chuẩn 1. Mục tiêu, tổ chức và quản trị nhà trường', span: 5 }],
  ];
  let criterion = '';
  let n = 0;
  for (const entry of LIST_TT57) {
    if (entry.criterionCode !== criterion) {
      criterion = entry.criterionCode ?? '';
      rows.push([{ text: `Tiêu chí ${criterion}`, span: 5 }]);
    }
    n += 1;
    rows.push([String(n), entry.code, entry.name, entry.storage, entry.note]);
  }
  return docx([paragraph('DANH MỤC MINH CHỨNG'), table(rows)]);
}

/** An HTML page saved as .doc: BOM, no <html>, rowspan'd criteria, colspan'd standard rows. */
const LIST_HTML: ExpectedEntry[] = [
  e(
    '1.1',
    '[H1-1.1-01]',
    'Quyết định thành lập trường',
    'Số 12/QĐ-UBND ngày 05/8/1998',
    'UBND huyện Hòa Bình',
    '',
  ),
  e(
    '1.1',
    '[H1-1.1-02]',
    'Báo cáo tổng kết năm học 2025-2026',
    'Ngày 25/5/2026',
    SCHOOL,
    'Có chữ ký & đóng dấu',
  ),
  e(
    '1.2',
    '[H1-1.2-01]',
    'Biên bản họp Hội đồng trường <học kỳ I>',
    'Ngày 10/01/2026',
    'Hội đồng trường',
    '',
  ),
  e(
    '1.2',
    '[H1-1.1-01]',
    'Quyết định thành lập trường',
    'Số 12/QĐ-UBND ngày 05/8/1998',
    'UBND huyện Hòa Bình',
    '',
  ),
];

function html(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\n/g, '<br>');
}

function buildHtmlDoc(): Uint8Array {
  const rows: string[] = [
    '<tr><th>Tiêu Chí</th><th>Số TT</th><th>Mã minh chứng</th><th>Tên minh chứng</th><th>Ngày ban hành, nơi ban hành, ngày khảo sát</th><th>Đơn vị</th><th>Ghi chú</th></tr>',
    '<tr><td colspan="7"><b>Tiêu chuẩn 1: Tổ chức và quản lý nhà trường</b></td></tr>',
  ];
  const groups = new Map<string, ExpectedEntry[]>();
  for (const entry of LIST_HTML) {
    const key = entry.criterionCode ?? '';
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  for (const [criterion, entries] of groups) {
    for (const [i, entry] of entries.entries()) {
      const first = i === 0 ? `<td rowspan="${entries.length}">Tiêu chí ${criterion}</td>` : '';
      rows.push(
        `<tr>${first}<td>${i + 1}</td><td>${html(entry.code)}</td><td><p>${html(entry.name)}</p></td>` +
          `<td>${html(entry.issued)}</td><td>${html(entry.issuer)}</td><td>${html(entry.note)}</td></tr>`,
      );
    }
  }
  const page =
    '\uFEFF<head><meta charset="utf-8"><title>Export HTML to WORD</title>' +
    '<style>@page { size: 841.9pt 595.3pt; mso-page-orientation: landscape; }</style></head>' +
    `<body><p>DANH MỤC MINH CHỨNG</p><table border="1">${rows.join('\n')}</table></body>`;
  return new TextEncoder().encode(page);
}

export const EVIDENCE_FIXTURES: EvidenceFixture[] = [
  {
    file: 'dmmc-7col-merged.xlsx',
    what: '7 cột CV 5932; ô tiêu đề cột mã ghi một mã; ô Tiêu chí gộp theo dòng; một dòng tiêu chuẩn gộp ngang; mã dùng lại ở nhiều tiêu chí và hai lần dưới một tiêu chí; ô nhiều dòng',
    expected: LIST_2018,
    build: build7ColumnXlsx,
  },
  {
    file: 'dmmc-7col-vmerge.docx',
    what: 'Word, tiêu đề NĐ 30 dạng bảng, 7 cột, dòng số cột (1)…(7), ô Tiêu chí vMerge, dòng tiêu chuẩn gridSpan=7, tên nhiều đoạn',
    expected: LIST_2018,
    build: build7ColumnDocx,
  },
  {
    file: 'dmmc-noheader-3col.xlsx',
    what: 'không có dòng tiêu đề; TT · mã · tên; dòng tiêu chuẩn “I.8”/8 và tiêu chí 8.1, 8.1999999999999993 ở cột mã; mã lặp',
    expected: LIST_NOHEADER,
    build: buildNoHeaderXlsx,
  },
  {
    file: 'dmmc-3col-mergedheadings.xlsx',
    what: '3 cột TT · Mã · Tên; dòng tiêu chuẩn/tiêu chí ghi “2”, “2.1” ở cột TT, tên gộp B:C; dòng minh chứng để trống TT',
    expected: LIST_3COL,
    build: build3ColumnXlsx,
  },
  {
    file: 'dmmc-tt57-5col.docx',
    what: 'TT57, 5 cột (Định dạng, vị trí lưu trữ hoặc đường dẫn điện tử), dòng tiêu chuẩn và tiêu chí gộp ngang, mã MC',
    expected: LIST_TT57,
    build: buildTt57Docx,
  },
  {
    file: 'dsmc-html-saved-as.doc',
    what: 'trang HTML lưu đuôi .doc (BOM, không có <html>), Tiêu chí rowspan, dòng tiêu chuẩn colspan, <br> trong ô',
    expected: LIST_HTML,
    build: buildHtmlDoc,
  },
];
