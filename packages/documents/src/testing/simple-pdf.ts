/**
 * A small PDF writer for tests (not exported from ./testing): pages with text in Helvetica (ASCII
 * only: the standard font's encoding has no Vietnamese letters), straight lines, an optional gray
 * image (a "scan"), and an optional encryption dictionary. Enough to make, in code, the PDFs the
 * reader must handle without LibreOffice: ruled tables, scans, encrypted and damaged files.
 */

export interface SimplePdfPage {
  width?: number;
  height?: number;
  /** Baseline `y` from the page's top. */
  texts?: { x: number; y: number; text: string; size?: number }[];
  /** Coordinates from the page's top. */
  lines?: { x0: number; y0: number; x1: number; y1: number }[];
  /** A full-page gray image, as a scanner makes. */
  image?: boolean;
}

const escapeText = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`);

export function makeSimplePdf(
  pages: SimplePdfPage[],
  options: { encrypted?: boolean } = {},
): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add('');
  const pagesId = add('');
  const font = add(
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  );
  const image = add(
    `<< /Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 16 >>\nstream\n${'\u0080'.repeat(16)}\nendstream`,
  );
  const pageIds: number[] = [];
  for (const page of pages) {
    const width = page.width ?? 842;
    const height = page.height ?? 595;
    const ops: string[] = [];
    if (page.image) ops.push(`q ${width} 0 0 ${height} 0 0 cm /Im1 Do Q`);
    if (page.lines?.length) {
      ops.push('0.5 w');
      for (const l of page.lines)
        ops.push(`${l.x0} ${height - l.y0} m ${l.x1} ${height - l.y1} l S`);
    }
    for (const t of page.texts ?? []) {
      ops.push(
        `BT /F1 ${t.size ?? 10} Tf 1 0 0 1 ${t.x} ${height - t.y} Tm (${escapeText(t.text)}) Tj ET`,
      );
    }
    const content = ops.join('\n');
    const contentId = add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    pageIds.push(
      add(
        `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${width} ${height}] /Contents ${contentId} 0 R /Resources << /Font << /F1 ${font} 0 R >> /XObject << /Im1 ${image} 0 R >> >> >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesId} 0 R >>`;
  objects[pagesId - 1] =
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  const encrypt = options.encrypted
    ? add(
        `<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <${'7a'.repeat(32)}> /U <${'3c'.repeat(32)}> >>`,
      )
    : null;

  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const [i, body] of objects.entries()) {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R${
    encrypt ? ` /Encrypt ${encrypt} 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>]` : ''
  } >>\nstartxref\n${xref}\n%%EOF\n`;
  // Latin-1: one byte per character (the image bytes included).
  return Uint8Array.from(out, (c) => c.charCodeAt(0) & 0xff);
}

/**
 * A plan table in ASCII over `pages` pages, the header (one title on two lines) repeated on each
 * page, a page number under each; `ruled: false` draws no borders.
 */
export function simplePlanPdf(options: {
  rows: number;
  pages?: number;
  ruled?: boolean;
}): Uint8Array {
  const columns = [
    { title: 'TT', x: 40 },
    { title: 'Tieu chi', x: 80 },
    { title: 'Ket qua can dat', x: 180 },
    { title: 'Cong viec/giai', x: 340 },
    { title: 'Chu tri', x: 520 },
    { title: 'Thoi gian', x: 620 },
    { title: 'Kinh phi', x: 720 },
  ];
  const right = 800;
  const pageCount = options.pages ?? 1;
  const perPage = Math.ceil(options.rows / pageCount);
  const pages: SimplePdfPage[] = [];
  let row = 0;
  for (let p = 0; p < pageCount; p += 1) {
    const texts: NonNullable<SimplePdfPage['texts']> = [];
    const lines: NonNullable<SimplePdfPage['lines']> = [];
    if (p === 0) {
      texts.push({ x: 40, y: 30, text: 'TRUONG TIEU HOC HOA BINH', size: 12 });
      texts.push({
        x: 300,
        y: 50,
        text: 'KE HOACH cai tien chat luong nam hoc 2025 - 2026',
        size: 12,
      });
    }
    const top = p === 0 ? 70 : 40;
    const ys = [top, top + 32];
    for (const c of columns) texts.push({ x: c.x + 3, y: top + 14, text: c.title });
    texts.push({ x: (columns[3]?.x ?? 0) + 3, y: top + 26, text: 'phap' });
    let y = top + 32;
    for (let k = 0; k < perPage && row < options.rows; k += 1, row += 1) {
      const n = row + 1;
      const cells = [
        String(n),
        `${(row % 5) + 1}.${(row % 3) + 1}`,
        `Muc tieu ${n}`,
        `Cong viec so ${n} duoc viet`,
        'Hieu truong',
        'Thang 9/2025',
        `${n}.000.000`,
      ];
      for (const [i, c] of columns.entries())
        texts.push({ x: c.x + 3, y: y + 14, text: cells[i] ?? '' });
      // The tasks cell wraps onto a second line.
      texts.push({ x: (columns[3]?.x ?? 0) + 3, y: y + 28, text: 'tren hai dong' });
      y += 34;
      ys.push(y);
    }
    for (const yy of ys) lines.push({ x0: 40, y0: yy, x1: right, y1: yy });
    for (const x of [...columns.map((c) => c.x), right]) {
      lines.push({ x0: x, y0: top, x1: x, y1: y });
    }
    texts.push({ x: 420, y: 580, text: String(p + 1) });
    pages.push({ texts, lines: options.ruled === false ? [] : lines });
  }
  return makeSimplePdf(pages);
}
