import {
  foldVietnamese,
  ROW_TEXT_FIELDS,
  type Regime,
  type RowGroup,
  type RowTextField,
} from '@caitien/core';
import { describePosition, positionOf, type Grid, type GridCell } from './grid.ts';
import {
  isColumnNumber,
  isFooterText,
  readCriterionCode,
  readLevel4Key,
  readStandardCell,
  readStructureText,
  type StructureMeaning,
} from './plan-headers.ts';
import type {
  ImportField,
  ImportWarning,
  SourcePosition,
  StructureRow,
  UnmappedCell,
} from './plan-import.types.ts';
import {
  headerLabel,
  isRepeatedHeaderRow,
  type HeaderColumn,
  type TableHeader,
} from './plan-table.ts';

/**
 * Reads the body of the plan table, part by part: which rows are plan rows and which are structure
 * ("MỨC 1, 2, 3", "MỨC 4: Không có", "Tiêu chuẩn 1: …", "ĐG Mức 4", a criterion alone on its row,
 * the column-number row, a repeated header), where each plan row belongs (group, standard,
 * criterion or Mức 4 item) and the text of each of its fields. Every non-empty cell ends in a field
 * of a row, in a structure row, or in the list of unmapped cells with its position.
 */

/** One table of the plan (a plan may be split into a table per standard). */
export interface TablePart {
  grid: Grid;
  /** Null for a continuation table without a header of its own (it uses `columns`). */
  header: TableHeader | null;
  columns: HeaderColumn[];
  /** 0-based first row after the header. */
  bodyStart: number;
  /** Structure paragraphs between the previous part and this one (DOCX), applied first. */
  leadingStructure: { text: string; paragraph: number }[];
}

export interface DraftRow {
  group: RowGroup;
  standardCode: string | null;
  criterionCode: string | null;
  level4Key: string | null;
  texts: Record<RowTextField, string>;
  /** The verbatim halves of a split time column. */
  splitTime: { start: string; end: string } | null;
  position: SourcePosition;
}

export interface ReadRowsResult {
  rows: DraftRow[];
  structureRows: StructureRow[];
  unmappedCells: UnmappedCell[];
  warnings: ImportWarning[];
  /** Per part, the 0-based row where the table ended (the signature block under it), or null. */
  footerRows: (number | null)[];
}

/** "Tổng cộng", "Tổng số", "Tổng kinh phí", "Cộng": a total row under the table. */
const TOTAL_ROW =
  /^(tong cong|tong so|tong kinh phi|tong|cong)\s*:?\s*$|^(tong cong|tong kinh phi)\b/;

/** Fields that only place a row; a row of only these is not a plan row. */
const PLACEMENT_FIELDS: ReadonlySet<ImportField> = new Set(['ordinal', 'standard', 'criterion']);

interface Context {
  regime: Regime;
  group: RowGroup;
  standardCode: string | null;
  criterion: string | null;
  level4None: boolean;
}

function emptyTexts(): Record<RowTextField, string> {
  return Object.fromEntries(ROW_TEXT_FIELDS.map((f) => [f, ''])) as Record<RowTextField, string>;
}

function structureWords(meaning: StructureMeaning): string {
  switch (meaning.kind) {
    case 'group':
      return meaning.group === 'level_4'
        ? meaning.none
          ? 'Nhóm MỨC 4 (không có dòng nào)'
          : 'Nhóm MỨC 4'
        : 'Nhóm MỨC 1, 2, 3';
    case 'standard':
      return `Tiêu chuẩn ${meaning.standardCode}`;
    case 'criterion':
      return `Tiêu chí ${meaning.criterionCode} (cho các dòng bên dưới)`;
  }
}

