import { ROW_FIELD_LABELS, type PlanLayout, type RowTextField } from './plan.types.ts';

/**
 * The columns of each plan layout and where every row field is printed — the one list the
 * documents (DOCX, XLSX, print view, PDF) and the web editor read (issue 11 item 5).
 *
 * A row keeps the superset of the three layouts' fields (PRODUCT.md §6), and its text never
 * depends on the layout chosen: a layout prints each field it has a column for in that column,
 * and a field it has no column for inside a neighbouring column, where the seeds put such text
 * (layout B's "Nội dung kế hoạch" holds the tasks; its "Ghi chú" the current state; layout A's
 * "Kết quả cần đạt (so với hiện trạng)" the current state…). No field is ever dropped.
 */

/** Keys of the columns that are not a row field: the row number and the criterion cells. */
export type LayoutFrameColumnKey = 'tt' | 'standard' | 'criterion';

/** One column of a layout's plan table. */
export interface LayoutColumn {
  /** `tt`, `standard`, `criterion`, or the row field the column prints. */
  key: LayoutFrameColumnKey | RowTextField;
  /** The heading the document prints (the seeds' / Biểu 2's wording). */
  label: string;
  /** The editor's shorter heading for the same column. */
  shortLabel: string;
  /** Share of the printed table's width (relative; the document scales them to 100 %). */
  width: number;
  align: 'left' | 'center';
  /** The row field the column prints (hiding it hides the column); null for tt / criterion. */
  field: RowTextField | null;
}

/** A field a layout has no column for, printed inside another column. */
export interface JoinedField {
  field: RowTextField;
  /** The field (and column) it is printed in. */
  into: RowTextField;
  /** Before or after the column's own text, one line each. */
  at: 'before' | 'after';
  /** Printed before the text ("Tiến độ: "), so a reader knows what the line is. */
  prefix: string;
  /**
   * False when the prefix is left out while the line is alone in the cell (a lead column holding
   * only the coordinators prints them bare, as schools write it).
   */
  prefixWhenAlone: boolean;
}

const col = (
  key: LayoutColumn['key'],
  label: string,
  width: number,
  options: { align?: LayoutColumn['align']; shortLabel?: string } = {},
): LayoutColumn => ({
  key,
  label,
  shortLabel: options.shortLabel ?? label,
  width,
  align: options.align ?? 'left',
  field: key === 'tt' || key === 'standard' || key === 'criterion' ? null : key,
});

/**
 * The columns of each layout, in printed order (PRODUCT.md §4 and §6; Biểu 2 mục V with group B's
 * long labels, TT57-NOTES.md §4).
 */
export const PLAN_LAYOUT_COLUMNS: Readonly<Record<PlanLayout, readonly LayoutColumn[]>> = {
  A: [
    col('tt', 'TT', 4, { align: 'center' }),
    col('criterion', 'Tiêu chuẩn, tiêu chí', 13),
    col('target', 'Kết quả cần đạt (so với hiện trạng)', 15),
    col('tasks', 'Công việc/giải pháp cần thực hiện', 18),
    col('lead', 'Chủ trì và phối hợp thực hiện', 12),
    col('time', 'Thời gian thực hiện và hoàn thành', 10, { align: 'center' }),
    col('budget', 'Dự kiến kinh phí', 9, { align: 'center' }),
    col('support', 'Điều kiện hỗ trợ khác', 11),
    col('note', 'Ghi chú', 8),
  ],
  B: [
    col('standard', 'Tiêu chuẩn', 7, { align: 'center' }),
    col('criterion', 'Tiêu chí', 6, { align: 'center' }),
    col('tt', 'TT', 4, { align: 'center' }),
    col('content', 'Nội dung kế hoạch', 23),
    col('time', 'Thời gian dự kiến', 9, { align: 'center' }),
    col('lead', 'Người chịu trách nhiệm', 11),
    col('progress', 'Tiến độ thực hiện', 13),
    col('result', 'Kết quả', 14),
    col('note', 'Ghi chú', 13),
  ],
  bieu2: [
    col('tt', 'TT', 4, { align: 'center' }),
    col('content', 'Nội dung cải tiến', 13),
    col('target', 'Mục tiêu cải tiến', 12, { shortLabel: 'Mục tiêu' }),
    col('tasks', 'Hoạt động/giải pháp', 15, { shortLabel: 'Hoạt động, giải pháp' }),
    col('indicator', 'Chỉ số đánh giá kết quả', 11),
    col('time', 'Thời gian thực hiện', 8, { align: 'center', shortLabel: 'Thời gian' }),
    col('lead', 'Đơn vị/cá nhân phụ trách', 10, { shortLabel: 'Phụ trách' }),
    col('budget', 'Nguồn lực bảo đảm', 9, { shortLabel: 'Nguồn lực' }),
    col('evidence', 'Thông tin, dữ liệu hoặc minh chứng dự kiến', 10, {
      shortLabel: 'Minh chứng dự kiến',
    }),
    col('progress', 'Mức độ thực hiện', 8),
  ],
};

const join = (
  field: RowTextField,
  into: RowTextField,
  at: JoinedField['at'],
  prefix: string,
  prefixWhenAlone = true,
): JoinedField => ({ field, into, at, prefix, prefixWhenAlone });

