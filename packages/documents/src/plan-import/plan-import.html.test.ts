import { interchangeRowTexts, planInterchangeSchema } from '@caitien/shared';
import { describe, expect, it } from 'vitest';
import { buildPlanDocument } from '../render/plan-document.ts';
import { renderDocx } from '../render/render-docx.ts';
import { renderHtml } from '../render/render-html.ts';
import { sampleBieu2Plan, syntheticPlan } from '../testing/sample-plans.ts';
import { decodeHtml, readHtmlBody } from './html-reader.ts';
import { docx, paragraph, table } from './plan-files.fixtures.ts';
import { importPlanFile } from './plan-import.ts';
import type { ImportedPlan } from './plan-import.types.ts';

/**
 * HTML saved under a .doc name (issue 16): "Export HTML to Word" pages, with Word's namespaces,
 * read like a Word body — paragraphs, and tables with rowspan/colspan resolved — to the same rows
 * as the equivalent DOCX.
 */

const NOW = new Date('2026-01-01T00:00:00Z');
const utf8 = (text: string) => new TextEncoder().encode(text);

async function imported(bytes: Uint8Array): Promise<ImportedPlan> {
  const result = await importPlanFile(bytes, { now: NOW });
  if (!result.ok) throw new Error(`${result.error.code} ${result.error.message}`);
  return result.plan;
}

/** What an "Export HTML to Word" tool writes around a page's body. */
function wordHtml(body: string, charset = 'utf-8'): string {
  return (
    '<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" ' +
    'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">\n' +
    `<head><meta http-equiv=Content-Type content="text/html; charset=${charset}">\n` +
    '<title>Kế hoạch</title><!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View>' +
    '</w:WordDocument></xml><![endif]-->\n<style>p.MsoNormal{margin:0cm;font-family:"Times New Roman"}' +
    '</style></head>\n<body lang=VI style="tab-interval:36.0pt">\n<div class=WordSection1>\n' +
    body +
    '\n</div></body></html>'
  );
}

const TARGET_HTML =
  'Tỷ lệ học sinh hoàn thành\n   chương trình   đạt &gt; 98%<br>và &quot;không&quot; bỏ học &amp; lưu ban';
const TARGET_TEXT = 'Tỷ lệ học sinh hoàn thành chương trình đạt > 98%\nvà "không" bỏ học & lưu ban';

/** A layout A plan table: a two-row header (Thời gian over Bắt đầu / Kết thúc), merged criteria. */
const PLAN_HTML = wordHtml(`
<p class=MsoNormal align=center><b>KẾ HOẠCH<o:p></o:p></b></p>
<p class=MsoNormal align=center><b>Cải tiến chất lượng giáo dục năm học 2025 - 2026</b></p>
<p class=MsoNormal>&nbsp;</p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0>
 <thead>
 <tr><td rowspan=2><p class=MsoNormal><b>TT</b></p></td><td rowspan=2><b>Tiêu chí</b></td>
  <td rowspan=2><b>Kết quả cần đạt</b></td><td rowspan=2><b>Công việc/giải pháp</b></td>
  <td colspan=2><b>Thời gian</b></td><td rowspan=2><b>Chủ trì, phối hợp</b></td></tr>
 <tr><td>Bắt đầu</td><td>Kết thúc</td></tr>
 </thead>
 <tbody>
 <tr><td colspan=7><b>Tiêu chuẩn 1: Tổ chức và quản lý nhà trường</b></td></tr>
 <tr><td>1</td><td rowspan=2>1.1</td><td>${TARGET_HTML}</td>
  <td><p class=MsoNormal>Rà soát danh sách<o:p></o:p></p><p class=MsoNormal>Phụ đạo học sinh yếu</p></td>
  <td>Tháng 9/2025</td><td>Tháng 5/2026</td><td rowspan=2>Hiệu trưởng; Tổ trưởng</td></tr>
 <tr><td>2</td><td>Nâng cao chất lượng&nbsp;dạy học</td><td>Dự giờ, thao giảng</td>
  <td colspan=2>Cả năm học</td></tr>
 <tr><td>3</td><td>1.2</td><td><span style='display:none;mso-hide:all'>ẩn </span>Có kế hoạch</td>
  <td>Xây dựng kế hoạch</td><td>Tháng 10/2025</td><td></td><td>Phó hiệu trưởng</td></tr>
 </tbody>
</table>
<p class=MsoNormal>&nbsp;</p>
`);