function applyStructure(context: Context, meaning: StructureMeaning): void {
  switch (meaning.kind) {
    case 'group':
      if (context.regime === '2018') context.group = meaning.group;
      context.level4None = meaning.none;
      context.standardCode = null;
      context.criterion = null;
      return;
    case 'standard':
      context.standardCode = meaning.standardCode;
      context.criterion = null;
      return;
    case 'criterion':
      context.criterion = meaning.criterionCode;
      context.standardCode = meaning.criterionCode.split('.')[0] ?? null;
      return;
  }
}

function structureKind(meaning: StructureMeaning): StructureRow['kind'] {
  if (meaning.kind === 'group' && meaning.none) return 'level4-none';
  return meaning.kind;
}

/** The cells of a row: the ones that start here (own) and the ones merged down from above. */
interface RowCells {
  own: Map<number, GridCell>;
  carried: Map<number, GridCell>;
}

function rowCells(grid: Grid, row: number): RowCells {
  const own = new Map<number, GridCell>();
  const carried = new Map<number, GridCell>();
  const slots = grid.slots[row] ?? [];
  for (const [col, cell] of slots.entries()) {
    if (!cell || cell.text.trim() === '' || cell.col !== col) continue;
    if (cell.row === row) own.set(col, cell);
    else carried.set(col, cell);
  }
  return { own, carried };
}

export interface ReadRowsOptions {
  regime: Regime;
  /** True when the plan table ends where the signature block starts (worksheets, pasted text). */
  detectFooter: boolean;
}

