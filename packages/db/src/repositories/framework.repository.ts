import { createHash } from 'node:crypto';
import {
  searchKey,
  type FrameworkCode,
  type FrameworkDefinition,
  type FrameworkIndicator,
  type FrameworkVersionId,
  type LegalInstrument,
  type Level4Item,
  type RepealInfo,
  type SchoolLevel,
  type SourceCitation,
  type TitleVariant,
  frameworkVersionId,
} from '@caitien/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../database.types.ts';

/** A stored framework version: its content plus catalogue metadata. */
export interface StoredFramework {
  id: FrameworkVersionId;
  definition: FrameworkDefinition;
  contentHash: string;
  lockedAt: string | null;
  createdAt: string;
}

/** One row of the catalogue list, with counts computed in SQL. */
export interface FrameworkVersionSummary {
  id: FrameworkVersionId;
  code: FrameworkCode;
  version: number;
  name: string;
  regime: FrameworkDefinition['regime'];
  circularNumber: string;
  schoolLevels: SchoolLevel[];
  levels: number[];
  effectiveFrom: string;
  effectiveTo: string | null;
  changeNote: string;
  contentHash: string;
  lockedAt: string | null;
  standardCount: number;
  criterionCount: number;
  mandatoryCriterionCount: number;
  unverifiedCriterionCount: number;
  level4ItemCount: number;
}

/**
 * Canonical SHA-256 of a version's content: what makes two versions "the same". Stored with the
 * version, so a change made straight in the database shows as a hash mismatch.
 */
export function hashFrameworkContent(definition: FrameworkDefinition): string {
  return createHash('sha256').update(JSON.stringify(definition)).digest('hex');
}

const parseJson = <T>(text: string): T => JSON.parse(text) as T;

