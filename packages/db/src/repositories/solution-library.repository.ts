import { LIBRARY_STOP_WORDS, libraryWords, searchKey } from '@caitien/core';
import { inSubtree, unitIdOfPath } from './subtree.ts';
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database, SolutionLibraryRowsTable } from '../database.types.ts';

/**
 * SQL of the solution library (thư viện giải pháp, issue 14; migration 0012).
 *
 * Entries are written only from an approved plan, in the approval's transaction
 * (`indexApprovedPlan`): the lineage's older entries (an earlier approved revision) are removed
 * with their words, the plan's rows are copied with their folded text, and each entry's distinct
 * words go into `solution_library_words` (word, row_id).
 *
 * Search never scans the whole library for words: every query word is a prefix (a range of the
 * word index). The word with the fewest entries (counted up to {@link DRIVER_CAP}) drives the
 * query; the other words are checked on the entry's folded text. When every word is very common,
 * the entries are walked newest first and the walk stops at the page's end (common words match
 * densely). A criterion drives through (criterion_key, row_id); a narrow scope through
 * (school_id, row_id) or (lineage_id, row_id). Order: `row_id` descending (UUIDv7: newest rows
 * first), keyset paging on it. The total is counted up to {@link COUNT_CAP} ("hơn 1.000").
 */

/** A word with more entries than this does not drive a search (the walk does). */
export const DRIVER_CAP = 4000;
/** Totals are counted up to this; beyond it the answer is "more than". */
export const COUNT_CAP = 1000;

export interface SolutionEntryRecord {
  rowId: string;
  planId: string;
  lineageId: string;
  schoolId: string;
  schoolName: string;
  schoolYear: string;
  regime: string;
  frameworkId: string | null;
  frameworkCode: string | null;
  criterionKey: string;
  rowGroup: string;
  standardCode: string | null;
  criterionCode: string | null;
  level4Key: string | null;
  currentState: string;
  content: string;
  target: string;
  tasks: string;
  indicator: string;
  timeText: string;
  budgetText: string;
  leadText: string;
  support: string;
  approvedAt: string;
}

/**
 * Who may see what, as a union: everything, the schools of some subtrees (unit path prefixes or
 * explicit school ids), some lineages (a school's own plans and those shared with it).
 */
export interface LibraryScope {
  all: boolean;
  pathPrefixes: string[];
  schoolIds: string[];
  lineageIds: string[];
}

export interface LibrarySearchInput {
  scope: LibraryScope;
  /** Folded query words, each a prefix of a word of the entry. */
  words: string[];
  /** `criterion_key` values ("TT57-PT:1.2", "TT17:1.4"); empty: any criterion. */
  criterionKeys: string[];
  frameworkCodes: string[];
  schoolYear: string | null;
  /** Keyset: only entries with a smaller row id. */
  before: string | null;
  limit: number;
  /** Count the matches (up to COUNT_CAP). */
  withTotal: boolean;
}

export interface LibrarySearchResult {
  items: SolutionEntryRecord[];
  nextCursor: string | null;
  total: { count: number; capped: boolean } | null;
  /** How the query was driven (for the bench and tests). */
  plan: 'word' | 'walk' | 'none';
}

type Db = Kysely<Database>;
type Eb = ExpressionBuilder<Database & { e: Database['solution_library_rows'] }, 'e'>;