/** Reads every part's body rows in order. */
export function readPlanRows(
  parts: readonly TablePart[],
  options: ReadRowsOptions,
): ReadRowsResult {
  const result: ReadRowsResult = {
    rows: [],
    structureRows: [],
    unmappedCells: [],
    warnings: [],
    footerRows: [],
  };
  const context: Context = {
    regime: options.regime,
    group: options.regime === '2026' ? 'tt57' : 'levels_1_3',
    standardCode: null,
    criterion: null,
    level4None: false,
  };
  const warnedMerges = new Set<GridCell>();

  for (const part of parts) {
    for (const lead of part.leadingStructure) {
      const meaning = readStructureText(lead.text);
      if (!meaning) continue;
      applyStructure(context, meaning);
      result.structureRows.push({
        position: { table: 0, row: lead.paragraph, column: 0 },
        text: lead.text,
        kind: structureKind(meaning),
        meaning: structureWords(meaning),
      });
    }
    const { grid, columns } = part;
    const fieldOf = new Map(columns.map((c) => [c.col, c]));
    const hasCriterionColumn = columns.some((c) => c.field === 'criterion');
    let footer: number | null = null;
    for (let row = part.bodyStart; row < grid.slots.length; row += 1) {
      const cells = rowCells(grid, row);
      if (cells.own.size === 0) continue;
      const ownTexts = [...cells.own.values()];
      const first = ownTexts[0];
      if (!first) continue;

      // The column-number row under the header: "(1) (2) (3) …".
      if (ownTexts.length >= 3 && ownTexts.every((cell) => isColumnNumber(cell.text))) {
        result.structureRows.push({
          position: positionOf(grid, row, first.col),
          text: ownTexts.map((c) => c.text).join(' '),
          kind: 'column-numbers',
          meaning: 'Dòng đánh số cột',
        });
        continue;
      }
      if (part.header && isRepeatedHeaderRow(grid, row, part.header)) {
        result.structureRows.push({
          position: positionOf(grid, row, first.col),
          text: ownTexts.map((c) => c.text).join(' | '),
          kind: 'repeated-header',
          meaning: 'Dòng tiêu đề cột lặp lại',
        });
        continue;
      }

      const contentCells = [...cells.own.values(), ...cells.carried.values()].filter((cell) => {
        const field = fieldOf.get(cell.col)?.field ?? null;
        return field !== null && !PLACEMENT_FIELDS.has(field);
      });
      const ownContent = contentCells.filter((cell) => cells.own.has(cell.col));

      // A row holding one text only: a group, standard or criterion heading, or the footer.
      if (ownTexts.length === 1) {
        const meaning = readStructureText(first.text);
        const isWide = first.colSpan >= Math.max(2, Math.ceil(grid.width / 2));
        const field = fieldOf.get(first.col)?.field ?? null;
        if (
          meaning &&
          (isWide || ownContent.length === 0 || field === null || PLACEMENT_FIELDS.has(field))
        ) {
          if (!(meaning.kind === 'criterion' && ownContent.length > 0)) {
            applyStructure(context, meaning);
            result.structureRows.push({
              position: positionOf(grid, row, first.col),
              text: first.text,
              kind: structureKind(meaning),
              meaning: structureWords(meaning),
            });
            continue;
          }
        }
        if (isWide && !meaning) {
          if (options.detectFooter && isFooterText(first.text)) {
            footer = row;
            break;
          }
          result.unmappedCells.push({
            position: positionOf(grid, row, first.col),
            text: first.text,
            header: null,
            reason: 'unrecognised-row',
          });
          result.warnings.push({
            code: 'row.unrecognised',
            message: `Dòng gộp “${first.text.slice(0, 80)}” (${describePosition(positionOf(grid, row, first.col))}) không phải tiêu đề nhóm hay tiêu chuẩn đã biết: không nhập thành dòng kế hoạch, được liệt kê ở đây.`,
            position: positionOf(grid, row, first.col),
          });
          continue;
        }
      }
      if (
        options.detectFooter &&
        ownContent.length <= 2 &&
        ownTexts.some((c) => isFooterText(c.text))
      ) {
        footer = row;
        break;
      }

      // A total row ("Tổng cộng", "Tổng kinh phí") sums the others: listed, never a plan row.
      if (ownTexts.length <= 3 && TOTAL_ROW.test(foldVietnamese(first.text))) {
        for (const cell of cells.own.values()) {
          pushUnmapped(result, grid, row, cell, fieldOf.get(cell.col), 'unrecognised-row');
        }
        result.warnings.push({
          code: 'row.total',
          message: `Dòng “${ownTexts
            .map((c) => c.text)
            .join(' | ')
            .slice(
              0,
              80,
            )}” (${describePosition(positionOf(grid, row, first.col))}) là dòng tổng cộng: không nhập thành dòng kế hoạch (tổng kinh phí được tính lại từ các dòng).`,
          position: positionOf(grid, row, first.col),
        });
        continue;
      }

      const ownPlacement = [...cells.own.values()].filter((cell) => {
        const field = fieldOf.get(cell.col)?.field ?? null;
        return field === 'criterion' || field === 'standard';
      });
      const isDataRow =
        ownContent.length > 0 || (ownPlacement.length > 0 && contentCells.length > 0);
      if (!isDataRow) {
        // A heading in one cell beside an ordinal ("I | Tiêu chuẩn 1: …", "1 | 1.1" with nothing
        // else): structure for the rows below.
        let heading: { cell: GridCell; meaning: StructureMeaning } | null = null;
        for (const cell of cells.own.values()) {
          const field = fieldOf.get(cell.col)?.field ?? null;
          const code = field === 'criterion' ? readCriterionCode(cell.text) : null;
          const meaning: StructureMeaning | null =
            readStructureText(cell.text) ??
            (code ? { kind: 'criterion', criterionCode: code.code } : null);
          if (meaning) {
            heading = { cell, meaning };
            break;
          }
        }
        if (heading) {
          applyStructure(context, heading.meaning);
          result.structureRows.push({
            position: positionOf(grid, row, first.col),
            text: ownTexts.map((c) => c.text).join(' '),
            kind: structureKind(heading.meaning),
            meaning: structureWords(heading.meaning),
          });
          for (const cell of cells.own.values()) {
            const field = fieldOf.get(cell.col)?.field ?? null;
            if (cell === heading.cell || field === 'ordinal' || isColumnNumber(cell.text)) continue;
            pushUnmapped(result, grid, row, cell, fieldOf.get(cell.col), 'unrecognised-row');
          }
          continue;
        }
        for (const cell of cells.own.values()) {
          pushUnmapped(result, grid, row, cell, fieldOf.get(cell.col), 'unrecognised-row');
        }
        if (cells.own.size > 0) {
          result.warnings.push({
            code: 'row.unrecognised',
            message: `Dòng ${describePosition(positionOf(grid, row, first.col))} chỉ có “${ownTexts
              .map((c) => c.text)
              .join(' | ')
              .slice(0, 80)}”: không nhập thành dòng kế hoạch, được liệt kê ở đây.`,
            position: positionOf(grid, row, first.col),
          });
        }
        continue;
      }

      result.rows.push(
        readDataRow({
          grid,
          row,
          cells,
          columns,
          fieldOf,
          context,
          result,
          warnedMerges,
          hasCriterionColumn,
        }),
      );
    }
    result.footerRows.push(footer);
    if (footer !== null) break;
  }
  if (context.level4None && result.rows.some((r) => r.group === 'level_4')) {
    result.warnings.push({
      code: 'level4.none-but-rows',
      message: 'Bảng ghi “MỨC 4: Không có” nhưng vẫn có dòng thuộc Mức 4 — hãy kiểm tra lại.',
    });
  }
  return result;
}

