import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * The roll-up pre-aggregated per school and year, and per unit and year (issue 15 "National
 * scale"): the national roll-up read 45,000 schools' plans, assessments and summaries in 2.8 s on
 * PostgreSQL; it now reads its few dozen children's stored sums.
 *
 * - `rollup_school_tallies`: what each school adds to the roll-up for a school year (core
 *   `schoolYearTally`; year '' holds the year-independent "one school"), with the unit path it was
 *   added along, so a school that moves is taken out of its old units.
 * - `rollup_unit_tallies`: per unit (below the top of its tree, which nobody's roll-up reads as a
 *   child) and year, the sum of its schools' tallies.
 * - `rollup_dirty`: the (school, year) pairs whose tally may have changed. Triggers on the tables
 *   the tallies are computed from mark them in the writing transaction itself, so no write path
 *   (the API, the CLI, an import, the demo seeder, a restore) can forget to; the server folds them
 *   into the tallies (`flushRollupTallies`) before every roll-up read and in a background job, one
 *   flush at a time. Writers only insert a small row: no hot row for the whole country to queue on.
 *   A mark is a new row every time (no unique key): a mark made by a transaction still open while a
 *   flush takes the pair must not be folded into an existing row the flush is about to delete.
 *
 * Every existing school and (school, year) is marked, so the first flush builds the tallies.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rollup_dirty')
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('school_year', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rollup_dirty_school_idx')
    .on('rollup_dirty')
    .column('school_id')
    .execute();
  await db.schema
    .createTable('rollup_school_tallies')
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('tally_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_school_tallies_pk', ['school_id', 'school_year'])
    .execute();
  await db.schema
    .createTable('rollup_unit_tallies')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('tally_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_unit_tallies_pk', ['unit_id', 'school_year'])
    .execute();

  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  /** (school, year) pairs of a table's row, as the trigger's NEW or OLD row names them. */
  const watched: { table: string; columns: string[]; school: string; year: string }[] = [
    {
      table: 'plans',
      columns: [
        'status',
        'school_id',
        'school_year',
        'revision_number',
        'lineage_id',
        'framework_id',
        'regime',
      ],
      school: 'school_id',
      year: 'school_year',
    },
    {
      table: 'assessments',
      columns: [
        'status',
        'school_id',
        'school_year',
        'revision_number',
        'lineage_id',
        'framework_id',
        'regime',
      ],
      school: 'school_id',
      year: 'school_year',
    },
    {
      table: 'assessment_outcomes',
      columns: ['school_id', 'school_year', 'school_level', 'regime', 'assessment_id'],
      school: 'school_id',
      year: 'school_year',
    },
    {
      table: 'plan_rollup_summaries',
      columns: ['plan_id', 'school_id', 'school_year', 'summary_json'],
      school: 'school_id',
      year: 'school_year',
    },
  ];
  // A school's place (insert, move, removal) changes its year-independent tally and the units all
  // its tallies were added to.
  const unitMark = (row: 'NEW' | 'OLD') => `
    INSERT INTO rollup_dirty (school_id, school_year) VALUES (${row}.id, '')
;
    INSERT INTO rollup_dirty (school_id, school_year)
      SELECT school_id, school_year FROM rollup_school_tallies WHERE school_id = ${row}.id;`;
  const mark = (row: 'NEW' | 'OLD', school: string, year: string) => `
    INSERT INTO rollup_dirty (school_id, school_year) VALUES (${row}.${school}, ${row}.${year});`;

  if (postgres) {
    for (const w of watched) {
      await sql
        .raw(
          `CREATE FUNCTION rollup_mark_${w.table}() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            IF TG_OP <> 'INSERT' THEN ${mark('OLD', w.school, w.year)} END IF;
            IF TG_OP <> 'DELETE' THEN ${mark('NEW', w.school, w.year)} END IF;
            RETURN NULL;
          END $$`,
        )
        .execute(db);
      await sql
        .raw(
          `CREATE TRIGGER rollup_mark_${w.table}
          AFTER INSERT OR DELETE OR UPDATE OF ${w.columns.join(', ')} ON ${w.table}
          FOR EACH ROW EXECUTE FUNCTION rollup_mark_${w.table}()`,
        )
        .execute(db);
    }
    await sql
      .raw(
        `CREATE FUNCTION rollup_mark_units() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP <> 'INSERT' AND OLD.kind = 'school' THEN ${unitMark('OLD')} END IF;
          IF TG_OP <> 'DELETE' AND NEW.kind = 'school' THEN ${unitMark('NEW')} END IF;
          RETURN NULL;
        END $$`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER rollup_mark_units
        AFTER INSERT OR DELETE OR UPDATE OF path, parent_id, kind ON units
        FOR EACH ROW EXECUTE FUNCTION rollup_mark_units()`,
      )
      .execute(db);
  } else {
    for (const w of watched) {
      const when = (row: 'NEW' | 'OLD') => mark(row, w.school, w.year);
      await sql
        .raw(
          `CREATE TRIGGER rollup_mark_${w.table}_insert AFTER INSERT ON ${w.table}
          BEGIN ${when('NEW')} END`,
        )
        .execute(db);
      await sql
        .raw(
          `CREATE TRIGGER rollup_mark_${w.table}_delete AFTER DELETE ON ${w.table}
          BEGIN ${when('OLD')} END`,
        )
        .execute(db);
      await sql
        .raw(
          `CREATE TRIGGER rollup_mark_${w.table}_update
          AFTER UPDATE OF ${w.columns.join(', ')} ON ${w.table}
          BEGIN ${when('OLD')} ${when('NEW')} END`,
        )
        .execute(db);
    }
    await sql
      .raw(
        `CREATE TRIGGER rollup_mark_units_insert AFTER INSERT ON units
        WHEN NEW.kind = 'school' BEGIN ${unitMark('NEW')} END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER rollup_mark_units_delete AFTER DELETE ON units
        WHEN OLD.kind = 'school' BEGIN ${unitMark('OLD')} END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER rollup_mark_units_update AFTER UPDATE OF path, parent_id, kind ON units
        WHEN OLD.kind = 'school' OR NEW.kind = 'school'
        BEGIN ${unitMark('OLD')} ${unitMark('NEW')} END`,
      )
      .execute(db);
  }

  // Everything there is now: the first flush builds the tallies from it.
  await sql`
    INSERT INTO rollup_dirty (school_id, school_year)
    SELECT id, '' FROM units WHERE kind = 'school'
    UNION SELECT school_id, school_year FROM plans
    UNION SELECT school_id, school_year FROM assessments
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const tables = ['plans', 'assessments', 'assessment_outcomes', 'plan_rollup_summaries', 'units'];
  for (const table of tables) {
    if (postgres) {
      await sql.raw(`DROP TRIGGER IF EXISTS rollup_mark_${table} ON ${table}`).execute(db);
      await sql.raw(`DROP FUNCTION IF EXISTS rollup_mark_${table}()`).execute(db);
    } else {
      for (const op of ['insert', 'delete', 'update'])
        await sql.raw(`DROP TRIGGER IF EXISTS rollup_mark_${table}_${op}`).execute(db);
    }
  }
  await db.schema.dropTable('rollup_unit_tallies').execute();
  await db.schema.dropTable('rollup_school_tallies').execute();
  await db.schema.dropTable('rollup_dirty').execute();
}
