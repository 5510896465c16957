/**
 * Moving one unit's data between installations (issue 15, "moving up"): a school's or a commune's
 * SQLite into the province's PostgreSQL, or one school back out. `collectUnitData` reads the rows
 * that belong to a unit's subtree; `importUnitData` checks them against a target database and writes
 * them in one transaction with their original ids, timestamps, versions, hashes and seals.
 *
 * `UNIT_TRANSFER_TABLES` says, table by table, how a row belongs to a unit. It is typed over every
 * table of `Database`, and its test compares it with the migrated schema, so a new table cannot be
 * left out of a move without someone deciding what it is.
 */
import { sql, type Kysely } from 'kysely';
import type { DatabaseHandle } from './connection.ts';
import type { Database } from './database.types.ts';
import { describeSchema } from './schema-introspection.ts';
import { uniqueViolationText } from './unique-violation.ts';

export type TableName = keyof Database;

/** A row as it travels: column → text, integer or null (JSON, timestamps and money included). */
export type TransferRow = Record<string, string | number | null>;

/** Rows selected because a column holds a value of another selected table's column. */
interface Via {
  column: string;
  table: TableName;
  parentColumn: string;
}

/** A table whose rows belong to a unit and move with it. */
export interface OwnedTable {
  kind: 'owned';
  /** The primary key: a row with the same key in the target is the same row. */
  key: string[];
  /** `subtree`: the unit and its descendants; otherwise the union of the `via` links. */
  owner: 'subtree' | Via[];
  /** Columns naming a content-addressed file (DATA_DIR/evidence/<aa>/<sha256>) that moves too. */
  files?: string[];
  /** Columns naming a framework version of the shared catalogue, which must exist in the target. */
  frameworks?: string[];
  /**
   * Columns naming a unit that may lie outside the moved subtree (the office a school sent to): a
   * row whose unit exists neither in the move nor in the target is left out, as are its children.
   */
  outsideUnits?: string[];
}

/** How a table takes part in a move. */
export type TransferClass =
  | OwnedTable
  /** The framework catalogue, shared by every unit: not moved, checked to be the same. */
  | { kind: 'catalogue' }
  /** State of one installation (sessions, queues, throttles): not moved. */
  | { kind: 'local'; why: string }
  /** Computed from moved rows: rebuilt by the import. */
  | { kind: 'derived'; why: string };

const byUnit = (column: string): Via[] => [{ column, table: 'units', parentColumn: 'id' }];
const by = (column: string, table: TableName, parentColumn = 'id'): Via[] => [
  { column, table, parentColumn },
];

/**
 * Every table, in the order an import writes them (parents before children, for the foreign keys).
 * Typed over `Database`: a table added there without a line here does not compile.
 */
