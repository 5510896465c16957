/**
 * `npm run cli -- <command>`: results to stdout, messages to stderr in Vietnamese.
 * Exit codes (CONTRACTS.md "CLI"): 0 success, 1 the input was refused, 2 wrong usage.
 */
import { readFileSync } from 'node:fs';
import { createRepositories } from '@caitien/db';
import { usernameSchema } from '@caitien/shared';
import { prepareDatabase } from '../bootstrap.ts';
import { systemClock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { randomIds } from '../ids.ts';
import { createAuditWriter } from '../modules/audit/audit-writer.ts';
import { createPasswordHasher } from '../modules/auth/password-hasher.ts';
import { createAdminAccountService } from '../modules/users/admin-account.service.ts';
import { AppError } from '../errors.ts';
import { systemContext } from '../kernel/service-context.ts';

import { parseCommandLine, RefusedError, UsageError } from './cli-errors.ts';
import { renderCommand, RENDER_USAGE } from './render-command.ts';
import { importCommand, IMPORT_USAGE } from './import-command.ts';
import { schoolLevelCommand, SCHOOL_LEVEL_USAGE } from './school-level-command.ts';
import { monitorCommand, MONITOR_USAGE } from './monitor-command.ts';
import { seedDemoCommand, SEED_DEMO_USAGE } from './seed-demo-command.ts';
import { backupCommand, restoreCommand, BACKUP_USAGE } from './backup-command.ts';
import { personalDataCommand, PERSONAL_DATA_USAGE } from './personal-data-command.ts';
import {
  exportUnitCommand,
  importUnitCommand,
  UNIT_TRANSFER_USAGE,
} from './unit-transfer-command.ts';

const USAGE = `Cách dùng: npm run cli -- <lệnh>

Lệnh:
  migrate [--json]
                  Cập nhật cấu trúc cơ sở dữ liệu và nạp danh mục bộ tiêu chuẩn
  create-admin --username <tên> --name <họ tên> [--email <e-mail>] [--password-file <tệp>] [--json]
                  Tạo tài khoản quản trị hệ thống. Mật khẩu lấy từ biến môi trường
                  CAITIEN_ADMIN_PASSWORD hoặc dòng đầu của --password-file (không hỏi trên stdin).
${RENDER_USAGE}
${IMPORT_USAGE}
${SCHOOL_LEVEL_USAGE}
${MONITOR_USAGE}
${SEED_DEMO_USAGE}
${BACKUP_USAGE}
${UNIT_TRANSFER_USAGE}
${PERSONAL_DATA_USAGE}
  help            Hiển thị hướng dẫn này

Cơ sở dữ liệu: SQLite trong DATA_DIR (mặc định ./data), hoặc PostgreSQL khi đặt DATABASE_URL.`;

async function migrate(json: boolean): Promise<number> {
  const config = loadConfig();
  const { database, seed } = await prepareDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
  });
  await database.close();
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ database: database.dialect, location: database.location, seed })}\n`,
    );
  } else {
    process.stderr.write(
      `Đã cập nhật cơ sở dữ liệu (${database.dialect}: ${database.location}). ` +
        `Bộ tiêu chuẩn: thêm ${seed.inserted.length}, giữ nguyên ${seed.unchanged.length}` +
        (seed.differing.length
          ? `, khác dữ liệu gốc ${seed.differing.length} (giữ bản đã lưu)`
          : '') +
        '.\n',
    );
  }
  return 0;
}

async function createAdmin(args: string[]): Promise<number> {
  const { values } = parseCommandLine({
    args,
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      'password-file': { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (!values.username || !values.name) throw new UsageError('Cần --username và --name.');
  const username = usernameSchema.safeParse(values.username);
  if (!username.success) {
    throw new RefusedError(
      `Tên đăng nhập không hợp lệ: ${username.error.issues[0]?.message ?? ''}`,
    );
  }
  let password = process.env.CAITIEN_ADMIN_PASSWORD;
  if (values['password-file']) {
    try {
      password = readFileSync(values['password-file'], 'utf8').split(/\r?\n/)[0];
    } catch {
      throw new RefusedError(`Không đọc được tệp mật khẩu “${values['password-file']}”.`);
    }
  }
  if (!password) {
    throw new RefusedError(
      'Chưa có mật khẩu: đặt CAITIEN_ADMIN_PASSWORD hoặc dùng --password-file.',
    );
  }
  const config = loadConfig();
  const { database } = await prepareDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
  });
  try {
    const admins = createAdminAccountService({
      repositories: createRepositories(database.db),
      hasher: createPasswordHasher(),
      clock: systemClock,
      ids: randomIds,
      audit: createAuditWriter({ clock: systemClock, ids: randomIds }),
    });
    let id: string;
    try {
      ({ id } = await admins.createAdministrator(systemContext('Dòng lệnh (create-admin)'), {
        username: username.data,
        email: values.email ?? null,
        displayName: values.name,
        password,
      }));
    } catch (error) {
      // The service's refusals (weak password, name taken) are the input refused: exit 1.
      if (error instanceof AppError) throw new RefusedError(error.message);
      throw error;
    }
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ id, username: username.data.toLowerCase() })}\n`);
    } else {
      process.stderr.write(`Đã tạo quản trị viên “${username.data.toLowerCase()}”.\n`);
    }
    return 0;
  } finally {
    await database.close();
  }
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const json = rest.includes('--json');
  switch (command) {
    case 'migrate':
      return migrate(json);
    case 'create-admin':
      return createAdmin(rest);
    case 'render':
      return renderCommand(rest);
    case 'import':
      return importCommand(rest);
    case 'school-level':
      return schoolLevelCommand(rest);
    case 'monitor':
      return monitorCommand(rest);
    case 'backup':
      return backupCommand(rest);
    case 'restore':
      return restoreCommand(rest);
    case 'export-unit':
      return exportUnitCommand(rest);
    case 'import-unit':
      return importUnitCommand(rest);
    case 'personal-data':
      return personalDataCommand(rest);
    case 'seed-demo':
      return seedDemoCommand(rest);
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case undefined:
      process.stderr.write(`${USAGE}\n`);
      return 2;
    default:
      process.stderr.write(`Lệnh không xác định: “${command}”.\n\n${USAGE}\n`);
      return 2;
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof UsageError) {
      process.stderr.write(`✖ ${message}\n\n${USAGE}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`✖ ${message}\n`);
      process.exitCode = 1;
    }
  },
);
