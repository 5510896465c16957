import { createRepositories } from '@caitien/db';
import { prepareDatabase } from '../bootstrap.ts';
import { systemClock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import { randomIds } from '../ids.ts';
import { systemContext } from '../kernel/service-context.ts';
import { createAuditWriter } from '../modules/audit/audit-writer.ts';
import { createPersonalDataService } from '../modules/personal-data/personal-data.service.ts';
import { parseCommandLine, RefusedError, UsageError } from './cli-errors.ts';

/**
 * `personal-data export|erase (--user <id> | --person <id>)`: a data subject's request (NĐ 13/2023
 * Điều 14, Điều 16; issue 15) handled by the operator, through the same service as the API and
 * audited as "Dòng lệnh (personal-data)". `export` writes the JSON to stdout; `erase` needs
 * `--reason` and moves the auth epoch, so running servers drop the account's sessions at once.
 */
export const PERSONAL_DATA_USAGE = `  personal-data export (--user <mã tài khoản> | --person <mã nhân sự>)
                  Xuất toàn bộ dữ liệu cá nhân đang lưu về một người (JSON ra stdout; có ghi nhật ký).
  personal-data erase (--user <mã> | --person <mã>) --reason <lý do> [--json]
                  Xoá dữ liệu cá nhân theo yêu cầu (NĐ 13/2023 Điều 16): tài khoản bị vô hiệu và
                  ẩn danh, mục trong danh sách nhân sự được ẩn danh; văn bản đã phê duyệt giữ nguyên.`;

export async function personalDataCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args,
    allowPositionals: true,
    options: {
      user: { type: 'string' },
      person: { type: 'string' },
      reason: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const [action, ...extra] = positionals;
  if ((action !== 'export' && action !== 'erase') || extra.length > 0) {
    throw new UsageError('Cần “personal-data export” hoặc “personal-data erase”.');
  }
  if (!values.user === !values.person) {
    throw new UsageError(
      'Cần đúng một trong hai: --user <mã tài khoản> hoặc --person <mã nhân sự>.',
    );
  }
  const reason = values.reason?.trim();
  if (action === 'erase' && !reason) {
    throw new UsageError('Cần --reason: ghi lý do, căn cứ của yêu cầu xoá (không ghi họ tên).');
  }
  const config = loadConfig();
  const { database } = await prepareDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
  });
  try {
    const repositories = createRepositories(database.db);
    const service = createPersonalDataService({
      repositories,
      // No session cache in this process: moving the epoch is what tells the running servers.
      authService: { forgetSessions: () => repositories.auth.bumpAuthEpoch() },
      clock: systemClock,
      audit: createAuditWriter({ clock: systemClock, ids: randomIds }),
    });
    const ctx = systemContext('Dòng lệnh (personal-data)');
    const schoolId = values.person
      ? await repositories.personalData.schoolOfPerson(values.person)
      : undefined;
    if (values.person && !schoolId) {
      throw new RefusedError('Không tìm thấy người này trong danh sách nhân sự.');
    }
    try {
      if (action === 'export') {
        const data = values.user
          ? await service.exportAccount(ctx, values.user)
          : await service.exportPerson(ctx, schoolId ?? '', values.person ?? '');
        process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
        return 0;
      }
      const done = values.user
        ? await service.eraseAccount(ctx, values.user, reason ?? '')
        : await service.erasePerson(ctx, schoolId ?? '', values.person ?? '', reason ?? '');
      if (values.json) process.stdout.write(`${JSON.stringify(done)}\n`);
      else process.stderr.write(`Đã xoá dữ liệu cá nhân; nay hiển thị là “${done.displayName}”.\n`);
      return 0;
    } catch (error) {
      // The service's refusals (not found, last principal, already erased) are the input refused.
      if (error instanceof AppError) throw new RefusedError(error.message);
      throw error;
    }
  } finally {
    await database.close();
  }
}