export const UNIT_TRANSFER_TABLES: { [T in TableName]: TransferClass } = {
  framework_versions: { kind: 'catalogue' },
  framework_standards: { kind: 'catalogue' },
  framework_criteria: { kind: 'catalogue' },
  framework_indicators: { kind: 'catalogue' },
  framework_level4_items: { kind: 'catalogue' },
  units: { kind: 'owned', key: ['id'], owner: 'subtree' },
  unit_ancestors: { kind: 'derived', why: 'the closure of the unit tree, built from the paths' },
  school_profiles: { kind: 'owned', key: ['school_id'], owner: byUnit('school_id') },
  people: { kind: 'owned', key: ['id'], owner: byUnit('school_id') },
  school_groups: { kind: 'owned', key: ['id'], owner: byUnit('school_id') },
  group_members: {
    kind: 'owned',
    key: ['group_id', 'person_id'],
    owner: by('group_id', 'school_groups'),
  },
  // An account moves when it has a role in the subtree or is one of its people.
  users: {
    kind: 'owned',
    key: ['id'],
    owner: [
      { column: 'id', table: 'role_assignments', parentColumn: 'user_id' },
      { column: 'person_id', table: 'people', parentColumn: 'id' },
    ],
  },
  role_assignments: { kind: 'owned', key: ['id'], owner: byUnit('unit_id') },
  sessions: { kind: 'local', why: 'sign-ins of this installation; users sign in again' },
  auth_throttle: { kind: 'local', why: 'failed sign-in counters of this installation' },
  password_reset_tokens: { kind: 'local', why: 'links sent from this installation' },
  auth_epoch: { kind: 'derived', why: 'moved by the import: new accounts and roles' },
  notification_preferences: {
    kind: 'owned',
    key: ['user_id', 'kind'],
    owner: by('user_id', 'users'),
  },
  notifications: { kind: 'owned', key: ['id'], owner: by('user_id', 'users') },
  mail_outbox: { kind: 'local', why: 'mail queued here; moving it would send it twice' },
  job_runs: { kind: 'local', why: 'the schedule of this installation' },
  queued_jobs: { kind: 'local', why: 'the background jobs of this installation' },
  rollup_dirty: { kind: 'derived', why: 'marked by the triggers of the rows the import writes' },
  rollup_school_tallies: {
    kind: 'derived',
    why: 'rebuilt from the imported plans and assessments',
  },
  rollup_unit_tallies: { kind: 'derived', why: 'sums of the school tallies of this installation' },
  audit_log: { kind: 'owned', key: ['id'], owner: byUnit('unit_id') },
  plans: { kind: 'owned', key: ['id'], owner: byUnit('school_id'), frameworks: ['framework_id'] },
  plan_rows: { kind: 'owned', key: ['id'], owner: by('plan_id', 'plans') },
  plan_focus_issues: { kind: 'owned', key: ['id'], owner: by('plan_id', 'plans') },
  plan_reviews: { kind: 'owned', key: ['id'], owner: by('plan_id', 'plans') },
  plan_snapshots: { kind: 'owned', key: ['plan_id'], owner: by('plan_id', 'plans') },
  plan_row_budget_parts: {
    kind: 'owned',
    key: ['row_id', 'part_index'],
    owner: by('plan_id', 'plans'),
  },
  plan_rollup_summaries: { kind: 'owned', key: ['lineage_id'], owner: byUnit('school_id') },
  plan_year_closures: { kind: 'owned', key: ['lineage_id'], owner: byUnit('school_id') },
  assessments: {
    kind: 'owned',
    key: ['id'],
    owner: byUnit('school_id'),
    frameworks: ['framework_id'],
  },
  assessment_criteria: { kind: 'owned', key: ['id'], owner: by('assessment_id', 'assessments') },
  assessment_standards: { kind: 'owned', key: ['id'], owner: by('assessment_id', 'assessments') },
  assessment_level4: { kind: 'owned', key: ['id'], owner: by('assessment_id', 'assessments') },
  assessment_evidence: { kind: 'owned', key: ['id'], owner: by('assessment_id', 'assessments') },
  assessment_evidence_citations: {
    kind: 'owned',
    key: ['evidence_id', 'criterion_code'],
    owner: by('assessment_id', 'assessments'),
  },
  assessment_evidence_files: {
    kind: 'owned',
    key: ['id'],
    owner: by('evidence_id', 'assessment_evidence'),
    files: ['sha256'],
  },
  assessment_snapshots: {
    kind: 'owned',
    key: ['assessment_id'],
    owner: by('assessment_id', 'assessments'),
  },
  assessment_outcomes: {
    kind: 'owned',
    key: ['assessment_id'],
    owner: by('assessment_id', 'assessments'),
  },
  assessment_outcome_criteria: {
    kind: 'owned',
    key: ['assessment_id', 'criterion_code'],
    owner: by('assessment_id', 'assessments'),
  },
  row_progress: { kind: 'owned', key: ['track_id'], owner: byUnit('school_id') },
  progress_entries: { kind: 'owned', key: ['id'], owner: byUnit('school_id') },
  progress_files: { kind: 'owned', key: ['id'], owner: byUnit('school_id'), files: ['sha256'] },
  review_rounds: { kind: 'owned', key: ['id'], owner: byUnit('school_id') },
  review_round_rows: {
    kind: 'owned',
    key: ['round_id', 'track_id'],
    owner: by('round_id', 'review_rounds'),
  },
  submissions: { kind: 'owned', key: ['id'], owner: byUnit('school_id') },
  submission_recipients: {
    kind: 'owned',
    key: ['submission_id', 'unit_id'],
    owner: by('submission_id', 'submissions'),
    outsideUnits: ['unit_id'],
  },
  office_deadlines: {
    kind: 'owned',
    key: ['unit_id', 'school_year', 'kind'],
    owner: byUnit('unit_id'),
  },
  comment_threads: {
    kind: 'owned',
    key: ['id'],
    owner: byUnit('school_id'),
    outsideUnits: ['office_unit_id'],
  },
  comments: { kind: 'owned', key: ['id'], owner: by('thread_id', 'comment_threads') },
  public_disclosures: {
    kind: 'owned',
    key: ['id'],
    owner: byUnit('school_id'),
    files: ['docx_sha256', 'pdf_sha256'],
  },
  solution_library_rows: {
    kind: 'owned',
    key: ['row_id'],
    owner: byUnit('school_id'),
    frameworks: ['framework_id'],
  },
  solution_library_words: {
    kind: 'owned',
    key: ['row_id', 'word'],
    owner: by('row_id', 'solution_library_rows', 'row_id'),
  },
  plan_library_shares: {
    kind: 'owned',
    key: ['lineage_id', 'unit_id'],
    owner: byUnit('school_id'),
    outsideUnits: ['unit_id'],
  },
};

