import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { sampleBieu2Plan, syntheticPlan } from '../testing/sample-plans.ts';
import {
  frameworkOf,
  interchangeFromListing,
  readListing,
  PLAN_FIXTURES_DIR,
} from '../testing/seed-plans.ts';
import { buildPlanDocument } from './plan-document.ts';
import { renderDocx } from './render-docx.ts';

/** The parts of a DOCX a structural test reads. */
async function openDocx(bytes: Buffer) {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (name: string): Promise<string> => {
    const file = zip.file(name);
    if (!file) throw new Error(`missing ${name}`);
    return file.async('string');
  };
  const document = await read('word/document.xml');
  const headers = await Promise.all(
    Object.keys(zip.files)
      .filter((n) => /^word\/header\d+\.xml$/.test(n))
      .map((n) => read(n)),
  );
  return {
    document,
    styles: await read('word/styles.xml'),
    headers,
    names: Object.keys(zip.files),
  };
}

const decode = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of the document: each paragraph's runs joined, paragraphs separated by "\n". */
function paragraphsOf(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1] ?? '')).join(''),
  );
}

const sectPrs = (xml: string): string[] =>
  [...xml.matchAll(/<w:sectPr[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
const count = (xml: string, re: RegExp): number => [...xml.matchAll(re)].length;

describe('renderDocx — structure of the XML (NĐ 30/2020 layout)', async () => {
  const seed004 = readListing(`${PLAN_FIXTURES_DIR}seed004-layout-a.expected.json`);
  const planA = interchangeFromListing(seed004);
  const modelA = buildPlanDocument(planA, { framework: frameworkOf(seed004) });
  const docA = await openDocx(await renderDocx(modelA));

  it('has one section per part: portrait, landscape (the table), portrait', () => {
    const sections = sectPrs(docA.document);
    expect(sections).toHaveLength(3);
    const sizes = sections.map((s) => {
      const attrs = /<w:pgSz ([^/]*)\/>/.exec(s)?.[1] ?? '';
      const mm = (name: string): number =>
        Math.round(Number(new RegExp(`w:${name}="(\\d+)"`).exec(attrs)?.[1]) / 56.7);
      return `${mm('w')}x${mm('h')} ${/w:orient="(\w+)"/.exec(attrs)?.[1] ?? 'portrait'}`;
    });
    expect(sizes).toEqual(['210x297 portrait', '297x210 landscape', '210x297 portrait']);
  });

  it('sets A4 margins top/bottom 20 mm, left 30 mm, right 15 mm on every section', () => {
    for (const section of sectPrs(docA.document)) {
      const margin = /<w:pgMar ([^/]*)\/>/.exec(section)?.[1] ?? '';
      const attr = (name: string): number =>
        Number(new RegExp(`w:${name}="(\\d+)"`).exec(margin)?.[1]);
      // 1 mm = 56.7 twips.
      expect(attr('top') / 56.7).toBeCloseTo(20, 0);
      expect(attr('bottom') / 56.7).toBeCloseTo(20, 0);
      expect(attr('left') / 56.7).toBeCloseTo(30, 0);
      expect(attr('right') / 56.7).toBeCloseTo(15, 0);
    }
  });

  it('numbers pages in the top margin from page 2 (title page without a number)', () => {
    const first = sectPrs(docA.document)[0] ?? '';
    expect(first).toMatch(/<w:titlePg\/>/);
    expect(first).toMatch(/<w:headerReference w:type="first"/);
    expect(docA.headers.some((h) => /PAGE/.test(h))).toBe(true);
    expect(docA.headers.some((h) => !/PAGE/.test(h))).toBe(true);
  });

  it('uses Times New Roman 14 for the text', () => {
    expect(docA.styles).toMatch(/w:ascii="Times New Roman"/);
    expect(docA.styles).toMatch(/<w:sz w:val="28"\/>/);
  });

  it('repeats the table header row on every page and keeps rows whole', () => {
    expect(count(docA.document, /<w:tblHeader\/>/g)).toBe(1);
    // Every row of the plan table: 1 header + 12 body rows (group, standards, items, Mức 4).
    expect(count(docA.document, /<w:cantSplit\/>/g)).toBeGreaterThanOrEqual(13);
  });

  it('spans group and standard rows over the nine columns', () => {
    expect(count(docA.document, /<w:gridSpan w:val="9"\/>/g)).toBe(4);
  });

  it('holds the masthead, the title, every row text in order, "Nơi nhận" and the signer', () => {
    const text = paragraphsOf(docA.document);
    for (const line of [
      'TRƯỜNG TIỂU HỌC ĐỊNH PHƯỚC',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 67/KH-THĐP',
      'KẾ HOẠCH',
      'Cải tiến chất lượng giáo dục năm học 2022 - 2023',
      'Nơi nhận:',
      'HIỆU TRƯỞNG',
      'Đỗ Văn Hênh',
    ]) {
      expect(text).toContain(line);
    }
    const joined = text.join('\n');
    let from = 0;
    for (const item of seed004.items) {
      for (const value of [item.target, item.solution, item.lead, item.time, item.support]) {
        if (!value) continue;
        const at = joined.indexOf(value, from);
        expect(at, value).toBeGreaterThanOrEqual(from);
        from = at;
      }
    }
    // Approved: no draft mark.
    expect(text).not.toContain('DỰ THẢO');
  });

  it('writes each line of a cell as its own paragraph (line breaks survive)', async () => {
    const plan = syntheticPlan('A', 2);
    if (plan.rows[0]) plan.rows[0].tasks = 'Dòng một\nDòng hai\n\nDòng bốn';
    const doc = await openDocx(await renderDocx(buildPlanDocument(plan)));
    const text = paragraphsOf(doc.document);
    const at = text.indexOf('Dòng một');
    expect(text.slice(at, at + 4)).toEqual(['Dòng một', 'Dòng hai', '', 'Dòng bốn']);
    expect(text).toContain('DỰ THẢO');
  });

  it('merges layout B standard and criterion cells vertically', async () => {
    const seed001 = readListing(`${PLAN_FIXTURES_DIR}seed001-layout-b.expected.json`);
    const model = buildPlanDocument(interchangeFromListing(seed001));
    const doc = await openDocx(await renderDocx(model));
    const restarts = count(doc.document, /<w:vMerge w:val="restart"\/>/g);
    const continues = count(doc.document, /<w:vMerge(?: w:val="continue")?\/>/g);
    const body = model.parts.flatMap((p) => p.blocks).find((b) => b.kind === 'table');
    const spans =
      body?.kind === 'table'
        ? body.table.body.flatMap((r) => r.cells.filter((c) => (c?.rowSpan ?? 1) > 1))
        : [];
    expect(restarts).toBe(spans.length);
    expect(continues).toBe(spans.reduce((sum, c) => sum + ((c?.rowSpan ?? 1) - 1), 0));
    expect(restarts).toBeGreaterThanOrEqual(6);
  });

  it('lays Biểu 2 out with its three tables and the numbered header row repeated', async () => {
    const doc = await openDocx(await renderDocx(buildPlanDocument(sampleBieu2Plan())));
    expect(count(doc.document, /<w:tbl>/g)).toBe(5); // masthead, focus, plan, review, signature
    expect(count(doc.document, /<w:tblHeader\/>/g)).toBe(2 + 1 + 1);
    const text = paragraphsOf(doc.document);
    expect(text).toContain('(Ký, ghi rõ họ tên, đóng dấu)');
    expect(text).toContain('(10)');
    expect(text).toContain('Cuối học kỳ I');
  });

  it('still produces a valid document for an empty plan and for control characters', async () => {
    const empty = { ...sampleBieu2Plan(), rows: [] };
    const doc = await openDocx(await renderDocx(buildPlanDocument(empty)));
    expect(paragraphsOf(doc.document)).toContain('(Kế hoạch chưa có nội dung cải tiến nào.)');
    const dirty = syntheticPlan('B', 2);
    if (dirty.rows[0]) dirty.rows[0].content = 'A\u0001B\u001FC';
    const dirtyDoc = await openDocx(await renderDocx(buildPlanDocument(dirty)));
    // eslint-disable-next-line no-control-regex
    expect(dirtyDoc.document).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(paragraphsOf(dirtyDoc.document)).toContain('ABC');
  });
});
