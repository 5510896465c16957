import { inflateZipEntry, readZipDirectory } from '../ooxml/zip-archive.ts';

/**
 * The font of a workbook's unformatted cells (issue 16): cells written without a style (`s`) are
 * shown in the font of the first cell format (`cellXfs`), normally `fonts[0]` — the "Normal"
 * style's font, which offices using TCVN3 often set to .VnTime for the whole workbook. exceljs
 * gives such cells no font, so the name is read here from `xl/styles.xml`. Null when it cannot be
 * read (nothing is guessed).
 */

const MAX_STYLES_BYTES = 4 * 1024 * 1024;

export function readXlsxDefaultFont(data: Uint8Array): string | null {
  try {
    const entry = readZipDirectory(data, 10_000).find((e) => e.name === 'xl/styles.xml');
    if (!entry || entry.uncompressedSize > MAX_STYLES_BYTES) return null;
    const xml = new TextDecoder('utf-8', { fatal: false }).decode(inflateZipEntry(data, entry));
    return defaultFontOfStyles(xml);
  } catch {
    return null;
  }
}

/** The default font's name from the text of `xl/styles.xml`. */
export function defaultFontOfStyles(xml: string): string | null {
  const prefix = '(?:[\\w.-]+:)?';
  const cellXfs = new RegExp(`<${prefix}cellXfs\\b[^>]*>([\\s\\S]*?)</${prefix}cellXfs>`).exec(xml);
  const firstXf = cellXfs ? new RegExp(`<${prefix}xf\\b([^>]*)`).exec(cellXfs[1] ?? '') : null;
  const fontId = Number(/\bfontId\s*=\s*["'](\d+)["']/.exec(firstXf?.[1] ?? '')?.[1] ?? '0');
  const fonts = new RegExp(`<${prefix}fonts\\b[^>]*>([\\s\\S]*?)</${prefix}fonts>`).exec(xml);
  if (!fonts) return null;
  const list = [
    ...(fonts[1] ?? '').matchAll(
      new RegExp(`<${prefix}font\\b[^>]*?(?:/>|>([\\s\\S]*?)</${prefix}font>)`, 'g'),
    ),
  ];
  const font = list[fontId]?.[1] ?? '';
  const name = new RegExp(`<${prefix}name\\b[^>]*\\bval\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(
    font,
  );
  const value = (name?.[1] ?? name?.[2] ?? '')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .trim();
  return value === '' ? null : value;
}