/** The moved tables, in write order. */
export const OWNED_TABLES = (Object.keys(UNIT_TRANSFER_TABLES) as TableName[]).filter(
  (t) => UNIT_TRANSFER_TABLES[t].kind === 'owned',
);

function owned(table: TableName): OwnedTable {
  const entry = UNIT_TRANSFER_TABLES[table];
  if (entry.kind !== 'owned') throw new Error(`${table} is not moved with a unit`);
  return entry;
}

/** A move that cannot go ahead; the message is Vietnamese and says what to do. */
export class UnitTransferError extends Error {
  override name = 'UnitTransferError';
}

/** What `collectUnitData` read: the rows of a unit's subtree and what they need elsewhere. */
export interface UnitData {
  /** The moved unit (the root of the subtree). */
  root: TransferRow;
  /** The root's ancestors, top first: not moved, but recreated in an empty target. */
  ancestors: TransferRow[];
  /** Rows by table, sorted by key. */
  tables: Partial<Record<TableName, TransferRow[]>>;
  /** Every column of each moved table, sorted (the schema the rows were read with). */
  columns: Partial<Record<TableName, string[]>>;
  /** The framework versions the rows cite, with their content hashes. */
  frameworks: { id: string; contentHash: string }[];
  /** SHA-256 of every content-addressed file the rows cite, sorted. */
  files: string[];
}

const CHUNK = 400;

type ColumnTypes = Record<string, Record<string, string>>;

async function columnTypes(handle: DatabaseHandle): Promise<ColumnTypes> {
  const schema = await describeSchema(handle);
  return Object.fromEntries(
    Object.entries(schema).map(([table, columns]) => [
      table,
      Object.fromEntries(Object.entries(columns).map(([c, d]) => [c, d.type])),
    ]),
  );
}

/**
 * A row as read by either engine, made portable: `pg` answers bigint columns as strings and either
 * driver may answer a JS bigint; both become numbers (money in đồng stays far below 2^53, and a value
 * that is not is refused rather than rounded).
 */
function portable(row: Record<string, unknown>, types: Record<string, string>): TransferRow {
  const out: TransferRow = {};
  for (const column of Object.keys(row).sort()) {
    const value = row[column];
    if (value === null || value === undefined) out[column] = null;
    else if (
      typeof value === 'bigint' ||
      (types[column] === 'bigint' && typeof value === 'string')
    ) {
      const n = Number(value);
      if (!Number.isSafeInteger(n)) {
        throw new UnitTransferError(`Giá trị ${String(value)} (cột ${column}) quá lớn để chuyển.`);
      }
      out[column] = n;
    } else if (typeof value === 'boolean') out[column] = value ? 1 : 0;
    else if (typeof value === 'number' || typeof value === 'string') out[column] = value;
    else if (value instanceof Date) out[column] = value.toISOString();
    else throw new Error(`unexpected value in ${column}: ${typeof value}`);
  }
  return out;
}

/** A row's key as one text, for maps. */
export function rowKey(table: TableName, row: TransferRow): string {
  return JSON.stringify(owned(table).key.map((c) => row[c] ?? null));
}

/** A row's whole content as one text (columns sorted), for comparing rows across engines. */
export function rowContent(row: TransferRow): string {
  return JSON.stringify(
    Object.keys(row)
      .sort()
      .map((c) => [c, row[c] ?? null]),
  );
}

