/**
 * Reads the body of a Word document (`word/document.xml`) into paragraphs and tables, keeping what
 * a reader sees: a cell's paragraphs joined with "\n", `<w:br/>` and `<w:cr/>` as "\n", `<w:tab/>`
 * as "\t"; deleted and moved-away text (tracked changes) left out; the VML fallback of drawings
 * skipped (its text boxes repeat the DrawingML ones).
 *
 * The XML is scanned by a small tokenizer written for this purpose rather than a general parser:
 * WordprocessingML needs no DTD, so a DOCTYPE is refused outright (no entity expansion attacks);
 * only the five XML entities and character references are decoded; a malformed or truncated
 * document (mismatched or unclosed tags) is refused as corrupt, as Word itself would refuse it.
 * Tables, rows and cells are counted against limits while reading.
 *
 * Runs typed in a legacy Vietnamese font (TCVN3 `.VnTime…`, VNI `VNI-…`; issue 16) are converted
 * to Unicode by the font each run is shown in: its own `w:rFonts`, else its character style's, its
 * paragraph style's or the document defaults' (docx-styles.ts). Consecutive runs of one font are
 * decoded together, so a VNI letter split between two runs (a + ù) still reads as one; a run that
 * already holds Unicode Vietnamese is left as it is. `<w:softHyphen/>` in a TCVN3 run is the
 * letter ư (its code, 0xAD, is the soft hyphen's, and Word stores it as one).
 */

import {
  NO_STYLE_FONTS,
  fontSlotsOf,
  runFont,
  type DocxStyleFonts,
  type FontSlots,
} from './docx-styles.ts';
import {
  decodeFontPieces,
  LegacyFontTally,
  legacyFontOf,
  type FontPiece,
  type LegacyFont,
  type LegacyFontUse,
} from './legacy-fonts.ts';

export interface DocxCell {
  /** Paragraph texts of the cell (nested tables excluded: they are tables of their own). */
  paragraphs: string[];
  /** Grid columns covered (`w:gridSpan`). */
  gridSpan: number;
  /** `w:vMerge`: `restart` opens a vertical merge, `continue` extends the one above. */
  vMerge: 'restart' | 'continue' | null;
  /** Legacy horizontal merge (`w:hMerge`, Word 97 files): `continue` belongs to the cell on its left. */
  hMerge: 'restart' | 'continue' | null;
}

export interface DocxRow {
  cells: DocxCell[];
  /** Grid columns skipped before the first cell (`w:gridBefore`). */
  gridBefore: number;
}

export interface DocxTable {
  rows: DocxRow[];
  /** 0 for a table of the body; 1 and more for tables nested in cells. */
  depth: number;
}

export type DocxBlock =
  | { kind: 'paragraph'; text: string }
  /** `table` indexes `DocxBody.tables`. */
  | { kind: 'table'; table: number };

export interface DocxBody {
  blocks: DocxBlock[];
  tables: DocxTable[];
  /**
   * Runs in legacy Vietnamese fonts whose text reads differently once decoded, per font: converted
   * ones, or with `legacyFonts.convert` false the ones left as typed.
   */
  legacyFonts?: LegacyFontUse[];
}

/** How runs in legacy Vietnamese fonts are read. */
export interface DocxFontOptions {
  /** Convert them to Unicode (default true); false keeps the text as typed (and counts it). */
  convert?: boolean;
  /** The fonts of `word/styles.xml`, for runs that name no font of their own. */
  styles?: DocxStyleFonts;
}

export interface DocxReadLimits {
  maxTables: number;
  /** Rows summed over all tables. */
  maxRows: number;
  /** Cells summed over all tables. */
  maxCells: number;
}

/** The document is not well-formed XML (or uses what WordprocessingML never does). */
export class DocxXmlError extends Error {}
/** The document holds more tables, rows or cells than the limits allow. */
export class DocxTooLarge extends Error {}

const WORD_NAMESPACES = new Set([
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
]);
const MARKUP_COMPATIBILITY = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/** Subtrees whose text is not shown: deletions, the old place of moved text, VML fallbacks. */
const SKIPPED_WORD_ELEMENTS = new Set(['del', 'moveFrom']);

const NAMED_ENTITIES: Record<string, string> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

