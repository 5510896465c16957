import { compareCriterionCodes, decideFieldSave, searchKey } from '@caitien/core';
import { sql, type Kysely } from 'kysely';
import type {
  AssessmentEvidenceFilesTable,
  AssessmentEvidenceTable,
  Database,
} from '../database.types.ts';
import { createContentTouch, isPostgres } from './plan-records.ts';

/** A file kept for an evidence (the bytes live under DATA_DIR by SHA-256). */
export interface EvidenceFileRecord {
  id: string;
  evidenceId: string;
  sha256: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  uploadedByUserId: string | null;
  createdAt: string;
}

/** The fields of an evidence a person edits (each versioned on its own). */
export interface EvidenceFields {
  name: string;
  issued: string;
  issuer: string;
  note: string;
  link: string;
}

/** An evidence as stored, with its citations (primary first) and files. */
export interface EvidenceRecord extends EvidenceFields {
  id: string;
  assessmentId: string;
  code: string;
  box: number | null;
  primaryCriterionCode: string;
  sequence: number;
  previousCode: string | null;
  carried: boolean;
  originEvidenceId: string | null;
  fieldVersions: Record<string, number>;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Criteria citing it, by citation position (the first citation is the primary). */
  criterionCodes: string[];
  files: EvidenceFileRecord[];
}

/** A new evidence: its identity, code, fields and the criteria citing it (primary first). */
export interface NewEvidence extends EvidenceFields {
  id: string;
  assessmentId: string;
  code: string;
  box: number | null;
  primaryCriterionCode: string;
  sequence: number;
  previousCode: string | null;
  carried: boolean;
  originEvidenceId: string | null;
  criterionCodes: string[];
  now: string;
}

/** The code-related columns a renumbering, a box change or a regime change writes. */
export interface EvidenceCodeChange {
  id: string;
  code: string;
  box: number | null;
  primaryCriterionCode: string;
  sequence: number;
}

/** One text of an assessment that may cite evidence codes, and where it is. */
export interface AssessmentText {
  kind: 'criterion' | 'standard' | 'level4' | 'report';
  /** Criterion code, standard code, Mức 4 item key, "" for the report. */
  key: string;
  /** The field (`levelDescriptions.1` for a TT57 level description; `report.context`…). */
  field: string;
  text: string;
}

/** A text's new value, addressed as {@link AssessmentText}. */
export type AssessmentTextChange = AssessmentText;

const CRITERION_TEXT_COLUMNS = {
  description: 'description',
  strengths: 'strengths',
  weaknesses: 'weaknesses',
  improvementPlan: 'improvement_plan',
} as const;
const STANDARD_TEXT_FIELDS = [
  'intro',
  'conclusion',
  'strengths',
  'limitations',
  'causes',
  'trend',
  'priorities',
] as const;
type StandardTextField = (typeof STANDARD_TEXT_FIELDS)[number];

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function toFile(row: AssessmentEvidenceFilesTable): EvidenceFileRecord {
  return {
    id: row.id,
    evidenceId: row.evidence_id,
    sha256: row.sha256,
    fileName: row.file_name,
    mediaType: row.media_type,
    // `pg` answers bigint as a string (CONTRACTS.md "Money"): converted here, at the edge.
    sizeBytes: Number(row.size_bytes),
    uploadedByUserId: row.uploaded_by_user_id,
    createdAt: row.created_at,
  };
}

function toEvidence(
  row: AssessmentEvidenceTable,
  citations: string[],
  files: EvidenceFileRecord[],
): EvidenceRecord {
  return {
    id: row.id,
    assessmentId: row.assessment_id,
    code: row.code,
    box: row.box === null ? null : Number(row.box),
    primaryCriterionCode: row.primary_criterion_code,
    sequence: Number(row.sequence),
    name: row.name,
    issued: row.issued,
    issuer: row.issuer,
    note: row.note,
    link: row.link,
    previousCode: row.previous_code,
    carried: Number(row.carried) === 1,
    originEvidenceId: row.origin_evidence_id,
    fieldVersions: parseJson<Record<string, number>>(row.field_versions_json, {}),
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    criterionCodes: citations,
    files,
  };
}