async function selectWhereIn(
  db: Kysely<Database>,
  table: TableName,
  column: string,
  values: readonly (string | number)[],
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < values.length; i += CHUNK) {
    const chunk = values.slice(i, i + CHUNK);
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}
      where ${sql.ref(column)} in (${sql.join(chunk)})`.execute(db);
    out.push(...rows);
  }
  return out;
}

const distinct = (rows: readonly TransferRow[], column: string): (string | number)[] => [
  ...new Set(rows.map((r) => r[column]).filter((v): v is string | number => v !== null)),
];

/** Reads every row that belongs to `unitId`'s subtree, table by table. */
export async function collectUnitData(handle: DatabaseHandle, unitId: string): Promise<UnitData> {
  const types = await columnTypes(handle);
  // One snapshot for every read (PostgreSQL: repeatable read; SQLite: one read transaction in WAL
  // mode), so an export taken while the server writes never holds a child without its parent.
  return handle.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((trx) => collectIn(trx, types, unitId));
}

async function collectIn(
  db: Kysely<Database>,
  types: ColumnTypes,
  unitId: string,
): Promise<UnitData> {
  const unitRow = await db
    .selectFrom('units')
    .selectAll()
    .where('id', '=', unitId)
    .executeTakeFirst();
  if (!unitRow) throw new UnitTransferError(`Không tìm thấy đơn vị có mã “${unitId}”.`);
  const root = portable(unitRow as unknown as Record<string, unknown>, types.units ?? {});

  const ancestorIds = String(root.path)
    .split('/')
    .filter((id) => id && id !== unitId);
  const ancestorRows = await selectWhereIn(db, 'units', 'id', ancestorIds);
  const ancestors = ancestorRows
    .map((r) => portable(r, types.units ?? {}))
    .sort((a, b) => String(a.path).length - String(b.path).length);

  const tables: Partial<Record<TableName, TransferRow[]>> = {};
  const pending = [...OWNED_TABLES];
  while (pending.length > 0) {
    const index = pending.findIndex((t) => {
      const owner = owned(t).owner;
      return owner === 'subtree' || owner.every((v) => tables[v.table] !== undefined);
    });
    if (index < 0) throw new Error(`unit transfer: circular ownership among ${pending.join(', ')}`);
    const [table] = pending.splice(index, 1) as [TableName];
    const entry = owned(table);
    let raw: Record<string, unknown>[];
    if (entry.owner === 'subtree') {
      const { rows } = await sql<Record<string, unknown>>`select u.* from units u
        join unit_ancestors a on a.unit_id = u.id where a.ancestor_id = ${unitId}`.execute(db);
      raw = rows;
    } else {
      raw = [];
      for (const via of entry.owner) {
        const values = distinct(tables[via.table] ?? [], via.parentColumn);
        raw.push(...(await selectWhereIn(db, table, via.column, values)));
      }
    }
    const rows = new Map<string, TransferRow>();
    for (const r of raw) {
      const row = portable(r, types[table] ?? {});
      rows.set(rowKey(table, row), row);
    }
    tables[table] = [...rows.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, row]) => row);
  }

  const frameworkIds = new Set<string>();
  const files = new Set<string>();
  for (const table of OWNED_TABLES) {
    const entry = owned(table);
    for (const row of tables[table] ?? []) {
      for (const c of entry.frameworks ?? []) if (row[c] !== null) frameworkIds.add(String(row[c]));
      for (const c of entry.files ?? []) if (row[c] !== null) files.add(String(row[c]));
    }
  }
  const frameworks = (await selectWhereIn(db, 'framework_versions', 'id', [...frameworkIds])).map(
    (f) => ({ id: String(f.id), contentHash: String(f.content_hash) }),
  );
  frameworks.sort((a, b) => a.id.localeCompare(b.id));

  const columns: Partial<Record<TableName, string[]>> = {};
  for (const table of OWNED_TABLES) columns[table] = Object.keys(types[table] ?? {}).sort();
  return { root, ancestors, tables, columns, frameworks, files: [...files].sort() };
}

export interface ImportUnitOptions {
  /** Where the moved unit goes in the target's tree; default: its own parent, which must exist. */
  parentId?: string | undefined;
  /** The audit entry of the import. */
  now: string;
  newId: () => string;
  actorName: string;
  sourceLabel: string;
  /** Runs once every check has passed, before the transaction (the evidence files go first). */
  beforeWrite?: () => Promise<void>;
}

export interface ImportUnitResult {
  rootId: string;
  /** The moved unit's path in the target. */
  path: string;
  /** Rows written, by table (0: the same rows were there already). */
  inserted: Partial<Record<TableName, number>>;
  /** Rows already in the target with the same content. */
  unchanged: number;
  /** Rows left out because the office they name is in neither the move nor the target. */
  leftOut: Partial<Record<TableName, number>>;
  /** Ancestor units created because the target held no unit at all. */
  ancestorsCreated: number;
  auditId: string | null;
}

const unitLabel = (u: TransferRow) => `“${String(u.name)}” (${String(u.id)})`;

/**
 * Checks `data` against the target and writes it in one transaction. Refused (nothing written) when
 * a table's columns differ, a framework version is missing or different, the unit's parent is
 * missing (unless `parentId` places it), or a row with the same key already holds other content.
 * Rows already there with the same content are left alone, so the same import twice writes nothing
 * the second time.
 */
export async function importUnitData(
  handle: DatabaseHandle,
  data: UnitData,
  options: ImportUnitOptions,
): Promise<ImportUnitResult> {
  const { db } = handle;
  const types = await columnTypes(handle);

  for (const table of OWNED_TABLES) {
    const expected = data.columns[table];
    const actual = Object.keys(types[table] ?? {}).sort();
    if (!expected || expected.join(',') !== actual.join(',')) {
      throw new UnitTransferError(
        `Cấu trúc bảng ${table} ở nơi xuất khác nơi nhập. Hãy cập nhật CaiTien ở cả hai nơi lên cùng một phiên bản.`,
      );
    }
  }

  for (const framework of data.frameworks) {
    const there = await db
      .selectFrom('framework_versions')
      .select('content_hash')
      .where('id', '=', framework.id)
      .executeTakeFirst();
    if (!there) {
      throw new UnitTransferError(
        `Nơi nhập chưa có bộ tiêu chuẩn ${framework.id}. Hãy cập nhật CaiTien (npm run cli -- migrate) rồi chạy lại.`,
      );
    }
    if (there.content_hash !== framework.contentHash) {
      throw new UnitTransferError(
        `Bộ tiêu chuẩn ${framework.id} ở nơi nhập khác nơi xuất (mã băm nội dung khác). Hãy dùng cùng một phiên bản danh mục.`,
      );
    }
  }

  // Where the unit goes.
  const root = data.root;
  const rootId = String(root.id);
  const movedUnitIds = new Set((data.tables.units ?? []).map((u) => String(u.id)));
  const unitCount = Number(
    (
      await db
        .selectFrom('units')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  let parentId = root.parent_id === null ? null : String(root.parent_id);
  let parentPath = '/';
  let createAncestors = false;
  if (options.parentId !== undefined) {
    if (movedUnitIds.has(options.parentId)) {
      throw new UnitTransferError('--parent phải là một đơn vị ngoài phần được chuyển.');
    }
    const parent = await db
      .selectFrom('units')
      .select(['id', 'kind', 'path'])
      .where('id', '=', options.parentId)
      .executeTakeFirst();
    if (!parent) {
      throw new UnitTransferError(
        `Nơi nhập không có đơn vị cấp trên “${options.parentId}” (--parent).`,
      );
    }
    if (parent.kind === 'school') {
      throw new UnitTransferError('Không thể đặt một đơn vị dưới một trường (--parent).');
    }
    parentId = parent.id;
    parentPath = parent.path;
  } else if (parentId !== null) {
    const parent = await db
      .selectFrom('units')
      .select(['path'])
      .where('id', '=', parentId)
      .executeTakeFirst();
    if (parent) parentPath = parent.path;
    else if (unitCount === 0) {
      // An empty installation (a school's own SQLite): the chain above is recreated as it was.
      createAncestors = true;
      parentPath = String(data.ancestors[data.ancestors.length - 1]?.path ?? '/');
    } else {
      const above = data.ancestors[data.ancestors.length - 1];
      throw new UnitTransferError(
        `Nơi nhập không có đơn vị cấp trên ${above ? unitLabel(above) : `“${parentId}”`} của ${unitLabel(root)}. ` +
          'Dùng --parent <mã đơn vị> để chọn nơi đặt đơn vị trong cây của nơi nhập.',
      );
    }
  }
  const oldRootPath = String(root.path);
  const newRootPath = `${parentPath}${rootId}/`;
  const moved = (row: TransferRow): TransferRow =>
    row.id === rootId
      ? { ...row, parent_id: parentId, path: newRootPath }
      : { ...row, path: newRootPath + String(row.path).slice(oldRootPath.length) };

  const movedAudit = (row: TransferRow): TransferRow =>
    typeof row.unit_path === 'string' && row.unit_path.startsWith(oldRootPath)
      ? { ...row, unit_path: newRootPath + row.unit_path.slice(oldRootPath.length) }
      : row;

  // Units the outside references may name: those moved, those created, those already there.
  const knownUnits = new Set<string>([...movedUnitIds]);
  if (createAncestors) for (const a of data.ancestors) knownUnits.add(String(a.id));
  const outsideIds = new Set<string>();
  for (const table of OWNED_TABLES) {
    for (const c of owned(table).outsideUnits ?? []) {
      for (const row of data.tables[table] ?? []) {
        if (row[c] !== null && !knownUnits.has(String(row[c]))) outsideIds.add(String(row[c]));
      }
    }
  }
  for (const u of await selectWhereIn(db, 'units', 'id', [...outsideIds]))
    knownUnits.add(String(u.id));

  // What to write, table by table; children of a left-out row are left out too.
  const leftOut: Partial<Record<TableName, number>> = {};
  const leftOutKeys = new Map<TableName, TransferRow[]>();
  const toInsert = new Map<TableName, TransferRow[]>();
  const conflicts: string[] = [];
  let conflictCount = 0;
  let unchanged = 0;
  for (const table of OWNED_TABLES) {
    const entry = owned(table);
    let rows = data.tables[table] ?? [];
    if (table === 'units') rows = rows.map(moved);
    // The audit entries follow their unit to its new place in the tree, so the path-prefix audit
    // view of the office above (e.g. the new Sở) lists the moved unit's history too.
    if (table === 'audit_log') rows = rows.map(movedAudit);
    const dropped: TransferRow[] = [];
    rows = rows.filter((row) => {
      const outside = (entry.outsideUnits ?? []).some(
        (c) => row[c] !== null && !knownUnits.has(String(row[c])),
      );
      const orphan =
        entry.owner !== 'subtree' &&
        entry.owner.length === 1 &&
        entry.owner.some((via) =>
          (leftOutKeys.get(via.table) ?? []).some(
            (parent) => parent[via.parentColumn] === row[via.column],
          ),
        );
      if (outside || orphan) dropped.push(row);
      return !(outside || orphan);
    });
    if (dropped.length > 0) {
      leftOut[table] = dropped.length;
      leftOutKeys.set(table, dropped);
    }

    const firstKey = entry.key[0] ?? 'id';
    const existing = new Map<string, TransferRow>();
    for (const r of await selectWhereIn(db, table, firstKey, distinct(rows, firstKey))) {
      const row = portable(r, types[table] ?? {});
      existing.set(rowKey(table, row), row);
    }
    const fresh: TransferRow[] = [];
    for (const row of rows) {
      const there = existing.get(rowKey(table, row));
      if (!there) fresh.push(row);
      else if (rowContent(there) === rowContent(row)) unchanged++;
      else {
        conflictCount++;
        if (conflicts.length < 5) conflicts.push(`${table} ${rowKey(table, row)}`);
      }
    }
    toInsert.set(table, fresh);
  }
  if (conflictCount > 0) {
    throw new UnitTransferError(
      `Nơi nhập đã có ${conflictCount} dòng cùng mã nhưng khác nội dung, nên không nhập gì: ` +
        `${conflicts.join('; ')}${conflictCount > conflicts.length ? '; …' : ''}. ` +
        'Dữ liệu ở nơi nhập có thể đã được sửa sau lần nhập trước.',
    );
  }
  // An account may be one of the people of a school outside the move (users.person_id).
  const movedPeople = new Set((data.tables.people ?? []).map((p) => String(p.id)));
  const newUsers = toInsert.get('users') ?? [];
  const strayPeople = distinct(newUsers, 'person_id').filter((id) => !movedPeople.has(String(id)));
  const peopleThere = new Set(
    (await selectWhereIn(db, 'people', 'id', strayPeople)).map((p) => String(p.id)),
  );
  for (const user of newUsers) {
    const person = user.person_id === null ? null : String(user.person_id);
    if (person !== null && !movedPeople.has(person) && !peopleThere.has(person)) {
      throw new UnitTransferError(
        `Tài khoản “${String(user.username)}” gắn với một người thuộc đơn vị ngoài phần được chuyển, và nơi nhập không có người này. ` +
          'Hãy chuyển cả đơn vị đó, hoặc bỏ liên kết tài khoản với người đó trước khi xuất.',
      );
    }
  }
  for (const user of newUsers) {
    const clash = await db
      .selectFrom('users')
      .select(['id'])
      .where((eb) => eb(eb.fn('lower', ['username']), '=', String(user.username).toLowerCase()))
      .executeTakeFirst();
    if (clash) {
      throw new UnitTransferError(
        `Tên đăng nhập “${String(user.username)}” đã có ở nơi nhập (một tài khoản khác). Hãy đổi tên một trong hai tài khoản rồi chạy lại.`,
      );
    }
  }

  const inserted: Partial<Record<TableName, number>> = {};
  let total = 0;
  for (const [table, rows] of toInsert) {
    inserted[table] = rows.length;
    total += rows.length;
  }
  const result: ImportUnitResult = {
    rootId,
    path: newRootPath,
    inserted,
    unchanged,
    leftOut,
    ancestorsCreated: 0,
    auditId: null,
  };
  if (total === 0) return result;

  await options.beforeWrite?.();
  try {
    await db.transaction().execute(async (trx) => {
      const newUnits: TransferRow[] = [];
      if (createAncestors) {
        for (const a of data.ancestors) newUnits.push(a);
        result.ancestorsCreated = data.ancestors.length;
      }
      newUnits.push(...(toInsert.get('units') ?? []));
      newUnits.sort((a, b) => String(a.path).length - String(b.path).length);
      for (const unit of newUnits) {
        await trx
          .insertInto('units')
          .values(unit as never)
          .execute();
      }
      const closure = newUnits.flatMap((u) => {
        const ids = String(u.path).split('/').filter(Boolean);
        return ids.map((ancestor, i) => ({
          ancestor_id: ancestor,
          unit_id: String(u.id),
          depth: ids.length - 1 - i,
        }));
      });
      for (let i = 0; i < closure.length; i += CHUNK) {
        await trx
          .insertInto('unit_ancestors')
          .values(closure.slice(i, i + CHUNK))
          .execute();
      }
      for (const [table, rows] of toInsert) {
        if (table === 'units') continue;
        const width = Math.max(1, owned(table).key.length, data.columns[table]?.length ?? 1);
        const size = Math.max(1, Math.floor(4000 / width));
        for (let i = 0; i < rows.length; i += size) {
          await trx
            .insertInto(table)
            .values(rows.slice(i, i + size) as never)
            .execute();
        }
      }
      if ((inserted.users ?? 0) > 0 || (inserted.role_assignments ?? 0) > 0) {
        // New accounts and roles: every instance re-reads the sessions it has cached.
        await trx
          .updateTable('auth_epoch')
          .set((eb) => ({ value: eb('value', '+', 1) }))
          .where('id', '=', 1)
          .execute();
      }
      const auditId = options.newId();
      await trx
        .insertInto('audit_log')
        .values({
          id: auditId,
          occurred_at: options.now,
          actor_user_id: null,
          actor_name: options.actorName,
          action: 'unit.import',
          entity_type: 'unit',
          entity_id: rootId,
          unit_id: rootId,
          unit_path: newRootPath,
          summary: `Nhập dữ liệu của ${String(root.name)} từ ${options.sourceLabel} (${total} dòng).`,
          before_json: null,
          after_json: JSON.stringify({ inserted, leftOut, parentId }),
          request_id: null,
        })
        .execute();
      result.auditId = auditId;
    });
  } catch (error) {
    const unique = uniqueViolationText(error);
    if (unique !== undefined) {
      throw new UnitTransferError(
        `Nơi nhập đã có dữ liệu trùng khóa duy nhất (${unique}), nên không nhập gì.`,
      );
    }
    throw error;
  }
  return result;
}