/**
 * Decodes the five XML entities and character references; anything else stays as written.
 * References XML does not allow are decoded to what they name all the same, so the importer's one
 * text check (`source-text.ts`) removes or replaces them and reports each: `&#0;` and other control
 * characters become the character (removed there), a surrogate code point (`&#xD800;`) the lone
 * surrogate (replaced there by U+FFFD). A reference past U+10FFFF names no character at all and
 * becomes U+FFFD directly.
 */
export function decodeXmlText(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(
    /&(#x[0-9a-fA-F]{1,8}|#[0-9]{1,10}|[a-zA-Z]{2,4});/g,
    (whole, body: string) => {
      if (body.startsWith('#')) {
        const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
        if (code > 0x10ffff) return '\uFFFD';
        if (code >= 0xd800 && code <= 0xdfff) return String.fromCharCode(code);
        return String.fromCodePoint(code);
      }
      return NAMED_ENTITIES[body] ?? whole;
    },
  );
}

/** One tag at a position: closing slash, name, attributes, self-closing slash. */
const TAG = /<(\/?)([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
/** The elements whose attributes are read; every other tag's attributes are skipped unparsed. */
const ATTRIBUTE_ELEMENTS = new Set([
  'gridSpan',
  'vMerge',
  'hMerge',
  'gridBefore',
  'rFonts',
  'rStyle',
  'pStyle',
]);
const NO_ATTRIBUTES: Map<string, string> = new Map();

const ATTRIBUTE = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function readAttributes(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  if (!source.includes('=')) return attributes;
  for (const match of source.matchAll(ATTRIBUTE)) {
    attributes.set(match[1] ?? '', decodeXmlText(match[2] ?? match[3] ?? ''));
  }
  return attributes;
}

/** Finds the `>` that closes a tag opened at `from`, skipping quoted attribute values. */
function tagEnd(xml: string, from: number): number {
  let quote = '';
  for (let i = from; i < xml.length; i += 1) {
    const ch = xml[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '>') {
      return i;
    }
  }
  return -1;
}

interface OpenElement {
  name: string;
  /** The local name when the element is in the WordprocessingML namespace, else ''. */
  word: string;
}

interface TableState {
  table: DocxTable;
  row: DocxRow | null;
  cell: DocxCell | null;
}

interface ParagraphState {
  pieces: FontPiece[];
  /** The cell the paragraph belongs to, or null for the body. */
  cell: DocxCell | null;
  /** `w:pStyle`. */
  style: string | null;
}

interface RunState {
  id: number;
  direct: FontSlots;
  characterStyle: string | null;
  /** The run's legacy font, resolved at its first text (its properties come before any). */
  font: LegacyFont | null | undefined;
}

function attributeValue(attributes: Map<string, string>, local: string): string | undefined {
  for (const [name, value] of attributes) {
    const colon = name.indexOf(':');
    if ((colon === -1 ? name : name.slice(colon + 1)) === local) return value;
  }
  return undefined;
}

function clampedInteger(value: string | undefined, fallback: number, max: number): number {
  const number = value === undefined ? NaN : Number.parseInt(value, 10);
  if (!Number.isFinite(number) || number < 0) return fallback;
  return Math.min(number, max);
}

/**
 * Reads `word/document.xml`. Throws {@link DocxXmlError} for malformed XML and
 * {@link DocxTooLarge} past the limits; nothing else.
 */
export function readDocxBody(
  xml: string,
  limits: DocxReadLimits,
  maxColumns: number,
  fontOptions: DocxFontOptions = {},
): DocxBody {
  const blocks: DocxBlock[] = [];
  const tables: DocxTable[] = [];
  const namespaces = new Map<string, string>();
  const stack: OpenElement[] = [];
  const tableStack: TableState[] = [];
  const paragraphStack: ParagraphState[] = [];
  const runStack: RunState[] = [];
  const styleFonts = fontOptions.styles ?? NO_STYLE_FONTS;
  const convertLegacy = fontOptions.convert !== false;
  const legacyTally = new LegacyFontTally();
  let runSerial = 0;
  let skipDepth = -1;
  let runDepth = 0;
  let textDepth = 0;
  let tcPrDepth = 0;
  let trPrDepth = 0;
  let rowCount = 0;
  let cellCount = 0;
  let rootClosed = false;
  /** Qualified name → WordprocessingML local name (or ''), cached: a document repeats few names. */
  const wordNames = new Map<string, string>();

  /** Whether the element being started sits in `parent`, itself in `grandparent` (Word names). */
  const parentIs = (parent: string, grandparent: string): boolean =>
    stack[stack.length - 1]?.word === parent && stack[stack.length - 2]?.word === grandparent;

  const wordName = (qualified: string): string => {
    const colon = qualified.indexOf(':');
    const prefix = colon === -1 ? '' : qualified.slice(0, colon);
    const namespace = namespaces.get(prefix);
    return namespace !== undefined && WORD_NAMESPACES.has(namespace)
      ? qualified.slice(colon + 1)
      : '';
  };
  const isFallback = (qualified: string): boolean => {
    const colon = qualified.indexOf(':');
    return (
      colon !== -1 &&
      qualified.slice(colon + 1) === 'Fallback' &&
      namespaces.get(qualified.slice(0, colon)) === MARKUP_COMPATIBILITY
    );
  };
  /** The legacy font of the run being read (null outside runs and for Unicode fonts). */
  const currentFont = (): LegacyFont | null => {
    const run = runStack[runStack.length - 1];
    if (!run) return null;
    if (run.font === undefined) {
      const paragraph = paragraphStack[paragraphStack.length - 1];
      run.font = legacyFontOf(
        runFont(styleFonts, {
          direct: run.direct,
          characterStyle: run.characterStyle,
          paragraphStyle: paragraph?.style ?? null,
        }),
      );
    }
    return run.font;
  };
  const appendText = (text: string) => {
    const paragraph = paragraphStack[paragraphStack.length - 1];
    if (!paragraph) return;
    const run = runStack[runStack.length - 1];
    paragraph.pieces.push({ text, run: run?.id ?? 0, font: run ? currentFont() : null });
  };

  const openParagraph = () => {
    const top = tableStack[tableStack.length - 1];
    paragraphStack.push({ pieces: [], cell: top?.cell ?? null, style: null });
  };
  const closeParagraph = () => {
    const paragraph = paragraphStack.pop();
    if (!paragraph) return;
    const text = paragraphText(paragraph.pieces, convertLegacy, legacyTally);
    if (paragraph.cell) paragraph.cell.paragraphs.push(text);
    else blocks.push({ kind: 'paragraph', text });
  };

  /** Handles an element start (or an empty element, with `selfClosing`). */
  const start = (word: string, attributes: Map<string, string>, selfClosing: boolean) => {
    switch (word) {
      case 'tbl': {
        if (selfClosing) return;
        if (tables.length >= limits.maxTables) throw new DocxTooLarge('tables');
        const table: DocxTable = { rows: [], depth: tableStack.length };
        tables.push(table);
        blocks.push({ kind: 'table', table: tables.length - 1 });
        tableStack.push({ table, row: null, cell: null });
        return;
      }
      case 'tr': {
        const top = tableStack[tableStack.length - 1];
        if (!top) return;
        rowCount += 1;
        if (rowCount > limits.maxRows) throw new DocxTooLarge('rows');
        top.row = { cells: [], gridBefore: 0 };
        top.table.rows.push(top.row);
        top.cell = null;
        return;
      }
      case 'tc': {
        const top = tableStack[tableStack.length - 1];
        if (!top) return;
        cellCount += 1;
        if (cellCount > limits.maxCells) throw new DocxTooLarge('cells');
        if (!top.row) {
          top.row = { cells: [], gridBefore: 0 };
          top.table.rows.push(top.row);
        }
        top.cell = { paragraphs: [], gridSpan: 1, vMerge: null, hMerge: null };
        top.row.cells.push(top.cell);
        if (selfClosing) top.cell = null;
        return;
      }
      case 'p':
        openParagraph();
        if (selfClosing) closeParagraph();
        return;
      case 'r':
        if (!selfClosing) {
          runDepth += 1;
          runSerial += 1;
          runStack.push({ id: runSerial, direct: {}, characterStyle: null, font: undefined });
        }
        return;
      case 'rFonts':
        // The run's own properties (`w:r/w:rPr`), not a paragraph mark's or a tracked change's.
        if (parentIs('rPr', 'r')) {
          const run = runStack[runStack.length - 1];
          if (run) run.direct = fontSlotsOf(localAttributes(attributes));
        }
        return;
      case 'rStyle':
        if (parentIs('rPr', 'r')) {
          const run = runStack[runStack.length - 1];
          if (run) run.characterStyle = attributeValue(attributes, 'val') ?? null;
        }
        return;
      case 'pStyle':
        if (parentIs('pPr', 'p')) {
          const paragraph = paragraphStack[paragraphStack.length - 1];
          if (paragraph) paragraph.style = attributeValue(attributes, 'val') ?? null;
        }
        return;
      case 'softHyphen':
        // TCVN3's ư is code 0xAD, the soft hyphen, which Word stores as this element.
        if (runDepth > 0 && currentFont()?.encoding === 'tcvn3') appendText('\u00ad');
        return;
      case 't':
        if (!selfClosing) textDepth += 1;
        return;
      case 'tab':
        // `<w:tab/>` is a tab character only inside a run; inside `<w:tabs>` it is a tab stop.
        if (runDepth > 0) appendText('\t');
        return;
      case 'br':
      case 'cr':
        if (runDepth > 0) appendText('\n');
        return;
      case 'noBreakHyphen':
        if (runDepth > 0) appendText('-');
        return;
      case 'tcPr':
        if (!selfClosing) tcPrDepth += 1;
        return;
      case 'trPr':
        if (!selfClosing) trPrDepth += 1;
        return;
      case 'gridSpan': {
        const cell = tableStack[tableStack.length - 1]?.cell;
        if (cell && tcPrDepth > 0) {
          cell.gridSpan = Math.max(
            1,
            clampedInteger(attributeValue(attributes, 'val'), 1, maxColumns),
          );
        }
        return;
      }
      case 'vMerge': {
        const cell = tableStack[tableStack.length - 1]?.cell;
        if (cell && tcPrDepth > 0) {
          cell.vMerge = attributeValue(attributes, 'val') === 'restart' ? 'restart' : 'continue';
        }
        return;
      }
      case 'hMerge': {
        const cell = tableStack[tableStack.length - 1]?.cell;
        if (cell && tcPrDepth > 0) {
          cell.hMerge = attributeValue(attributes, 'val') === 'restart' ? 'restart' : 'continue';
        }
        return;
      }
      case 'gridBefore': {
        const row = tableStack[tableStack.length - 1]?.row;
        if (row && trPrDepth > 0) {
          row.gridBefore = clampedInteger(attributeValue(attributes, 'val'), 0, maxColumns);
        }
        return;
      }
      default:
        return;
    }
  };

  const end = (word: string) => {
    switch (word) {
      case 'tbl':
        tableStack.pop();
        return;
      case 'tr': {
        const top = tableStack[tableStack.length - 1];
        if (top) {
          top.row = null;
          top.cell = null;
        }
        return;
      }
      case 'tc': {
        const top = tableStack[tableStack.length - 1];
        if (top) top.cell = null;
        return;
      }
      case 'p':
        closeParagraph();
        return;
      case 'r':
        runDepth = Math.max(0, runDepth - 1);
        runStack.pop();
        return;
      case 't':
        textDepth = Math.max(0, textDepth - 1);
        return;
      case 'tcPr':
        tcPrDepth = Math.max(0, tcPrDepth - 1);
        return;
      case 'trPr':
        trPrDepth = Math.max(0, trPrDepth - 1);
        return;
      default:
        return;
    }
  };

  let at = 0;
  const length = xml.length;
  while (at < length) {
    const lt = xml.indexOf('<', at);
    const textEnd = lt === -1 ? length : lt;
    if (textEnd > at) {
      if (textDepth > 0 && skipDepth === -1) appendText(decodeXmlText(xml.slice(at, textEnd)));
      else if (
        stack.length === 0 &&
        xml
          .slice(at, textEnd)
          .replace(/^\uFEFF/, '')
          .trim() !== ''
      ) {
        throw new DocxXmlError('text outside the document element');
      }
    }
    if (lt === -1) break;
    if (xml.startsWith('<!--', lt)) {
      const close = xml.indexOf('-->', lt + 4);
      if (close === -1) throw new DocxXmlError('unterminated comment');
      at = close + 3;
      continue;
    }
    if (xml.startsWith('<?', lt)) {
      const close = xml.indexOf('?>', lt + 2);
      if (close === -1) throw new DocxXmlError('unterminated processing instruction');
      at = close + 2;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const close = xml.indexOf(']]>', lt + 9);
      if (close === -1) throw new DocxXmlError('unterminated CDATA');
      if (textDepth > 0 && skipDepth === -1) appendText(xml.slice(lt + 9, close));
      at = close + 3;
      continue;
    }
    if (xml.startsWith('<!', lt)) throw new DocxXmlError('DOCTYPE or declaration');
    TAG.lastIndex = lt;
    const tag = TAG.exec(xml);
    if (!tag) {
      // Only a tag whose attribute values hold a ">" or odd spacing gets here; anything else is malformed.
      throw new DocxXmlError(tagEnd(xml, lt + 1) === -1 ? 'unterminated tag' : 'malformed tag');
    }
    at = TAG.lastIndex;
    const name = tag[2] ?? '';
    const rawAttributes = tag[3] ?? '';
    if (tag[1] === '/') {
      if (rawAttributes !== '' || tag[4] === '/') throw new DocxXmlError('malformed closing tag');
      const open = stack.pop();
      if (!open || open.name !== name) throw new DocxXmlError(`mismatched </${name}>`);
      if (stack.length === 0) rootClosed = true;
      if (skipDepth === stack.length) {
        skipDepth = -1;
        continue;
      }
      if (skipDepth === -1 && open.word) end(open.word);
      continue;
    }
    const selfClosing = tag[4] === '/';
    if (rawAttributes.includes('xmlns')) {
      for (const [attribute, value] of readAttributes(rawAttributes)) {
        if (attribute === 'xmlns') {
          if (!namespaces.has('')) namespaces.set('', value);
        } else if (attribute.startsWith('xmlns:')) {
          const prefix = attribute.slice(6);
          if (!namespaces.has(prefix)) namespaces.set(prefix, value);
        }
      }
      wordNames.clear();
    }
    if (rootClosed) throw new DocxXmlError('a second document element');
    if (stack.length === 0 && selfClosing) rootClosed = true;
    let word = wordNames.get(name);
    if (word === undefined) {
      word = wordName(name);
      wordNames.set(name, word);
    }
    if (skipDepth === -1) {
      if (SKIPPED_WORD_ELEMENTS.has(word) || isFallback(name)) {
        if (!selfClosing) skipDepth = stack.length;
      } else if (word) {
        start(
          word,
          ATTRIBUTE_ELEMENTS.has(word) ? readAttributes(rawAttributes) : NO_ATTRIBUTES,
          selfClosing,
        );
      }
    }
    if (!selfClosing) stack.push({ name, word });
  }
  if (stack.length > 0 || !rootClosed) throw new DocxXmlError('unclosed elements at the end');
  const legacyFonts = legacyTally.uses();
  return legacyFonts.length > 0 ? { blocks, tables, legacyFonts } : { blocks, tables };
}

/** Attribute names without their prefix (`w:hAnsi` → `hAnsi`). */
function localAttributes(attributes: Map<string, string>): Map<string, string> {
  const local = new Map<string, string>();
  for (const [name, value] of attributes) {
    const colon = name.indexOf(':');
    local.set(colon === -1 ? name : name.slice(colon + 1), value);
  }
  return local;
}

/** A paragraph's text from its pieces (legacy-fonts.ts); runs that read differently are counted. */
function paragraphText(
  pieces: readonly FontPiece[],
  convert: boolean,
  tally: LegacyFontTally,
): string {
  const decoded = decodeFontPieces(pieces);
  for (const change of decoded.changes) tally.add(change.font, change.runs);
  return convert ? decoded.text : decoded.raw;
}

/** A cell's text: paragraphs joined with "\n", invisible whitespace at its edges dropped. */
export function docxCellText(cell: DocxCell): string {
  return cell.paragraphs
    .join('\n')
    .replace(/^[\s\u200B\u2060\uFEFF]+|[\s\u200B\u2060\uFEFF]+$/gu, '');
}