function pushUnmapped(
  result: ReadRowsResult,
  grid: Grid,
  row: number,
  cell: GridCell,
  column: HeaderColumn | undefined,
  fallback: UnmappedCell['reason'],
): void {
  result.unmappedCells.push({
    position: positionOf(grid, row, cell.col),
    text: cell.text,
    header: column && column.path.length > 0 ? headerLabel(column) : null,
    reason:
      column?.field === null || column === undefined
        ? (column?.unmappedReason ?? 'outside-table')
        : fallback,
  });
}

interface DataRowInput {
  grid: Grid;
  row: number;
  cells: RowCells;
  columns: HeaderColumn[];
  fieldOf: Map<number, HeaderColumn>;
  context: Context;
  result: ReadRowsResult;
  warnedMerges: Set<GridCell>;
  hasCriterionColumn: boolean;
}

function readDataRow(input: DataRowInput): DraftRow {
  const { grid, row, cells, fieldOf, context, result, warnedMerges } = input;
  const texts = emptyTexts();
  let timeStart = '';
  let timeEnd = '';
  let criterionText: { text: string; cell: GridCell } | null = null;
  let standardText: string | null = null;
  const firstCol = Math.min(...cells.own.keys(), ...cells.carried.keys());
  const position = positionOf(grid, row, Number.isFinite(firstCol) ? firstCol : 0);

  const all = new Map([...cells.carried, ...cells.own]);
  for (const [col, cell] of [...all].sort((a, b) => a[0] - b[0])) {
    const column = fieldOf.get(col);
    const field = column?.field ?? null;
    const isCarried = cell.row !== row;
    if (field === null) {
      if (!isCarried) pushUnmapped(result, grid, row, cell, column, 'unmapped-column');
      continue;
    }
    if (isCarried && !warnedMerges.has(cell) && !PLACEMENT_FIELDS.has(field)) {
      warnedMerges.add(cell);
      result.warnings.push({
        code: 'merge.vertical-copied',
        message: `Ô gộp dọc “${cell.text.slice(0, 60)}” (${describePosition(positionOf(grid, cell.row, cell.col))}, cột “${column ? headerLabel(column) : ''}”) trải qua ${cell.rowSpan} dòng: nội dung được chép vào từng dòng.`,
        position: positionOf(grid, cell.row, cell.col),
      });
    }
    if (cell.colSpan > 1 && !isCarried) {
      const covered = input.columns
        .filter(
          (c) => c.col > col && c.col < col + cell.colSpan && c.field !== null && c.field !== field,
        )
        .map((c) => headerLabel(c));
      if (covered.length > 0) {
        result.warnings.push({
          code: 'merge.horizontal-in-row',
          message: `Ô “${cell.text.slice(0, 60)}” (${describePosition(positionOf(grid, row, col))}) gộp ngang qua cột ${covered.map((h) => `“${h}”`).join(', ')}: nội dung được nhập vào cột “${column ? headerLabel(column) : ''}”.`,
          position: positionOf(grid, row, col),
        });
      }
    }
    if (field === 'criterion') criterionText = { text: cell.text, cell };
    else if (field === 'standard') standardText = cell.text;
    else if (field === 'timeStart') timeStart = cell.text;
    else if (field === 'timeEnd') timeEnd = cell.text;
    else if (field !== 'ordinal') {
      texts[field] = texts[field] === '' ? cell.text : `${texts[field]}\n${cell.text}`;
    }
  }

  let splitTime: DraftRow['splitTime'] = null;
  if (timeStart !== '' || timeEnd !== '') {
    splitTime = { start: timeStart, end: timeEnd };
    const joined = [timeStart, timeEnd].filter((t) => t !== '').join(' – ');
    texts.time = texts.time === '' ? joined : `${texts.time}\n${joined}`;
  }

  let group: RowGroup = context.group;
  let standardCode = context.standardCode;
  if (standardText !== null) {
    const standard = readStandardCell(standardText);
    if (standard && 'group' in standard) {
      if (context.regime === '2018') group = standard.group;
    } else if (standard) {
      standardCode = standard.standardCode;
      if (context.regime === '2018' && group === 'level_4' && context.group !== 'level_4') {
        group = 'levels_1_3';
      }
    }
  }

  let criterionCode: string | null = null;
  let level4Key: string | null = null;
  if (criterionText) {
    const code = readCriterionCode(criterionText.text);
    const item = group === 'level_4' ? readLevel4Key(criterionText.text) : null;
    if (group === 'level_4' && item !== null) {
      level4Key = item;
    } else if (code) {
      criterionCode = code.code;
      if (group === 'level_4') {
        result.warnings.push({
          code: 'level4.criterion-code',
          message: `Dòng ${describePosition(position)} thuộc Mức 4 nhưng ghi mã tiêu chí ${code.code}: giữ mã tiêu chí, hãy kiểm tra lại.`,
          position,
        });
      }
    } else {
      const structure = readStructureText(criterionText.text);
      if (structure?.kind === 'standard') {
        standardCode = structure.standardCode;
      } else {
        result.unmappedCells.push({
          position: positionOf(grid, criterionText.cell.row, criterionText.cell.col),
          text: criterionText.text,
          header: (() => {
            const column = fieldOf.get(criterionText.cell.col);
            return column ? headerLabel(column) : null;
          })(),
          reason: 'criterion-text',
        });
        result.warnings.push({
          code: 'criterion.unreadable',
          message: `Không đọc được mã tiêu chí trong “${criterionText.text.slice(0, 60)}” (${describePosition(position)}); dòng được nhập không có tiêu chí.`,
          position,
        });
      }
    }
  } else if (context.criterion) {
    criterionCode = context.criterion;
  } else if (!input.hasCriterionColumn) {
    // No criterion column (Biểu 2, pasted tables): "Tiêu chí 1.3: …" at the start of the content.
    for (const field of ['content', 'target', 'tasks', 'currentState'] as const) {
      const text = texts[field];
      if (!/^\s*(tiêu chí|tc)\s*\d/iu.test(text)) continue;
      const code = readCriterionCode(text);
      if (code) {
        criterionCode = code.code;
        break;
      }
    }
  }
  if (criterionCode) standardCode = criterionCode.split('.')[0] ?? standardCode;
  if (group === 'level_4' && level4Key !== null) standardCode = null;

  return { group, standardCode, criterionCode, level4Key, texts, splitTime, position };
}
