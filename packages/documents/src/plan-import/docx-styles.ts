import { decodeXmlText } from './docx-reader.ts';

/**
 * The fonts a Word document's styles give its text (`word/styles.xml`): the document defaults
 * (`w:docDefaults`), each paragraph and character style's `w:rFonts` and what it is based on. The
 * DOCX reader needs them to know which runs are typed in a legacy Vietnamese font when the run
 * itself names no font (issue 16). Read with a few bounded scans, not a parser: only font names
 * are wanted, and a styles part that cannot be read only means fewer runs are recognised.
 */

/** The font slots of `w:rFonts`; a theme font (`w:asciiTheme`, …) is recorded as `#theme`. */
export interface FontSlots {
  ascii?: string;
  hAnsi?: string;
  cs?: string;
}

export interface DocxStyle {
  type: string;
  basedOn: string | null;
  fonts: FontSlots;
}

export interface DocxStyleFonts {
  styles: Map<string, DocxStyle>;
  defaults: FontSlots;
  /** The style of paragraphs that name none (`w:default="1"` of type paragraph). */
  defaultParagraphStyle: string | null;
}

export const NO_STYLE_FONTS: DocxStyleFonts = {
  styles: new Map(),
  defaults: {},
  defaultParagraphStyle: null,
};

/** A theme font: never a legacy one (themes name Unicode fonts). */
export const THEME_FONT = '#theme';

/** Largest styles part read (a real one is tens of KB). */
const MAX_STYLES_CHARS = 4 * 1024 * 1024;

const ATTRIBUTE = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function attributes(source: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = match[1] ?? '';
    const colon = name.indexOf(':');
    result.set(
      colon === -1 ? name : name.slice(colon + 1),
      decodeXmlText(match[2] ?? match[3] ?? ''),
    );
  }
  return result;
}

/** The font slots of one `w:rFonts` start tag's attributes. */
export function fontSlotsOf(attributeSource: string | Map<string, string>): FontSlots {
  const values =
    typeof attributeSource === 'string' ? attributes(attributeSource) : attributeSource;
  const slots: FontSlots = {};
  for (const slot of ['ascii', 'hAnsi', 'cs'] as const) {
    const theme = values.get(slot === 'cs' ? 'cstheme' : `${slot}Theme`);
    const name = values.get(slot);
    if (theme !== undefined && theme !== '') slots[slot] = THEME_FONT;
    else if (name !== undefined && name.trim() !== '') slots[slot] = name.trim();
  }
  return slots;
}

/** The `w:rFonts` of the first `w:rPr` of an XML fragment (a style's or the defaults'). */
function rPrFonts(fragment: string): FontSlots {
  const rPr = /<(?:[\w.-]+:)?rPr\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?rPr>/.exec(fragment);
  if (!rPr) return {};
  const rFonts = /<(?:[\w.-]+:)?rFonts\b([^>]*?)\/?>/.exec(rPr[1] ?? '');
  return rFonts ? fontSlotsOf(rFonts[1] ?? '') : {};
}

/** Reads the fonts of `word/styles.xml`; anything it cannot read is simply not there. */
export function readDocxStyleFonts(xml: string): DocxStyleFonts {
  if (xml.length > MAX_STYLES_CHARS) return NO_STYLE_FONTS;
  const styles = new Map<string, DocxStyle>();
  let defaultParagraphStyle: string | null = null;
  const docDefaults =
    /<(?:[\w.-]+:)?docDefaults\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?docDefaults>/.exec(xml);
  const defaults = docDefaults ? rPrFonts(docDefaults[1] ?? '') : {};
  for (const match of xml.matchAll(
    /<(?:[\w.-]+:)?style\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?style>)/g,
  )) {
    const attrs = attributes(match[1] ?? '');
    const id = attrs.get('styleId');
    if (id === undefined) continue;
    // Conditional formats of table styles carry their own rPr: not the style's own.
    const body = (match[2] ?? '').replace(
      /<(?:[\w.-]+:)?tblStylePr\b[\s\S]*?<\/(?:[\w.-]+:)?tblStylePr>/g,
      '',
    );
    const basedOn = /<(?:[\w.-]+:)?basedOn\b([^>]*?)\/?>/.exec(body);
    const type = attrs.get('type') ?? 'paragraph';
    styles.set(id, {
      type,
      basedOn: basedOn ? (attributes(basedOn[1] ?? '').get('val') ?? null) : null,
      fonts: rPrFonts(body),
    });
    const isDefault = attrs.get('default');
    if (type === 'paragraph' && (isDefault === '1' || isDefault === 'true')) {
      defaultParagraphStyle ??= id;
    }
  }
  return { styles, defaults, defaultParagraphStyle };
}

/** A style and the styles it is based on, nearest first (a loop or a missing style ends it). */
export function styleChain(fonts: DocxStyleFonts, id: string | null): FontSlots[] {
  const chain: FontSlots[] = [];
  const seen = new Set<string>();
  let current = id;
  while (current !== null && !seen.has(current) && chain.length < 32) {
    seen.add(current);
    const style = fonts.styles.get(current);
    if (!style) break;
    chain.push(style.fonts);
    current = style.basedOn;
  }
  return chain;
}

/**
 * The font a run's text is shown in, from the most specific level that names one: the run's own
 * `w:rFonts`, its character style, its paragraph's style (or the default paragraph style), the
 * document defaults. Vietnamese letters and the legacy code points are not ASCII, so Word shows
 * them in the `w:hAnsi` font: that slot is preferred, then `w:ascii`; `w:cs` only when no level
 * names either.
 */
export function runFont(
  fonts: DocxStyleFonts,
  run: { direct: FontSlots; characterStyle: string | null; paragraphStyle: string | null },
): string | null {
  const levels: FontSlots[] = [
    run.direct,
    ...styleChain(fonts, run.characterStyle),
    ...styleChain(fonts, run.paragraphStyle ?? fonts.defaultParagraphStyle),
    fonts.defaults,
  ];
  for (const level of levels) {
    const font = level.hAnsi ?? level.ascii;
    if (font !== undefined) return font;
  }
  for (const level of levels) if (level.cs !== undefined) return level.cs;
  return null;
}
