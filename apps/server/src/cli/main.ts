/**
 * `npm run cli -- <command>`: results to stdout, messages to stderr in Vietnamese.
 * Exit codes (CONTRACTS.md "CLI"): 0 success, 1 the input was refused, 2 wrong usage.
 */
import { prepareDatabase } from '../bootstrap.ts';
import { loadConfig } from '../config.ts';

const USAGE = `Cách dùng: npm run cli -- <lệnh>

Lệnh:
  migrate         Cập nhật cấu trúc cơ sở dữ liệu và nạp danh mục bộ tiêu chuẩn
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
    process.stdout.write(`${JSON.stringify({ database: database.dialect, location: database.location, seed })}\n`);
  } else {
    process.stderr.write(
      `Đã cập nhật cơ sở dữ liệu (${database.dialect}: ${database.location}). ` +
        `Bộ tiêu chuẩn: thêm ${seed.inserted.length}, giữ nguyên ${seed.unchanged.length}` +
        (seed.differing.length ? `, khác dữ liệu gốc ${seed.differing.length} (giữ bản đã lưu)` : '') +
        '.\n',
    );
  }
  return 0;
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const json = rest.includes('--json');
  switch (command) {
    case 'migrate':
      return migrate(json);
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

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`✖ ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