/** The same table as a DOCX (gridSpan / vMerge): the HTML must read to the same rows. */
function sameAsDocx(): Uint8Array {
  return docx([
    paragraph('KẾ HOẠCH'),
    paragraph('Cải tiến chất lượng giáo dục năm học 2025 - 2026'),
    table([
      [
        { text: 'TT', vMerge: 'restart' },
        { text: 'Tiêu chí', vMerge: 'restart' },
        { text: 'Kết quả cần đạt', vMerge: 'restart' },
        { text: 'Công việc/giải pháp', vMerge: 'restart' },
        { text: 'Thời gian', span: 2 },
        { text: 'Chủ trì, phối hợp', vMerge: 'restart' },
      ],
      [
        { text: '', vMerge: 'continue' },
        { text: '', vMerge: 'continue' },
        { text: '', vMerge: 'continue' },
        { text: '', vMerge: 'continue' },
        'Bắt đầu',
        'Kết thúc',
        { text: '', vMerge: 'continue' },
      ],
      [{ text: 'Tiêu chuẩn 1: Tổ chức và quản lý nhà trường', span: 7 }],
      [
        '1',
        { text: '1.1', vMerge: 'restart' },
        TARGET_TEXT,
        { paragraphs: ['Rà soát danh sách', 'Phụ đạo học sinh yếu'] },
        'Tháng 9/2025',
        'Tháng 5/2026',
        { text: 'Hiệu trưởng; Tổ trưởng', vMerge: 'restart' },
      ],
      [
        '2',
        { text: '', vMerge: 'continue' },
        'Nâng cao chất lượng\u00A0dạy học',
        'Dự giờ, thao giảng',
        { text: 'Cả năm học', span: 2 },
        { text: '', vMerge: 'continue' },
      ],
      ['3', '1.2', 'Có kế hoạch', 'Xây dựng kế hoạch', 'Tháng 10/2025', '', 'Phó hiệu trưởng'],
    ]),
  ]);
}