/** Primary criterion, then number, then code: the order of the Danh mục minh chứng. */
function byListOrder(a: EvidenceRecord, b: EvidenceRecord): number {
  return (
    compareCriterionCodes(a.primaryCriterionCode, b.primaryCriterionCode) ||
    a.sequence - b.sequence ||
    a.code.localeCompare(b.code)
  );
}

/**
 * All SQL about an assessment's evidence (issue 12): the evidence, its citations by criteria, its
 * files, and the assessment's texts that cite codes (read for the mentions check, rewritten by a
 * renumbering). Every write marks the assessment's content as changed (`content_seq`, once per
 * transaction, as plans do).
 */
export function createEvidenceRepository(db: Kysely<Database>) {
  const postgres = isPostgres(db);
  // The assessment's content sequence, bumped once per transaction (as the assessment repository).
  const touchAssessment = createContentTouch(db, 'assessments');

  async function load(rows: AssessmentEvidenceTable[]): Promise<EvidenceRecord[]> {
    if (rows.length === 0) return [];
    const assessmentId = rows[0]!.assessment_id;
    const ids = rows.map((r) => r.id);
    const single = rows.length === 1;
    let citationQuery = db
      .selectFrom('assessment_evidence_citations')
      .select(['evidence_id', 'criterion_code'])
      .where('assessment_id', '=', assessmentId);
    if (single) citationQuery = citationQuery.where('evidence_id', '=', ids[0]!);
    const citationRows = await citationQuery.orderBy('position').execute();
    let fileQuery = db
      .selectFrom('assessment_evidence_files as f')
      .selectAll('f')
      .innerJoin('assessment_evidence as e', 'e.id', 'f.evidence_id')
      .where('e.assessment_id', '=', assessmentId);
    if (single) fileQuery = fileQuery.where('f.evidence_id', '=', ids[0]!);
    const fileRows = await fileQuery.orderBy('f.created_at').orderBy('f.id').execute();
    const citations = new Map<string, string[]>();
    for (const c of citationRows) {
      const list = citations.get(c.evidence_id) ?? [];
      list.push(c.criterion_code);
      citations.set(c.evidence_id, list);
    }
    const files = new Map<string, EvidenceFileRecord[]>();
    for (const f of fileRows) {
      const list = files.get(f.evidence_id) ?? [];
      list.push(toFile(f));
      files.set(f.evidence_id, list);
    }
    return rows
      .map((r) => toEvidence(r, citations.get(r.id) ?? [], files.get(r.id) ?? []))
      .sort(byListOrder);
  }

  async function nextCitationPosition(evidenceId: string): Promise<number> {
    const row = await db
      .selectFrom('assessment_evidence_citations')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('evidence_id', '=', evidenceId)
      .executeTakeFirst();
    return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
  }

  async function findFile(
    assessmentId: string,
    evidenceId: string,
    fileId: string,
  ): Promise<EvidenceFileRecord | undefined> {
    const row = await db
      .selectFrom('assessment_evidence_files as f')
      .selectAll('f')
      .innerJoin('assessment_evidence as e', 'e.id', 'f.evidence_id')
      .where('e.assessment_id', '=', assessmentId)
      .where('f.evidence_id', '=', evidenceId)
      .where('f.id', '=', fileId)
      .executeTakeFirst();
    return row ? toFile(row) : undefined;
  }

  return {
    touchAssessment,

    /**
     * The evidence of an assessment in list order. `q`: every word starts a word of the folded name,
     * or the query is part of the code; `criterionCode`: only the evidence that criterion cites.
     */
    async listEvidence(
      assessmentId: string,
      filter: { q?: string | undefined; criterionCode?: string | undefined } = {},
    ): Promise<EvidenceRecord[]> {
      let query = db
        .selectFrom('assessment_evidence')
        .selectAll()
        .where('assessment_id', '=', assessmentId);
      const q = filter.q?.trim() ?? '';
      if (q !== '') {
        const words = q
          .split(/\s+/u)
          .map(searchKey)
          .filter((w) => w !== '');
        // LIKE wildcards cannot occur in search keys (letters, digits, spaces); the code is
        // compared with instr/strpos, so "%" or "_" typed in a query match themselves.
        const codeMatch = postgres
          ? sql<boolean>`strpos(lower(code), ${q.toLowerCase()}) > 0`
          : sql<boolean>`instr(lower(code), ${q.toLowerCase()}) > 0`;
        query = query.where((eb) =>
          eb.or([
            ...(words.length > 0
              ? [
                  eb.and(
                    words.map((w) =>
                      eb(sql<string>`' ' || ${eb.ref('name_folded')}`, 'like', `% ${w}%`),
                    ),
                  ),
                ]
              : []),
            codeMatch,
          ]),
        );
      }
      if (filter.criterionCode) {
        const code = filter.criterionCode;
        query = query.where((eb) =>
          eb.exists(
            eb
              .selectFrom('assessment_evidence_citations as c')
              .select('c.evidence_id')
              .whereRef('c.evidence_id', '=', 'assessment_evidence.id')
              .where('c.criterion_code', '=', code),
          ),
        );
      }
      return load(await query.execute());
    },

    async findEvidence(assessmentId: string, id: string): Promise<EvidenceRecord | undefined> {
      const row = await db
        .selectFrom('assessment_evidence')
        .selectAll()
        .where('assessment_id', '=', assessmentId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? (await load([row]))[0] : undefined;
    },

    async findByCode(assessmentId: string, code: string): Promise<EvidenceRecord | undefined> {
      const row = await db
        .selectFrom('assessment_evidence')
        .selectAll()
        .where('assessment_id', '=', assessmentId)
        .where('code', '=', code)
        .executeTakeFirst();
      return row ? (await load([row]))[0] : undefined;
    },

    /** Codes, boxes and numbers of every evidence of an assessment (for numbering a new one). */
    async listCodes(assessmentId: string) {
      const rows = await db
        .selectFrom('assessment_evidence')
        .select(['id', 'code', 'box', 'primary_criterion_code', 'sequence'])
        .where('assessment_id', '=', assessmentId)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        code: r.code,
        box: r.box === null ? null : Number(r.box),
        primaryCriterionCode: r.primary_criterion_code,
        sequence: Number(r.sequence),
      }));
    },

    /** The assessment's criteria (code and standard), in the framework's numeric order. */
    async listCriteria(assessmentId: string) {
      const rows = await db
        .selectFrom('assessment_criteria')
        .select(['criterion_code', 'standard_code'])
        .where('assessment_id', '=', assessmentId)
        .execute();
      return rows
        .map((r) => ({ criterionCode: r.criterion_code, standardCode: r.standard_code }))
        .sort((a, b) => compareCriterionCodes(a.criterionCode, b.criterionCode));
    },

    async insertEvidence(evidence: NewEvidence): Promise<void> {
      await db
        .insertInto('assessment_evidence')
        .values({
          id: evidence.id,
          assessment_id: evidence.assessmentId,
          code: evidence.code,
          box: evidence.box,
          primary_criterion_code: evidence.primaryCriterionCode,
          sequence: evidence.sequence,
          name: evidence.name,
          name_folded: searchKey(evidence.name),
          issued: evidence.issued,
          issuer: evidence.issuer,
          note: evidence.note,
          link: evidence.link,
          previous_code: evidence.previousCode,
          carried: evidence.carried ? 1 : 0,
          origin_evidence_id: evidence.originEvidenceId,
          field_versions_json: '{}',
          version: 1,
          created_at: evidence.now,
          updated_at: evidence.now,
        })
        .execute();
      for (const [position, criterionCode] of evidence.criterionCodes.entries()) {
        await db
          .insertInto('assessment_evidence_citations')
          .values({
            assessment_id: evidence.assessmentId,
            evidence_id: evidence.id,
            criterion_code: criterionCode,
            position,
          })
          .execute();
      }
      await touchAssessment(evidence.assessmentId);
    },

    /**
     * Saves changed fields of an evidence (CONTRACTS.md "Concurrent edits"): accepted when none of
     * them changed since `baseVersion`; `code`/`box` count as one field ("code").
     */
    async saveEvidenceFields(
      assessmentId: string,
      id: string,
      baseVersion: number,
      changes: Partial<EvidenceFields> & { code?: string; box?: number | null },
      now: string,
    ): Promise<{ outcome: 'saved'; before: EvidenceRecord } | { outcome: 'conflict' | 'missing' }> {
      let query = db
        .selectFrom('assessment_evidence')
        .selectAll()
        .where('assessment_id', '=', assessmentId)
        .where('id', '=', id);
      if (postgres) query = query.forUpdate();
      const stored = await query.executeTakeFirst();
      if (!stored) return { outcome: 'missing' };
      const [current] = await load([stored]);
      if (!current) return { outcome: 'missing' };
      const fields = [
        ...(['name', 'issued', 'issuer', 'note', 'link'] as const).filter(
          (f) => changes[f] !== undefined,
        ),
        ...(changes.code !== undefined || changes.box !== undefined ? ['code'] : []),
      ];
      const decision = decideFieldSave(current, baseVersion, fields);
      if (!decision.ok) return { outcome: 'conflict' };
      const { next, fieldVersions } = decision;
      const result = await db
        .updateTable('assessment_evidence')
        .set({
          ...(changes.name !== undefined
            ? { name: changes.name, name_folded: searchKey(changes.name) }
            : {}),
          ...(changes.issued !== undefined ? { issued: changes.issued } : {}),
          ...(changes.issuer !== undefined ? { issuer: changes.issuer } : {}),
          ...(changes.note !== undefined ? { note: changes.note } : {}),
          ...(changes.link !== undefined ? { link: changes.link } : {}),
          ...(changes.code !== undefined ? { code: changes.code } : {}),
          ...(changes.box !== undefined ? { box: changes.box } : {}),
          field_versions_json: JSON.stringify(fieldVersions),
          version: next,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('version', '=', current.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return { outcome: 'conflict' };
      await touchAssessment(assessmentId);
      return { outcome: 'saved', before: current };
    },

    /**
     * Writes new codes (a renumbering, a regime change). Codes are swapped through temporary values
     * first so that two evidence exchanging codes never meet the unique (assessment, code) index.
     */
    async setCodes(assessmentId: string, changes: EvidenceCodeChange[], now: string) {
      if (changes.length === 0) return;
      for (const change of changes) {
        await db
          .updateTable('assessment_evidence')
          .set({ code: `~renumbering:${change.id}` })
          .where('assessment_id', '=', assessmentId)
          .where('id', '=', change.id)
          .execute();
      }
      for (const change of changes) {
        const row = await db
          .selectFrom('assessment_evidence')
          .select(['version', 'field_versions_json'])
          .where('id', '=', change.id)
          .executeTakeFirst();
        if (!row) continue;
        const next = Number(row.version) + 1;
        const fieldVersions = parseJson<Record<string, number>>(row.field_versions_json, {});
        fieldVersions.code = next;
        await db
          .updateTable('assessment_evidence')
          .set({
            code: change.code,
            box: change.box,
            primary_criterion_code: change.primaryCriterionCode,
            sequence: change.sequence,
            field_versions_json: JSON.stringify(fieldVersions),
            version: next,
            updated_at: now,
          })
          .where('id', '=', change.id)
          .execute();
      }
      await touchAssessment(assessmentId);
    },

    /** Adds a citation at the end; false when the criterion already cites the evidence. */
    async addCitation(assessmentId: string, evidenceId: string, criterionCode: string) {
      const exists = await db
        .selectFrom('assessment_evidence_citations')
        .select('evidence_id')
        .where('evidence_id', '=', evidenceId)
        .where('criterion_code', '=', criterionCode)
        .executeTakeFirst();
      if (exists) return false;
      await db
        .insertInto('assessment_evidence_citations')
        .values({
          assessment_id: assessmentId,
          evidence_id: evidenceId,
          criterion_code: criterionCode,
          position: await nextCitationPosition(evidenceId),
        })
        .execute();
      await db
        .updateTable('assessment_evidence')
        .set((eb) => ({ version: eb('version', '+', 1) }))
        .where('id', '=', evidenceId)
        .execute();
      await touchAssessment(assessmentId);
      return true;
    },

    /** Removes a citation; false when the criterion did not cite the evidence. */
    async removeCitation(assessmentId: string, evidenceId: string, criterionCode: string) {
      const result = await db
        .deleteFrom('assessment_evidence_citations')
        .where('assessment_id', '=', assessmentId)
        .where('evidence_id', '=', evidenceId)
        .where('criterion_code', '=', criterionCode)
        .executeTakeFirst();
      if (Number(result.numDeletedRows) !== 1) return false;
      await db
        .updateTable('assessment_evidence')
        .set((eb) => ({ version: eb('version', '+', 1) }))
        .where('id', '=', evidenceId)
        .execute();
      await touchAssessment(assessmentId);
      return true;
    },

    async deleteEvidence(assessmentId: string, id: string): Promise<boolean> {
      const owned = await db
        .selectFrom('assessment_evidence')
        .select('id')
        .where('assessment_id', '=', assessmentId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!owned) return false;
      // Citations and file rows go with it (ON DELETE CASCADE is not relied on: SQLite enforces
      // foreign keys only when asked).
      await db.deleteFrom('assessment_evidence_citations').where('evidence_id', '=', id).execute();
      await db.deleteFrom('assessment_evidence_files').where('evidence_id', '=', id).execute();
      const result = await db
        .deleteFrom('assessment_evidence')
        .where('assessment_id', '=', assessmentId)
        .where('id', '=', id)
        .executeTakeFirst();
      const deleted = Number(result.numDeletedRows) === 1;
      if (deleted) await touchAssessment(assessmentId);
      return deleted;
    },

    async insertFile(
      assessmentId: string,
      file: Omit<EvidenceFileRecord, 'createdAt'> & { now: string },
    ): Promise<void> {
      await db
        .insertInto('assessment_evidence_files')
        .values({
          id: file.id,
          evidence_id: file.evidenceId,
          sha256: file.sha256,
          file_name: file.fileName,
          media_type: file.mediaType,
          size_bytes: file.sizeBytes,
          uploaded_by_user_id: file.uploadedByUserId,
          created_at: file.now,
        })
        .execute();
      await db
        .updateTable('assessment_evidence')
        .set((eb) => ({ version: eb('version', '+', 1), updated_at: file.now }))
        .where('id', '=', file.evidenceId)
        .execute();
      await touchAssessment(assessmentId);
    },

    findFile,

    async deleteFile(assessmentId: string, evidenceId: string, fileId: string, now: string) {
      if (!(await findFile(assessmentId, evidenceId, fileId))) return false;
      const result = await db
        .deleteFrom('assessment_evidence_files')
        .where('evidence_id', '=', evidenceId)
        .where('id', '=', fileId)
        .executeTakeFirst();
      if (Number(result.numDeletedRows) !== 1) return false;
      await db
        .updateTable('assessment_evidence')
        .set((eb) => ({ version: eb('version', '+', 1), updated_at: now }))
        .where('id', '=', evidenceId)
        .execute();
      await touchAssessment(assessmentId);
      return true;
    },

    /**
     * Every text of the assessment that may cite evidence codes: criteria (description, the TT57
     * level descriptions, strengths, weaknesses, improvement plan), standards, Mức 4 items, and
     * every string of the report's JSON (its general texts, whatever their keys).
     */
    async listTexts(assessmentId: string): Promise<AssessmentText[]> {
      const texts: AssessmentText[] = [];
      const criteria = await db
        .selectFrom('assessment_criteria')
        .select([
          'criterion_code',
          'description',
          'level_descriptions_json',
          'strengths',
          'weaknesses',
          'improvement_plan',
        ])
        .where('assessment_id', '=', assessmentId)
        .execute();
      criteria.sort((a, b) => compareCriterionCodes(a.criterion_code, b.criterion_code));
      for (const c of criteria) {
        const key = c.criterion_code;
        texts.push({ kind: 'criterion', key, field: 'description', text: c.description });
        const levels = parseJson<Record<string, unknown>>(c.level_descriptions_json, {});
        for (const [level, text] of Object.entries(levels)) {
          if (typeof text === 'string')
            texts.push({ kind: 'criterion', key, field: `levelDescriptions.${level}`, text });
        }
        texts.push({ kind: 'criterion', key, field: 'strengths', text: c.strengths });
        texts.push({ kind: 'criterion', key, field: 'weaknesses', text: c.weaknesses });
        texts.push({ kind: 'criterion', key, field: 'improvementPlan', text: c.improvement_plan });
      }
      const standards = await db
        .selectFrom('assessment_standards')
        .selectAll()
        .where('assessment_id', '=', assessmentId)
        .execute();
      standards.sort((a, b) => compareCriterionCodes(a.standard_code, b.standard_code));
      for (const s of standards) {
        for (const field of STANDARD_TEXT_FIELDS)
          texts.push({ kind: 'standard', key: s.standard_code, field, text: s[field] });
      }
      const level4 = await db
        .selectFrom('assessment_level4')
        .select(['item_key', 'description'])
        .where('assessment_id', '=', assessmentId)
        .execute();
      level4.sort((a, b) => a.item_key.localeCompare(b.item_key, 'vi', { numeric: true }));
      for (const item of level4)
        texts.push({
          kind: 'level4',
          key: item.item_key,
          field: 'description',
          text: item.description,
        });
      const assessment = await db
        .selectFrom('assessments')
        .select('report_json')
        .where('id', '=', assessmentId)
        .executeTakeFirst();
      if (assessment) {
        const walk = (value: unknown, path: string) => {
          if (typeof value === 'string')
            texts.push({ kind: 'report', key: '', field: path, text: value });
          else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}.${i}`));
          else if (value !== null && typeof value === 'object')
            for (const [k, v] of Object.entries(value)) walk(v, path === '' ? k : `${path}.${k}`);
        };
        walk(parseJson<unknown>(assessment.report_json, {}), '');
      }
      return texts;
    },

    /**
     * Writes rewritten texts (a renumbering), each row's version bumped and the changed fields
     * marked in its field versions, so a save started before the rewrite gets its 409 instead of
     * putting the old codes back.
     */
    async writeTexts(assessmentId: string, changes: AssessmentTextChange[], now: string) {
      if (changes.length === 0) return;
      const byKey = <K extends AssessmentText['kind']>(kind: K) => {
        const map = new Map<string, AssessmentTextChange[]>();
        for (const c of changes.filter((x) => x.kind === kind))
          map.set(c.key, [...(map.get(c.key) ?? []), c]);
        return map;
      };
      for (const [code, list] of byKey('criterion')) {
        const row = await db
          .selectFrom('assessment_criteria')
          .select(['id', 'level_descriptions_json', 'field_versions_json', 'version'])
          .where('assessment_id', '=', assessmentId)
          .where('criterion_code', '=', code)
          .executeTakeFirst();
        if (!row) continue;
        const next = Number(row.version) + 1;
        const fieldVersions = parseJson<Record<string, number>>(row.field_versions_json, {});
        const levels = parseJson<Record<string, unknown>>(row.level_descriptions_json, {});
        const set: Record<string, string> = {};
        let levelsChanged = false;
        for (const c of list) {
          if (c.field.startsWith('levelDescriptions.')) {
            levels[c.field.slice('levelDescriptions.'.length)] = c.text;
            levelsChanged = true;
            fieldVersions.levelDescriptions = next;
          } else if (c.field in CRITERION_TEXT_COLUMNS) {
            set[CRITERION_TEXT_COLUMNS[c.field as keyof typeof CRITERION_TEXT_COLUMNS]] = c.text;
            fieldVersions[c.field] = next;
          }
        }
        if (levelsChanged) set.level_descriptions_json = JSON.stringify(levels);
        await db
          .updateTable('assessment_criteria')
          .set({
            ...set,
            field_versions_json: JSON.stringify(fieldVersions),
            version: next,
            updated_at: now,
          })
          .where('id', '=', row.id)
          .execute();
      }
      for (const [code, list] of byKey('standard')) {
        const row = await db
          .selectFrom('assessment_standards')
          .select(['id', 'field_versions_json', 'version'])
          .where('assessment_id', '=', assessmentId)
          .where('standard_code', '=', code)
          .executeTakeFirst();
        if (!row) continue;
        const next = Number(row.version) + 1;
        const fieldVersions = parseJson<Record<string, number>>(row.field_versions_json, {});
        const set: Partial<Record<StandardTextField, string>> = {};
        for (const c of list) {
          if ((STANDARD_TEXT_FIELDS as readonly string[]).includes(c.field)) {
            set[c.field as StandardTextField] = c.text;
            fieldVersions[c.field] = next;
          }
        }
        await db
          .updateTable('assessment_standards')
          .set({ ...set, field_versions_json: JSON.stringify(fieldVersions), version: next })
          .where('id', '=', row.id)
          .execute();
      }
      for (const [key, list] of byKey('level4')) {
        const row = await db
          .selectFrom('assessment_level4')
          .select(['id', 'field_versions_json', 'version'])
          .where('assessment_id', '=', assessmentId)
          .where('item_key', '=', key)
          .executeTakeFirst();
        const change = list.find((c) => c.field === 'description');
        if (!row || !change) continue;
        const next = Number(row.version) + 1;
        const fieldVersions = parseJson<Record<string, number>>(row.field_versions_json, {});
        fieldVersions.description = next;
        await db
          .updateTable('assessment_level4')
          .set({
            description: change.text,
            field_versions_json: JSON.stringify(fieldVersions),
            version: next,
          })
          .where('id', '=', row.id)
          .execute();
      }
      const report = changes.filter((c) => c.kind === 'report');
      if (report.length > 0) {
        const row = await db
          .selectFrom('assessments')
          .select(['report_json', 'field_versions_json', 'version'])
          .where('id', '=', assessmentId)
          .executeTakeFirst();
        if (row) {
          const json = parseJson<unknown>(row.report_json, {});
          for (const c of report) setPath(json, c.field.split('.'), c.text);
          const next = Number(row.version) + 1;
          const fieldVersions = parseJson<Record<string, number>>(row.field_versions_json, {});
          // Report texts are versioned by part, as the assessment saves them ("report.context").
          for (const c of report) fieldVersions[`report.${c.field.split('.')[0]}`] = next;
          await db
            .updateTable('assessments')
            .set({
              report_json: JSON.stringify(json),
              field_versions_json: JSON.stringify(fieldVersions),
              version: next,
              updated_at: now,
            })
            .where('id', '=', assessmentId)
            .execute();
        }
      }
      await touchAssessment(assessmentId);
    },

    /** How many file rows (of any assessment) keep these bytes. */
    async countFilesWithSha(sha256: string): Promise<number> {
      const row = await db
        .selectFrom('assessment_evidence_files')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('sha256', '=', sha256)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}

/** Sets a string at a dotted path inside parsed JSON (array indexes as numbers). */
function setPath(root: unknown, path: string[], value: string): void {
  let node = root as Record<string, unknown> | unknown[];
  for (const [i, part] of path.entries()) {
    if (node === null || typeof node !== 'object') return;
    const container = node as Record<string, unknown>;
    if (i === path.length - 1) {
      if (typeof container[part] === 'string') container[part] = value;
      return;
    }
    node = container[part] as Record<string, unknown> | unknown[];
  }
}

export type EvidenceRepository = ReturnType<typeof createEvidenceRepository>;
