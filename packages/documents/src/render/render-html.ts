import type { DocBlock, DocCell, DocPart, DocTable, PlanDocumentModel } from './plan-document.ts';

/**
 * The print view (issue 6): the same view model as the DOCX, as one HTML page the browser prints
 * on A4 — portrait for the text, landscape for the plan table (CSS named pages), Times New Roman,
 * table header repeated on every printed page, rows kept whole where they fit.
 */

const escapeHtml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** Line breaks as typed. */
const lines = (text: string): string => escapeHtml(text).replace(/\r\n?|\n/g, '<br>');

const CSS = `
@page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm; }
@page landscape { size: A4 landscape; margin: 20mm 15mm 20mm 30mm; }
:root { color: #000; background: #e5e5e5; }
body { margin: 0; font-family: 'Times New Roman', 'Liberation Serif', Tinos, serif; font-size: 14pt; line-height: 1.3; }
.toolbar { position: sticky; top: 0; display: flex; gap: 12px; align-items: center; padding: 8px 16px; background: #1f3b57; color: #fff; font-family: system-ui, sans-serif; font-size: 14px; }
.toolbar button { font: inherit; padding: 6px 14px; border-radius: 4px; border: 0; cursor: pointer; }
.part { background: #fff; margin: 16px auto; padding: 20mm 15mm 20mm 30mm; box-sizing: border-box; }
.part--portrait { width: 210mm; }
.part--landscape { width: 297mm; page: landscape; }
.masthead { display: grid; grid-template-columns: 43% 57%; margin: 0 -8mm; text-align: center; font-size: 12pt; }
.masthead .rule { width: 35%; margin: 2px auto 6px; border-top: 1px solid #000; }
.masthead .number, .masthead .date { font-size: 13pt; margin-top: 4px; white-space: pre-wrap; }
.draft { float: right; border: 1.5px solid #000; padding: 2px 10px; font-weight: bold; }
.title { text-align: center; font-weight: bold; margin-top: 18px; }
.title .rule { width: 35%; margin: 4px auto 12px; border-top: 1px solid #000; }
h2 { font-size: 14pt; margin: 8px 0; }
p { margin: 0 0 6pt; text-align: justify; text-indent: 12.7mm; }
p.italic { font-style: italic; }
table.data { width: 100%; border-collapse: collapse; table-layout: fixed; margin-bottom: 8pt; font-size: 12pt; }
table.data.small { font-size: 11pt; }
table.data th, table.data td { border: 1px solid #000; padding: 2px 4px; vertical-align: middle; overflow-wrap: anywhere; }
table.data thead { display: table-header-group; }
table.data tr { break-inside: avoid; }
.center { text-align: center; }
.closing { display: grid; grid-template-columns: 45% 55%; margin-top: 12px; break-inside: avoid; }
.recipients { font-size: 11pt; }
.recipients .head { font-size: 12pt; font-weight: bold; font-style: italic; }
.signer { text-align: center; font-weight: bold; }
.signer .note { font-weight: normal; font-style: italic; }
.signer .space { height: 26mm; }
@media print {
  :root { background: #fff; }
  .toolbar { display: none; }
  .part { margin: 0; padding: 0; width: auto; break-after: page; }
  .part:last-child { break-after: auto; }
}
`;

function cellHtml(cell: DocCell, tag: 'td' | 'th'): string {
  const attrs = [
    cell.colSpan && cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : '',
    cell.rowSpan && cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : '',
    cell.align === 'center' ? ' class="center"' : '',
  ].join('');
  let body = lines(cell.text);
  if (cell.bold && tag === 'td') body = `<strong>${body}</strong>`;
  if (cell.italic) body = `<em>${body}</em>`;
  return `<${tag}${attrs}>${body}</${tag}>`;
}

function tableHtml(table: DocTable, small: boolean): string {
  const cols = table.columns.map((c) => `<col style="width:${c.width}%">`).join('');
  const head = table.header
    .map((r) => `<tr>${r.cells.map((c) => (c ? cellHtml(c, 'th') : '')).join('')}</tr>`)
    .join('');
  const body = table.body
    .map(
      (r) =>
        `<tr data-kind="${r.kind}">${r.cells.map((c) => (c ? cellHtml(c, 'td') : '')).join('')}</tr>`,
    )
    .join('\n');
  return `<table class="data${small ? ' small' : ''}"><colgroup>${cols}</colgroup><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

function blockHtml(block: DocBlock, model: PlanDocumentModel): string {
  switch (block.kind) {
    case 'heading':
      return `<h2>${escapeHtml(block.text)}</h2>`;
    case 'paragraph':
      return `<p${block.italic ? ' class="italic"' : ''}>${escapeHtml(block.text) || '&nbsp;'}</p>`;
    case 'table':
      return tableHtml(block.table, block.role === 'plan' && model.layout === 'bieu2');
  }
}

function firstPageHead(model: PlanDocumentModel): string {
  const m = model.masthead;
  return `${model.draft ? '<div class="draft">DỰ THẢO</div>' : ''}
<div class="masthead">
  <div>${m.governingBody ? `<div>${escapeHtml(m.governingBody)}</div>` : ''}<div><strong>${escapeHtml(m.schoolName)}</strong></div><div class="rule"></div><div class="number">${escapeHtml(m.numberLine)}</div></div>
  <div><div><strong>${escapeHtml(m.nationalTitle)}</strong></div><div><strong>${escapeHtml(m.motto)}</strong></div><div class="rule"></div><div class="date"><em>${escapeHtml(m.dateLine)}</em></div></div>
</div>
<div class="title"><div>${escapeHtml(model.title)}</div><div>${lines(model.subtitle)}</div>${model.revisionLine ? `<div><em>${escapeHtml(model.revisionLine)}</em></div>` : ''}<div class="rule"></div></div>`;
}

function closingHtml(model: PlanDocumentModel): string {
  const recipients = model.recipients
    .filter((r) => r.trim() !== '')
    .map((r) => `<div>${escapeHtml(/^\s*-/.test(r) ? r : `- ${r}`)}</div>`)
    .join('');
  const s = model.signer;
  return `<div class="closing">
  <div class="recipients"><div class="head">Nơi nhận:</div>${recipients}</div>
  <div class="signer">${s.lines.map((l) => `<div>${escapeHtml(l)}</div>`).join('')}${s.signNote ? `<div class="note">${escapeHtml(s.signNote)}</div>` : ''}<div class="space"></div><div>${escapeHtml(s.name)}</div></div>
</div>`;
}

function partHtml(part: DocPart, index: number, model: PlanDocumentModel): string {
  const blocks = part.blocks.map((b) => blockHtml(b, model)).join('\n');
  const last = index === model.parts.length - 1;
  return `<section class="part part--${part.orientation}">${index === 0 ? firstPageHead(model) : ''}${blocks}${last ? closingHtml(model) : ''}</section>`;
}

/**
 * The one script of the print view (the print button). The server allows exactly this script by
 * its hash in the Content-Security-Policy of the response.
 */
export const PRINT_SCRIPT =
  "document.getElementById('print').addEventListener('click', function () { window.print(); });";

/** The print view as a complete HTML document (UTF-8). */
export function renderHtml(model: PlanDocumentModel): string {
  const title = `${model.title} ${model.subtitle}`.trim();
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<div class="toolbar"><span>Bản in — ${escapeHtml(model.fileBaseName)}</span><button type="button" id="print">In / Lưu PDF</button></div>
${model.parts.map((p, i) => partHtml(p, i, model)).join('\n')}
<script>${PRINT_SCRIPT}</script>
</body>
</html>
`;
}