describe('HTML saved as .doc', () => {
  it('reads the table with rowspan/colspan to the same rows as the same table in a DOCX', async () => {
    const plan = await imported(utf8(PLAN_HTML));
    const fromDocx = await imported(sameAsDocx());
    expect(plan.rows).toHaveLength(3);
    expect(plan.rows).toEqual(fromDocx.rows);
    expect(plan.plan.schoolYear).toBe('2025-2026');
    expect(plan.plan.layout).toBe(fromDocx.plan.layout);
    expect(plan.rows.map((r) => r.criterionCode)).toEqual(['1.1', '1.1', '1.2']);
    const texts = plan.rows.map((r) => interchangeRowTexts(r));
    expect(texts[0]?.target).toBe(TARGET_TEXT);
    expect(texts[0]?.tasks).toBe('Rà soát danh sách\nPhụ đạo học sinh yếu');
    expect(texts[1]?.target).toBe('Nâng cao chất lượng\u00A0dạy học');
    expect(texts[2]?.target).toBe('Có kế hoạch'); // display:none is not shown
    expect(plan.importReport.fileKind).toBe('html');
    expect(plan.importReport.warnings[0]?.code).toBe('file.html');
    expect(plan.importReport.summary.warnings).toBe(plan.importReport.warnings.length);
    expect(planInterchangeSchema.safeParse(plan).success).toBe(true);
    expect(plan.generator).toBe('CaiTien — nhập từ tệp HTML');
  });

  it('reads a page in Windows-1258 (Vietnamese) to the same text, composed', async () => {
    const page = wordHtml(
      '<table><tr><td>Tiêu chí</td><td>Kết quả cần đạt</td><td>Công việc/giải pháp</td>' +
        '<td>Thời gian</td></tr><tr><td>1.1</td><td>Mục tiêu</td><td>Giải pháp</td><td>Tháng 9/2025</td></tr></table>',
      'windows-1258',
    );
    // Windows-1258 bytes of the page, written by hand for the letters it uses (base + tone mark).
    const bytes = encodeWindows1258(page);
    expect(decodeHtml(bytes)).toBe(page.normalize('NFC'));
    const plan = await imported(bytes);
    expect(plan.rows.map((r) => interchangeRowTexts(r).target)).toEqual(['Mục tiêu']);
  });

  it('lays out text as a browser shows it', () => {
    const body = readHtmlBody(
      '<body><p>  Một   hai\n ba </p><div>bốn<br>năm<br><br>sáu</div><p>a <b>đậm</b> b&nbsp;&nbsp;c</p>' +
        '<pre>  giữ   nguyên\n  dòng</pre><script>bỏ qua</script>' +
        '<table><caption>Bảng 1</caption><tr><td rowspan="0">A</td><td colspan="3">B</td></tr>' +
        '<tr><td>C<table><tr><td>lồng</td></tr></table></td><td>D</td></tr></table></body>',
    );
    expect(body.blocks).toEqual([
      { kind: 'paragraph', text: 'Một hai ba' },
      { kind: 'paragraph', text: 'bốn\nnăm\n\nsáu' },
      { kind: 'paragraph', text: 'a đậm b\u00A0\u00A0c' },
      { kind: 'paragraph', text: '  giữ   nguyên\n  dòng' },
      { kind: 'paragraph', text: 'Bảng 1' },
      { kind: 'table', table: 0 },
      { kind: 'table', table: 1 },
    ]);
    const [outer, inner] = body.tables;
    const at = (r: number, c: number) => outer?.slots[r]?.[c]?.text ?? null;
    expect(outer?.width).toBe(4);
    // rowspan="0" runs to the end of the table; the nested table is a grid of its own.
    expect([at(0, 0), at(0, 1), at(0, 2), at(0, 3)]).toEqual(['A', 'B', 'B', 'B']);
    expect([at(1, 0), at(1, 1), at(1, 2), at(1, 3)]).toEqual(['A', 'C', 'D', null]);
    expect(inner?.slots[0]?.[0]?.text).toBe('lồng');
  });

  it('still refuses a web page without a table', async () => {
    for (const page of [
      '<!DOCTYPE html><html><body><p>Kế hoạch</p></body></html>',
      '<html><body><!-- <table> --><script>"<table>"</script><p>x</p></body></html>',
    ]) {
      const result = await importPlanFile(utf8(page));
      expect(result).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_FORMAT' } });
      if (!result.ok) expect(result.error.message).toMatch(/trang web \(HTML\)/);
    }
  });

  it('refuses a page with more tables than a plan can have, in Vietnamese', async () => {
    const result = await importPlanFile(
      utf8(`<html><body>${'<table><tr><td>x</td></tr></table>'.repeat(600)}</body></html>`),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    if (!result.ok) expect(result.error.message).toMatch(/quá nhiều bảng/);
  });

  describe.each([
    ['A', () => syntheticPlan('A', 60)],
    ['B', () => syntheticPlan('B', 60)],
    ['bieu2', () => sampleBieu2Plan()],
  ] as const)(
    'a layout %s plan printed by CaiTien (print view HTML, saved as .doc)',
    (layout, make) => {
      it('reads back the rows of its DOCX', async () => {
        const model = buildPlanDocument(make());
        const page = renderHtml(model).replace(
          '<html lang="vi">',
          '<html lang="vi" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">',
        );
        const plan = await imported(utf8(page));
        const fromDocx = await imported(new Uint8Array(await renderDocx(model)));
        expect(plan.plan.layout).toBe(layout);
        expect(plan.rows).toEqual(fromDocx.rows);
        expect(plan.focusIssues).toEqual(fromDocx.focusIssues);
        expect(plan.reviews).toEqual(fromDocx.reviews);
        expect(plan.importReport.fileKind).toBe('html');
      });
    },
  );
});

/** Windows-1258 of the letters these tests use: a base letter, then its tone mark (0xDE…0xF2). */
function encodeWindows1258(text: string): Uint8Array {
  const tones: Record<string, number> = {
    '\u0300': 0xcc,
    '\u0301': 0xec,
    '\u0303': 0xde,
    '\u0309': 0xd2,
    '\u0323': 0xf2,
  };
  const letters: Record<string, number> = {
    ă: 0xe3,
    â: 0xe2,
    đ: 0xf0,
    ê: 0xea,
    ô: 0xf4,
    ơ: 0xf5,
    ư: 0xfd,
    Ă: 0xc3,
    Â: 0xc2,
    Đ: 0xd0,
    Ê: 0xca,
    Ô: 0xd4,
    Ơ: 0xd5,
    Ư: 0xdd,
  };
  const bytes: number[] = [];
  for (const ch of text.normalize('NFD').normalize('NFC')) {
    // Split each letter into its Windows-1258 base and tone mark.
    const decomposed = ch.normalize('NFD');
    const tone = [...decomposed].find((c) => c in tones);
    const base = tone ? decomposed.replace(tone, '').normalize('NFC') : ch;
    if (base in letters) bytes.push(letters[base] as number);
    else if (base.charCodeAt(0) < 0x80) bytes.push(base.charCodeAt(0));
    else throw new Error(`no Windows-1258 byte for ${base}`);
    if (tone) bytes.push(tones[tone] as number);
  }
  return Uint8Array.from(bytes);
}
