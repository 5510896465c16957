/* eslint-disable no-control-regex -- these tests look for control characters */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { syntheticPlan } from '../testing/sample-plans.ts';
import { importPlanFile } from '../plan-import/plan-import.ts';
import { buildPlanDocument } from './plan-document.ts';
import { renderDocx } from './render-docx.ts';
import { renderHtml } from './render-html.ts';
import { renderXlsx } from './render-xlsx.ts';

/**
 * Issue 11: a download never fails because of a name. A lone surrogate (or a NUL, or a C1
 * control) in the plan header or the school name — text from before the typed-text rules, or a
 * direct database edit — is removed at the renderer edge with a warning, and every format still
 * gives a valid file whose name can be sent in a Content-Disposition header.
 */

const BAD = 'THCS \uD800AN\u0000 BÌNH\u0085';

function planWithBadHeader(layout: 'A' | 'B' | 'bieu2') {
  const plan = syntheticPlan(layout, 3);
  plan.header.schoolName = BAD;
  plan.header.title = `KẾ HOẠCH \uDC00`;
  plan.header.signerName = 'Lê Văn \uD83D';
  plan.school.name = BAD;
  return plan;
}

/** Every XML part of an OOXML file, decoded strictly: a lone surrogate cannot be in valid UTF-8. */
async function xmlParts(bytes: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((name) => /\.(xml|rels)$/.test(name));
  return Promise.all(
    names.map(async (name) => {
      const data = await zip.file(name)?.async('uint8array');
      return new TextDecoder('utf-8', { fatal: true }).decode(data);
    }),
  );
}

describe.each(['A', 'B', 'bieu2'] as const)(
  'a lone surrogate in the header (layout %s)',
  (layout) => {
    it('gives a valid DOCX, XLSX and print view, with a warning and a usable file name', async () => {
      const model = buildPlanDocument(planWithBadHeader(layout));
      expect(model.fileBaseName).toContain('THCS AN BÌNH');
      expect(() => encodeURIComponent(model.fileBaseName)).not.toThrow();
      expect(model.warnings.map((warning) => warning.code)).toContain('ILLEGAL_XML_CHARACTERS');

      const docx = await renderDocx(model);
      const docxXml = (await xmlParts(docx)).join('');
      expect(docxXml).toContain('THCS AN BÌNH');
      // A lone surrogate would come out as U+FFFD (UTF-8 cannot hold it); C1 controls are legal XML.
      expect(docxXml).not.toMatch(/[\u0000\uFFFD]/);
      // Our own importer reads it back: the file is whole.
      const reread = await importPlanFile(new Uint8Array(docx));
      expect(reread.ok).toBe(true);

      const xlsx = await renderXlsx(model);
      for (const part of await xmlParts(xlsx)) expect(part).not.toMatch(/[\u0000\uFFFD]/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
      expect(workbook.worksheets.length).toBeGreaterThan(0);

      const html = renderHtml(model);
      expect(html).not.toMatch(/[\uD800-\uDFFF\u0000]/);
      expect(html).toContain('THCS AN BÌNH');
    });
  },
);