/** All SQL about the framework catalogue. */
export function createFrameworkRepository(db: Kysely<Database>) {
  /** Inserts one complete version (inside the caller's transaction when given). */
  async function insertVersion(
    definition: FrameworkDefinition,
    options: { now: string; trx?: Transaction<Database> },
  ): Promise<StoredFramework> {
    const run = async (trx: Transaction<Database>) => {
      const id = frameworkVersionId(definition.code, definition.version);
      const contentHash = hashFrameworkContent(definition);
      await trx
        .insertInto('framework_versions')
        .values({
          id,
          code: definition.code,
          version: definition.version,
          name: definition.name,
          regime: definition.regime,
          circular_number: definition.circular.number,
          circular_json: JSON.stringify(definition.circular),
          amendments_json: JSON.stringify(definition.amendments),
          school_levels_json: JSON.stringify(definition.schoolLevels),
          levels_json: JSON.stringify(definition.levels),
          effective_from: definition.effectiveFrom,
          effective_to: definition.effectiveTo,
          change_note: definition.changeNote,
          sources_json: JSON.stringify(definition.sources),
          content_hash: contentHash,
          locked_at: null,
          created_at: options.now,
        })
        .execute();

      const standards = definition.standards.map((s, position) => ({
        id: `${id}:${s.code}`,
        framework_id: id,
        code: s.code,
        title: s.title,
        title_source: s.titleSource,
        title_variants_json: JSON.stringify(s.titleVariants),
        verification_note: s.verificationNote,
        position,
      }));
      if (standards.length) await trx.insertInto('framework_standards').values(standards).execute();

      const criteria = definition.standards.flatMap((s) =>
        s.criteria.map((c) => ({ standard: s, criterion: c })),
      );
      const criterionRows = criteria.map(({ standard, criterion: c }, position) => ({
        id: `${id}:${c.code}`,
        framework_id: id,
        standard_id: `${id}:${standard.code}`,
        code: c.code,
        title: c.title,
        title_folded: searchKey(c.title),
        title_source: c.titleSource,
        title_variants_json: JSON.stringify(c.titleVariants),
        mandatory: c.mandatory ? 1 : 0,
        verified: c.verified ? 1 : 0,
        verification_note: c.verificationNote,
        source: c.source,
        notes_json: JSON.stringify(c.notes),
        quantitative_json: JSON.stringify(c.quantitative),
        suggested_evidence_json: JSON.stringify(c.suggestedEvidence),
        levels_without_requirements_json: JSON.stringify(c.levelsWithoutRequirements),
        position,
      }));
      if (criterionRows.length) {
        await trx.insertInto('framework_criteria').values(criterionRows).execute();
      }

      const indicatorRows = criteria.flatMap(({ criterion: c }) =>
        c.indicators.map((indicator, position) => ({
          id: `${id}:${c.code}:${position}`,
          framework_id: id,
          criterion_id: `${id}:${c.code}`,
          level: indicator.level,
          key: indicator.key,
          text: indicator.text,
          text_folded: searchKey(indicator.text),
          repealed_json: indicator.repealed ? JSON.stringify(indicator.repealed) : null,
          position,
        })),
      );
      // Chunked: PostgreSQL caps bind parameters per statement at 65,535.
      for (let i = 0; i < indicatorRows.length; i += 500) {
        await trx
          .insertInto('framework_indicators')
          .values(indicatorRows.slice(i, i + 500))
          .execute();
      }

      const level4Rows = definition.level4Items.map((item, position) => ({
        id: `${id}:M4:${position}`,
        framework_id: id,
        key: item.key,
        ref: item.ref,
        text: item.text,
        text_folded: searchKey(item.text),
        verified: item.verified ? 1 : 0,
        source: item.source,
        position,
      }));
      if (level4Rows.length)
        await trx.insertInto('framework_level4_items').values(level4Rows).execute();

      return { id, definition, contentHash, lockedAt: null, createdAt: options.now };
    };
    return options.trx ? run(options.trx) : db.transaction().execute(run);
  }

  /** Every version with its counts, ordered by code then version. */
  async function listVersions(): Promise<FrameworkVersionSummary[]> {
    const rows = await db
      .selectFrom('framework_versions as f')
      .select((eb) => [
        'f.id',
        'f.code',
        'f.version',
        'f.name',
        'f.regime',
        'f.circular_number',
        'f.school_levels_json',
        'f.levels_json',
        'f.effective_from',
        'f.effective_to',
        'f.change_note',
        'f.content_hash',
        'f.locked_at',
        eb
          .selectFrom('framework_standards as s')
          .whereRef('s.framework_id', '=', 'f.id')
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('standard_count'),
        eb
          .selectFrom('framework_criteria as c')
          .whereRef('c.framework_id', '=', 'f.id')
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('criterion_count'),
        eb
          .selectFrom('framework_criteria as c')
          .whereRef('c.framework_id', '=', 'f.id')
          .where('c.mandatory', '=', 1)
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('mandatory_count'),
        eb
          .selectFrom('framework_criteria as c')
          .whereRef('c.framework_id', '=', 'f.id')
          .where('c.verified', '=', 0)
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('unverified_count'),
        eb
          .selectFrom('framework_level4_items as l')
          .whereRef('l.framework_id', '=', 'f.id')
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('level4_count'),
      ])
      .orderBy('f.code')
      .orderBy('f.version')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      code: r.code as FrameworkCode,
      version: r.version,
      name: r.name,
      regime: r.regime as FrameworkDefinition['regime'],
      circularNumber: r.circular_number,
      schoolLevels: parseJson<SchoolLevel[]>(r.school_levels_json),
      levels: parseJson<number[]>(r.levels_json),
      effectiveFrom: r.effective_from,
      effectiveTo: r.effective_to,
      changeNote: r.change_note,
      contentHash: r.content_hash,
      lockedAt: r.locked_at,
      // PostgreSQL returns count(*) as a bigint string: convert at the repository edge.
      standardCount: Number(r.standard_count ?? 0),
      criterionCount: Number(r.criterion_count ?? 0),
      mandatoryCriterionCount: Number(r.mandatory_count ?? 0),
      unverifiedCriterionCount: Number(r.unverified_count ?? 0),
      level4ItemCount: Number(r.level4_count ?? 0),
    }));
  }

  /** The newest version id of a code, or undefined. */
  async function findLatestVersionId(code: string): Promise<FrameworkVersionId | undefined> {
    const row = await db
      .selectFrom('framework_versions')
      .select('id')
      .where('code', '=', code)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.id;
  }

  /**
   * Resolves a code ("TT17", the newest version) or a version id ("TT17@1") to the version id, its
   * content hash, whether it is locked and whether it is the newest of its code — in one small query.
   */
  async function findVersionHead(
    idOrCode: string,
  ): Promise<
    | { id: FrameworkVersionId; contentHash: string; lockedAt: string | null; isCurrent: boolean }
    | undefined
  > {
    let query = db.selectFrom('framework_versions as f').select((eb) => [
      'f.id',
      'f.content_hash',
      'f.locked_at',
      'f.version',
      eb
        .selectFrom('framework_versions as g')
        .whereRef('g.code', '=', 'f.code')
        .select((e) => e.fn.max('g.version').as('v'))
        .as('latest_version'),
    ]);
    query = idOrCode.includes('@')
      ? query.where('f.id', '=', idOrCode)
      : query.where('f.code', '=', idOrCode).orderBy('f.version', 'desc').limit(1);
    const row = await query.executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      contentHash: row.content_hash,
      lockedAt: row.locked_at,
      isCurrent: Number(row.latest_version) === row.version,
    };
  }

  /** Cheap look-up of the stored hash (used to validate caches and detect tampering). */
  async function findContentHash(id: FrameworkVersionId): Promise<string | undefined> {
    const row = await db
      .selectFrom('framework_versions')
      .select('content_hash')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.content_hash;
  }

  /** One complete version, assembled from its rows. */
  async function findVersion(id: FrameworkVersionId): Promise<StoredFramework | undefined> {
    const version = await db
      .selectFrom('framework_versions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!version) return undefined;
    const [standards, criteria, indicators, level4] = await Promise.all([
      db
        .selectFrom('framework_standards')
        .selectAll()
        .where('framework_id', '=', id)
        .orderBy('position')
        .execute(),
      db
        .selectFrom('framework_criteria')
        .selectAll()
        .where('framework_id', '=', id)
        .orderBy('position')
        .execute(),
      db
        .selectFrom('framework_indicators')
        .selectAll()
        .where('framework_id', '=', id)
        .orderBy('criterion_id')
        .orderBy('position')
        .execute(),
      db
        .selectFrom('framework_level4_items')
        .selectAll()
        .where('framework_id', '=', id)
        .orderBy('position')
        .execute(),
    ]);
    const indicatorsByCriterion = new Map<string, FrameworkIndicator[]>();
    for (const row of indicators) {
      const list = indicatorsByCriterion.get(row.criterion_id) ?? [];
      list.push({
        level: row.level,
        key: row.key,
        text: row.text,
        repealed: row.repealed_json ? parseJson<RepealInfo>(row.repealed_json) : null,
      });
      indicatorsByCriterion.set(row.criterion_id, list);
    }
    const definition: FrameworkDefinition = {
      code: version.code as FrameworkCode,
      version: version.version,
      name: version.name,
      regime: version.regime as FrameworkDefinition['regime'],
      circular: parseJson<LegalInstrument>(version.circular_json),
      amendments: parseJson<LegalInstrument[]>(version.amendments_json),
      schoolLevels: parseJson<SchoolLevel[]>(version.school_levels_json),
      levels: parseJson<number[]>(version.levels_json),
      effectiveFrom: version.effective_from,
      effectiveTo: version.effective_to,
      changeNote: version.change_note,
      standards: standards.map((s) => ({
        code: s.code,
        title: s.title,
        titleSource: s.title_source,
        titleVariants: parseJson<TitleVariant[]>(s.title_variants_json),
        verificationNote: s.verification_note,
        criteria: criteria
          .filter((c) => c.standard_id === s.id)
          .map((c) => ({
            code: c.code,
            title: c.title,
            titleSource: c.title_source,
            titleVariants: parseJson<TitleVariant[]>(c.title_variants_json),
            mandatory: c.mandatory === 1,
            indicators: indicatorsByCriterion.get(c.id) ?? [],
            levelsWithoutRequirements: parseJson<number[]>(c.levels_without_requirements_json),
            source: c.source,
            verified: c.verified === 1,
            verificationNote: c.verification_note,
            notes: parseJson<string[]>(c.notes_json),
            quantitative: parseJson<string[]>(c.quantitative_json),
            suggestedEvidence: parseJson<string[]>(c.suggested_evidence_json),
          })),
      })),
      level4Items: level4.map((l): Level4Item => ({
        key: l.key,
        ref: l.ref,
        text: l.text,
        verified: l.verified === 1,
        source: l.source,
      })),
      sources: parseJson<SourceCitation[]>(version.sources_json),
    };
    return {
      id,
      definition,
      contentHash: version.content_hash,
      lockedAt: version.locked_at,
      createdAt: version.created_at,
    };
  }

  /**
   * Codes of the criteria of a version whose title, requirements (or, for a Mức 4 search, nothing
   * else) contain every folded word. Runs on the stored folded copies, the same on both engines.
   */
  async function searchCriterionCodes(id: FrameworkVersionId, words: string[]): Promise<string[]> {
    let query = db
      .selectFrom('framework_criteria as c')
      .select('c.code')
      .where('c.framework_id', '=', id);
    // Words match at the start of a word of the stored search key (" " || key LIKE "% word%"), the
    // same rule as matchesQuery in the web app. LIKE wildcards cannot occur: keys are letters/digits.
    for (const word of words) {
      const key = searchKey(word);
      if (key === '') continue;
      const pattern = `% ${key}%`;
      query = query.where((eb) =>
        eb.or([
          eb(sql<string>`' ' || ${eb.ref('c.title_folded')}`, 'like', pattern),
          eb('c.code', '=', word),
          eb.exists(
            eb
              .selectFrom('framework_indicators as i')
              .select('i.id')
              .whereRef('i.criterion_id', '=', 'c.id')
              .where(sql<string>`' ' || ${sql.ref('i.text_folded')}`, 'like', pattern),
          ),
        ]),
      );
    }
    const rows = await query.orderBy('c.position').execute();
    return rows.map((r) => r.code);
  }

  /** Marks a version as used; from then on its content may not change. Idempotent. */
  async function lockVersion(id: FrameworkVersionId, now: string): Promise<void> {
    await db
      .updateTable('framework_versions')
      .set({ locked_at: now })
      .where('id', '=', id)
      .where('locked_at', 'is', null)
      .execute();
  }

  /** Deletes an unlocked version and everything under it (used to rewrite a not-yet-used version). */
  async function deleteUnlockedVersion(
    id: FrameworkVersionId,
    trx: Transaction<Database>,
  ): Promise<boolean> {
    const result = await trx
      .deleteFrom('framework_versions')
      .where('id', '=', id)
      .where('locked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  return {
    insertVersion,
    listVersions,
    findLatestVersionId,
    findContentHash,
    findVersionHead,
    findVersion,
    searchCriterionCodes,
    lockVersion,
    deleteUnlockedVersion,
    transaction: <T>(fn: (trx: Transaction<Database>) => Promise<T>) =>
      db.transaction().execute(fn),
  };
}

/** The framework repository. */
export type FrameworkRepository = ReturnType<typeof createFrameworkRepository>;
