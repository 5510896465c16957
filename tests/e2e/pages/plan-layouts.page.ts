import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Locator, Page } from 'playwright-core';
import { artifactPath } from '../support/paths.ts';
import { PlanEditorPage } from './plan.page.ts';

type Layout = 'A' | 'B' | 'bieu2';

const LAYOUT_NAMES: Record<Layout, string> = {
  A: 'Mẫu A (2018)',
  B: 'Mẫu B (2018)',
  bieu2: 'Biểu 2 (TT57/2026)',
};

/**
 * The plan editor as the layout journey sees it: the columns the table shows (with those the
 * layout prints inside another column), the notice saying where such fields go, the "Văn bản"
 * panel (layout choice, downloads, print view).
 */
export class PlanLayoutEditorPage extends PlanEditorPage {
  /** The headings of the rows table's text columns, by field: label and "in trong cột …" note. */
  async columns(): Promise<Array<{ field: string; label: string; printedIn: string | null }>> {
    const headers = this.page.locator('[data-testid="plan-table"] thead th[data-field]');
    const result: Array<{ field: string; label: string; printedIn: string | null }> = [];
    for (const header of await headers.all()) {
      const field = (await header.getAttribute('data-field')) ?? '';
      const note = header.getByTestId('printed-in');
      const printedIn = (await note.count()) > 0 ? (await note.innerText()).trim() : null;
      const full = (await header.innerText()).trim();
      result.push({
        field,
        label: printedIn ? full.slice(0, full.length - printedIn.length).trim() : full,
        printedIn,
      });
    }
    return result;
  }

  /** The notice above the table: which fields the layout prints inside another column. */
  get layoutJoins(): Locator {
    return this.page.getByTestId('layout-joins');
  }

  /** The "Văn bản kế hoạch" panel, opened. */
  async documentsPanel(): Promise<Locator> {
    const panel = this.page.getByTestId('plan-documents');
    if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
    return panel;
  }

  /** Chooses a layout in the "Văn bản" panel and waits until the table shows it. */
  async chooseLayout(layout: Layout): Promise<void> {
    const panel = await this.documentsPanel();
    const saved = this.page.waitForResponse(
      (r) => r.request().method() === 'PATCH' && /\/api\/plans\/[^/]+$/.test(r.url()),
    );
    // The radio follows the saved plan (a controlled input): it turns on when the server has
    // answered, so click it and wait for the answer rather than `check()` it.
    await panel.getByRole('radio', { name: LAYOUT_NAMES[layout] }).click();
    const answer = await saved;
    if (answer.status() !== 200) throw new Error(`layout change answered ${answer.status()}`);
    await this.page.locator(`[data-testid="plan-table"][data-layout="${layout}"]`).waitFor();
  }

  /** What "Các cột in ra" says a column prints besides its own field ("(in kèm: …)"), or null. */
  async columnAlsoPrints(field: string): Promise<string | null> {
    const note = (await this.documentsPanel()).getByTestId(`column-${field}-also`);
    return (await note.count()) > 0 ? (await note.innerText()).trim() : null;
  }

  /** Downloads the Word document from the panel and returns the text of its body. */
  async downloadDocxText(): Promise<string> {
    const panel = await this.documentsPanel();
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      panel.getByTestId('download-docx').click(),
    ]);
    const zip = await JSZip.loadAsync(readFileSync(await download.path()));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    return docxParagraphs(xml).join('\n');
  }

  /** Opens the print view (a new tab) of the layout chosen in the panel. */
  async openPrintView(): Promise<PrintViewPage> {
    const panel = await this.documentsPanel();
    const [print] = await Promise.all([
      this.page.context().waitForEvent('page'),
      panel.getByTestId('print-view').click(),
    ]);
    await print.waitForLoadState();
    return new PrintViewPage(print);
  }

  /** Whether the cell can be typed into (not read-only). */
  async isEditable(index: number, field: Parameters<PlanEditorPage['cell']>[1]): Promise<boolean> {
    return (await this.cell(index, field).getAttribute('readonly')) === null;
  }

  /** The TT shown in front of a row. */
  async rowNumber(index: number): Promise<string> {
    return (await this.row(index).locator('.plan-row__number').innerText()).trim();
  }

  get undoButton(): Locator {
    return this.page.getByTestId('undo');
  }
}

/** The print view of a plan (the same view model as the DOCX, as HTML). */
export class PrintViewPage {
  constructor(readonly page: Page) {}

  /** The rows of the plan table: their kind (group, standard, item) and cell texts. */
  async planTableRows(): Promise<Array<{ kind: string; cells: string[] }>> {
    const rows = this.page.locator('table.data').first().locator('tbody tr');
    const out: Array<{ kind: string; cells: string[] }> = [];
    for (const row of await rows.all()) {
      out.push({
        kind: (await row.getAttribute('data-kind')) ?? '',
        cells: (await row.locator('td').allInnerTexts()).map((t) => t.trim()),
      });
    }
    return out;
  }

  /** The plan table's column headings. */
  async planTableHeadings(): Promise<string[]> {
    const head = this.page.locator('table.data').first().locator('thead tr').first();
    return (await head.locator('th').allInnerTexts()).map((t) => t.trim());
  }

  async screenshot(name: string): Promise<string> {
    const path = artifactPath(`${name}.png`);
    await this.page.screenshot({ path, fullPage: true, animations: 'disabled' });
    return path;
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}

/** The text of each paragraph of a WordprocessingML body (runs joined, breaks as new lines). */
function docxParagraphs(xml: string): string[] {
  const decode = (text: string) =>
    text
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((match) =>
    [...match[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
      .map((m) => (m[0] === '<w:br/>' ? '\n' : decode(m[1] ?? '')))
      .join(''),
  );
}