/** The first string after every string starting with `prefix` (its last character incremented). */
function prefixEnd(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

/** SQL LIKE pattern matching `word` at the start of a word of `text_folded` (" … "). */
function wordPattern(word: string): string {
  return `% ${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The texts searched and indexed: the solution, not its time, budget or people. */
const SEARCHED_COLUMNS = [
  'current_state',
  'content',
  'target',
  'tasks',
  'indicator',
  'support',
] as const;

const TEXT_COLUMNS = [
  'current_state',
  'content',
  'target',
  'tasks',
  'indicator',
  'time_text',
  'budget_text',
  'lead_text',
  'support',
] as const;

type SearchedTexts = Pick<SolutionLibraryRowsTable, (typeof SEARCHED_COLUMNS)[number]>;

/** The folded text of an entry: " " + search key of its searched texts + " ". */
export function libraryFoldedText(texts: SearchedTexts): string {
  return ` ${searchKey(SEARCHED_COLUMNS.map((c) => texts[c]).join(' \n '))} `;
}

/** Words of an entry for the index (the searched texts). */
function entryWords(entry: SearchedTexts): string[] {
  return libraryWords(SEARCHED_COLUMNS.map((c) => entry[c]).join(' \n '));
}

async function insertChunked<T>(items: T[], size: number, write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await write(items.slice(i, i + size));
}

/** Removes a lineage's entries and their words. */
async function removeLineage(db: Db, lineageId: string): Promise<number> {
  const old = await db
    .selectFrom('solution_library_rows')
    .select(['row_id', 'current_state', 'content', 'target', 'tasks', 'indicator', 'support'])
    .where('lineage_id', '=', lineageId)
    .execute();
  for (const entry of old) {
    const words = entryWords(entry);
    if (words.length > 0)
      await db
        .deleteFrom('solution_library_words')
        .where('word', 'in', words)
        .where('row_id', '=', entry.row_id)
        .execute();
  }
  if (old.length > 0)
    await db.deleteFrom('solution_library_rows').where('lineage_id', '=', lineageId).execute();
  return old.length;
}

/**
 * Writes the library entries of an approved plan (call inside the approval's transaction), in
 * place of its lineage's older entries. A plan that is not approved writes nothing. Answers the
 * number of entries written.
 */
export async function indexApprovedPlan(db: Db, planId: string): Promise<number> {
  const plan = await db
    .selectFrom('plans')
    .select([
      'id',
      'lineage_id',
      'school_id',
      'school_year',
      'regime',
      'framework_id',
      'status',
      'approved_at',
    ])
    .where('id', '=', planId)
    .executeTakeFirst();
  if (!plan || plan.status !== 'approved') return 0;
  await removeLineage(db, plan.lineage_id);
  const rows = await db
    .selectFrom('plan_rows')
    .select([
      'id',
      'row_group',
      'standard_code',
      'criterion_code',
      'level4_key',
      'position',
      ...TEXT_COLUMNS.map((c) => c),
    ])
    .where('plan_id', '=', planId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const frameworkCode = plan.framework_id ? (plan.framework_id.split('@')[0] ?? null) : null;
  const entries: SolutionLibraryRowsTable[] = rows.map((r) => ({
    row_id: r.id,
    plan_id: plan.id,
    lineage_id: plan.lineage_id,
    school_id: plan.school_id,
    school_year: plan.school_year,
    regime: plan.regime,
    framework_id: plan.framework_id,
    framework_code: frameworkCode,
    criterion_key: frameworkCode && r.criterion_code ? `${frameworkCode}:${r.criterion_code}` : '',
    row_group: r.row_group,
    standard_code: r.standard_code,
    criterion_code: r.criterion_code,
    level4_key: r.level4_key,
    position: r.position,
    current_state: r.current_state,
    content: r.content,
    target: r.target,
    tasks: r.tasks,
    indicator: r.indicator,
    time_text: r.time_text,
    budget_text: r.budget_text,
    lead_text: r.lead_text,
    support: r.support,
    text_folded: libraryFoldedText(r),
    approved_at: plan.approved_at ?? '',
  }));
  await insertChunked(entries, 30, (chunk) =>
    db.insertInto('solution_library_rows').values(chunk).execute(),
  );
  const words = entries.flatMap((e) => entryWords(e).map((word) => ({ word, row_id: e.row_id })));
  await insertChunked(words, 400, (chunk) =>
    db.insertInto('solution_library_words').values(chunk).execute(),
  );
  return entries.length;
}

/**
 * Fills the library from every lineage's latest approved revision (migration 0012, and the demo).
 * Answers the number of entries written.
 */
export async function backfillSolutionLibrary(db: Db): Promise<number> {
  const plans = await db
    .selectFrom('plans as p')
    .select('p.id')
    .where('p.status', '=', 'approved')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('plans as n')
            .select('n.id')
            .whereRef('n.lineage_id', '=', 'p.lineage_id')
            .where('n.status', '=', 'approved')
            .whereRef('n.revision_number', '>', 'p.revision_number'),
        ),
      ),
    )
    .orderBy('p.id')
    .execute();
  let written = 0;
  for (const { id } of plans) written += await indexApprovedPlan(db, id);
  return written;
}

function scopeFilter(eb: Eb, scope: LibraryScope): Expression<SqlBool> {
  if (scope.all) return sql<SqlBool>`1 = 1`;
  const parts: Expression<SqlBool>[] = [];
  if (scope.schoolIds.length > 0) parts.push(eb('e.school_id', 'in', scope.schoolIds));
  if (scope.lineageIds.length > 0) parts.push(eb('e.lineage_id', 'in', scope.lineageIds));
  // A correlated EXISTS, not `school_id IN (…)`: the planner must not drive the query from the
  // subtree's schools (then sort every entry of the province); it walks the entries newest first
  // and checks the school of each, stopping at the page's end.
  if (scope.pathPrefixes.length > 0)
    parts.push(eb.or(scope.pathPrefixes.map((p) => inSubtree(eb, 'e.school_id', p))));
  return parts.length === 0 ? sql<SqlBool>`1 = 0` : eb.or(parts);
}

const ENTRY_COLUMNS = [
  'e.row_id',
  'e.plan_id',
  'e.lineage_id',
  'e.school_id',
  'u.name as school_name',
  'e.school_year',
  'e.regime',
  'e.framework_id',
  'e.framework_code',
  'e.criterion_key',
  'e.row_group',
  'e.standard_code',
  'e.criterion_code',
  'e.level4_key',
  'e.current_state',
  'e.content',
  'e.target',
  'e.tasks',
  'e.indicator',
  'e.time_text',
  'e.budget_text',
  'e.lead_text',
  'e.support',
  'e.approved_at',
] as const;

export function createSolutionLibraryRepository(db: Db) {
  /** Entries counted in the word index for a prefix, up to `cap + 1`. */
  async function countWord(word: string, cap: number): Promise<number> {
    const row = await db
      .selectFrom((qb) =>
        qb
          .selectFrom('solution_library_words')
          .select('row_id')
          .where('word', '>=', word)
          .where('word', '<', prefixEnd(word))
          .limit(cap + 1)
          .as('w'),
      )
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  return {
    indexApprovedPlan: (planId: string) => indexApprovedPlan(db, planId),
    backfill: () => backfillSolutionLibrary(db),

    async findEntry(rowId: string): Promise<SolutionEntryRecord | null> {
      const row = await db
        .selectFrom('solution_library_rows as e')
        .innerJoin('units as u', 'u.id', 'e.school_id')
        .select(ENTRY_COLUMNS)
        .where('e.row_id', '=', rowId)
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },

    /** Lineages with entries of a school. */
    async lineagesOfSchool(schoolId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('solution_library_rows')
        .select('lineage_id')
        .distinct()
        .where('school_id', '=', schoolId)
        .execute();
      return rows.map((r) => r.lineage_id);
    },

    /** Lineages shared with any of the units (the ancestors of a school). */
    async lineagesSharedWith(unitIds: string[]): Promise<string[]> {
      if (unitIds.length === 0) return [];
      const rows = await db
        .selectFrom('plan_library_shares')
        .select('lineage_id')
        .distinct()
        .where('unit_id', 'in', unitIds)
        .execute();
      return rows.map((r) => r.lineage_id);
    },

    /** Schools under a unit path, up to `cap + 1` (a narrow scope is searched by school). */
    async schoolsUnder(pathPrefix: string, cap: number): Promise<string[]> {
      const rows = await db
        .selectFrom('units')
        .innerJoin('unit_ancestors as a', 'a.unit_id', 'units.id')
        .select('units.id as id')
        .where('units.kind', '=', 'school')
        .where('a.ancestor_id', '=', unitIdOfPath(pathPrefix))
        .limit(cap + 1)
        .execute();
      return rows.map((r) => r.id);
    },

    async listShares(lineageId: string) {
      return db
        .selectFrom('plan_library_shares as s')
        .innerJoin('units as u', 'u.id', 's.unit_id')
        .select([
          's.plan_id as planId',
          's.unit_id as unitId',
          'u.name as unitName',
          'u.kind as unitKind',
          's.shared_by_user_id as sharedByUserId',
          's.shared_at as sharedAt',
        ])
        .where('s.lineage_id', '=', lineageId)
        .orderBy('s.shared_at')
        .execute();
    },

    /** Replaces a lineage's shares with at most one unit. */
    async replaceShare(input: {
      planId: string;
      lineageId: string;
      schoolId: string;
      unitId: string | null;
      userId: string | null;
      now: string;
    }): Promise<void> {
      await db
        .deleteFrom('plan_library_shares')
        .where('lineage_id', '=', input.lineageId)
        .execute();
      if (input.unitId)
        await db
          .insertInto('plan_library_shares')
          .values({
            plan_id: input.planId,
            lineage_id: input.lineageId,
            school_id: input.schoolId,
            unit_id: input.unitId,
            shared_by_user_id: input.userId,
            shared_at: input.now,
          })
          .execute();
    },

    async search(input: LibrarySearchInput): Promise<LibrarySearchResult> {
      const words = input.words;
      // The driver: the indexed word with the fewest entries, when it is rare enough. A word that
      // starts a stop word (not indexed) or a single letter cannot drive: the index misses some of
      // its entries; it is checked on the folded text only.
      let driver: string | null = null;
      let driverCount = Number.POSITIVE_INFINITY;
      for (const word of words) {
        if (word.length < 2 || isStopWordPrefix(word)) continue;
        const n = await countWord(word, DRIVER_CAP);
        if (n === 0)
          return {
            items: [],
            nextCursor: null,
            total: input.withTotal ? { count: 0, capped: false } : null,
            plan: 'none',
          };
        if (n < driverCount) {
          driverCount = n;
          driver = word;
        }
      }
      const useDriver = driver !== null && driverCount <= DRIVER_CAP;

      const base = (criterionKeys: string[] = input.criterionKeys) => {
        let q = db
          .selectFrom('solution_library_rows as e')
          .where((eb) => scopeFilter(eb as unknown as Eb, input.scope));
        if (useDriver && driver !== null) {
          const d = driver;
          q = q.where('e.row_id', 'in', (eb) =>
            eb
              .selectFrom('solution_library_words')
              .select('solution_library_words.row_id')
              .where('solution_library_words.word', '>=', d)
              .where('solution_library_words.word', '<', prefixEnd(d)),
          );
        }
        for (const word of words) {
          if (useDriver && word === driver) continue;
          q = q.where(sql<SqlBool>`e.text_folded like ${wordPattern(word)} escape '\\'`);
        }
        if (criterionKeys.length > 0) q = q.where('e.criterion_key', 'in', criterionKeys);
        if (input.frameworkCodes.length > 0)
          q = q.where('e.framework_code', 'in', input.frameworkCodes);
        if (input.schoolYear) q = q.where('e.school_year', '=', input.schoolYear);
        return q;
      };

      // Several criterion keys (a TT57 criterion and its mapped 2018 ones): one query per key, each
      // walking its (criterion_key, row_id) index newest first and stopping at the page's end, then
      // merged — an IN list would fetch and sort every entry of every key.
      const pageFor = (keys: string[]) => {
        let page = base(keys);
        if (input.before) page = page.where('e.row_id', '<', input.before);
        return page
          .innerJoin('units as u', 'u.id', 'e.school_id')
          .select(ENTRY_COLUMNS)
          .orderBy('e.row_id', 'desc')
          .limit(input.limit + 1)
          .execute();
      };
      const rows =
        input.criterionKeys.length > 1
          ? (await Promise.all(input.criterionKeys.map((key) => pageFor([key]))))
              .flat()
              .sort((a, b) => (a.row_id < b.row_id ? 1 : a.row_id > b.row_id ? -1 : 0))
              .slice(0, input.limit + 1)
          : await pageFor(input.criterionKeys);
      const items = rows.slice(0, input.limit).map(toRecord);
      const nextCursor = rows.length > input.limit ? (items.at(-1)?.rowId ?? null) : null;

      // The total: exact when the page holds every match; counted (up to COUNT_CAP) when a rare
      // word drives the query (at most DRIVER_CAP candidates); otherwise only "more" (nextCursor),
      // since counting common words means walking the library.
      let total: LibrarySearchResult['total'] = null;
      if (input.withTotal) {
        if (!input.before && rows.length <= input.limit)
          total = { count: rows.length, capped: false };
        else if (useDriver) {
          const counted = await db
            .selectFrom(
              base()
                .select('e.row_id')
                .limit(COUNT_CAP + 1)
                .as('m'),
            )
            .select((eb) => eb.fn.countAll<number | string>().as('n'))
            .executeTakeFirst();
          const n = Number(counted?.n ?? 0);
          total = { count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
        }
      }
      return { items, nextCursor, total, plan: useDriver ? 'word' : 'walk' };
    },
  };
}

/** A folded prefix some stop word starts with (stop words are not in the index). */
function isStopWordPrefix(prefix: string): boolean {
  for (const w of LIBRARY_STOP_WORDS) if (w.startsWith(prefix)) return true;
  return false;
}

function toRecord(row: {
  row_id: string;
  plan_id: string;
  lineage_id: string;
  school_id: string;
  school_name: string;
  school_year: string;
  regime: string;
  framework_id: string | null;
  framework_code: string | null;
  criterion_key: string;
  row_group: string;
  standard_code: string | null;
  criterion_code: string | null;
  level4_key: string | null;
  current_state: string;
  content: string;
  target: string;
  tasks: string;
  indicator: string;
  time_text: string;
  budget_text: string;
  lead_text: string;
  support: string;
  approved_at: string;
}): SolutionEntryRecord {
  return {
    rowId: row.row_id,
    planId: row.plan_id,
    lineageId: row.lineage_id,
    schoolId: row.school_id,
    schoolName: row.school_name,
    schoolYear: row.school_year,
    regime: row.regime,
    frameworkId: row.framework_id,
    frameworkCode: row.framework_code,
    criterionKey: row.criterion_key,
    rowGroup: row.row_group,
    standardCode: row.standard_code,
    criterionCode: row.criterion_code,
    level4Key: row.level4_key,
    currentState: row.current_state,
    content: row.content,
    target: row.target,
    tasks: row.tasks,
    indicator: row.indicator,
    timeText: row.time_text,
    budgetText: row.budget_text,
    leadText: row.lead_text,
    support: row.support,
    approvedAt: row.approved_at,
  };
}
