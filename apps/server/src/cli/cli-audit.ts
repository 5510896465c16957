import { createRepositories, openDatabase } from '@caitien/db';
import type { Clock } from '../clock.ts';
import { randomIds } from '../ids.ts';
import { createAuditWriter, type AuditChange } from '../modules/audit/audit-writer.ts';

/**
 * Records what a command did in the audit log, as "Dòng lệnh (<command>)" (issue 15, NĐ 13/2023:
 * copies of personal data leave an audit trail, including whole-database backups and unit
 * exports made on the command line). Opens its own connection, writes one entry, closes.
 */
export async function recordCommandAudit(
  config: { databaseUrl: string | undefined; dataDir: string; clock: Clock },
  command: string,
  change: AuditChange,
): Promise<void> {
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const repositories = createRepositories(database.db);
    const audit = createAuditWriter({ clock: config.clock, ids: randomIds });
    await repositories.transaction((tx) =>
      audit(
        tx,
        { actorUserId: null, actorName: `Dòng lệnh (${command})`, requestId: null },
        change,
      ),
    );
  } finally {
    await database.close();
  }
}