/** Every layout prints the coordinators under the lead, bare when they are the only line. */
const COORDINATORS_WITH_LEAD = join('coordinators', 'lead', 'after', 'Phối hợp: ', false);
/** Layouts A and B print the expected evidence in the note column. */
const EVIDENCE_IN_NOTE = join('evidence', 'note', 'after', 'Minh chứng dự kiến: ');

/**
 * Where each layout prints the fields it has no column for, in the order the lines appear.
 * Where the seeds show the place (layout A's current state, B's tasks and current state, Biểu 2's
 * other support) the text joins without a label as they print it; elsewhere a short label says
 * what the line is.
 */
export const PLAN_LAYOUT_JOINED_FIELDS: Readonly<Record<PlanLayout, readonly JoinedField[]>> = {
  A: [
    join('currentState', 'target', 'before', 'Hiện trạng: '),
    join('indicator', 'target', 'after', 'Chỉ số đánh giá: '),
    join('content', 'tasks', 'before', ''),
    COORDINATORS_WITH_LEAD,
    EVIDENCE_IN_NOTE,
    join('progress', 'note', 'after', 'Tiến độ: '),
    join('result', 'note', 'after', 'Kết quả: '),
  ],
  B: [
    join('tasks', 'content', 'after', ''),
    join('target', 'content', 'after', 'Kết quả cần đạt: '),
    join('indicator', 'content', 'after', 'Chỉ số đánh giá: '),
    COORDINATORS_WITH_LEAD,
    join('currentState', 'note', 'after', ''),
    join('budget', 'note', 'after', 'Kinh phí: '),
    join('support', 'note', 'after', 'Điều kiện hỗ trợ: '),
    EVIDENCE_IN_NOTE,
  ],
  bieu2: [
    join('currentState', 'content', 'before', 'Hiện trạng: '),
    COORDINATORS_WITH_LEAD,
    join('support', 'budget', 'after', ''),
    join('result', 'progress', 'after', 'Kết quả: '),
    join('note', 'progress', 'after', 'Ghi chú: '),
  ],
};

/** Where a layout prints one field: in its own column, or inside another field's column. */
export type FieldPlacement =
  | { kind: 'column'; column: LayoutColumn }
  | { kind: 'joined'; column: LayoutColumn; join: JoinedField };

/**
 * Where `layout` prints `field`. Every field has a place in every layout (a unit test holds the
 * table to it), so the answer is never "nowhere".
 */
export function fieldPlacement(layout: PlanLayout, field: RowTextField): FieldPlacement {
  const columns = PLAN_LAYOUT_COLUMNS[layout];
  const own = columns.find((c) => c.field === field);
  if (own) return { kind: 'column', column: own };
  const joined = PLAN_LAYOUT_JOINED_FIELDS[layout].find((j) => j.field === field);
  const column = joined ? columns.find((c) => c.field === joined.into) : undefined;
  if (!joined || !column) throw new Error(`layout ${layout} has no place for ${field}`);
  return { kind: 'joined', column, join: joined };
}

/** A field a layout prints inside another column, with that column's headings. */
export interface FieldWithoutColumn {
  field: RowTextField;
  /** The field's own name ("Tiến độ / mức độ thực hiện"). */
  fieldLabel: string;
  /** The column it is printed in. */
  column: LayoutColumn;
}

/**
 * The fields `layout` has no column of its own for, in the order of the row fields; with
 * `onlyFields`, only those (e.g. the fields some row has text in: what the editor warns about).
 */
export function fieldsWithoutColumn(
  layout: PlanLayout,
  onlyFields?: Iterable<RowTextField>,
): FieldWithoutColumn[] {
  const only = onlyFields ? new Set(onlyFields) : null;
  return PLAN_LAYOUT_JOINED_FIELDS[layout]
    .filter((j) => only === null || only.has(j.field))
    .map((j) => {
      const placement = fieldPlacement(layout, j.field);
      return { field: j.field, fieldLabel: ROW_FIELD_LABELS[j.field], column: placement.column };
    });
}

/** Joins non-empty parts with a line break (each text stays as written). */
function joinLines(parts: readonly string[]): string {
  return parts.filter((p) => p.trim() !== '').join('\n');
}

/**
 * The text a layout prints in the column of `field` for a row: the field's own text with the
 * fields joined into that column before and after it, one line each. Texts are kept as written.
 */
export function layoutCellText(
  layout: PlanLayout,
  field: RowTextField,
  texts: Readonly<Record<RowTextField, string>>,
): string {
  const joins = PLAN_LAYOUT_JOINED_FIELDS[layout].filter(
    (j) => j.into === field && texts[j.field].trim() !== '',
  );
  if (joins.length === 0) return texts[field];
  const own = texts[field];
  const alone = own.trim() === '' && joins.length === 1;
  const line = (j: JoinedField) =>
    alone && !j.prefixWhenAlone ? texts[j.field] : `${j.prefix}${texts[j.field]}`;
  return joinLines([
    ...joins.filter((j) => j.at === 'before').map(line),
    own,
    ...joins.filter((j) => j.at === 'after').map(line),
  ]);
}

/** The row fields with a column of their own in `layout`, in printed order. */
export function layoutFields(layout: PlanLayout): RowTextField[] {
  return PLAN_LAYOUT_COLUMNS[layout].flatMap((c) => (c.field ? [c.field] : []));
}
