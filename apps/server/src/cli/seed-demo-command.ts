import { createRepositories } from '@caitien/db';
import { flushRollupTallies } from '../modules/rollup/rollup-tallies.ts';
import { loadConfig } from '../config.ts';
import { prepareDatabase } from '../bootstrap.ts';
import { DEMO_EXTENSIONS } from '../demo/demo-extensions.ts';
import {
  DEMO_ACCOUNTS,
  DEMO_MINISTRY_ACCOUNT,
  DEMO_PASSWORD,
  DemoRefusal,
  defaultCommunes,
  seedDemo,
} from '../demo/seed-demo.ts';
import { createPasswordHasher } from '../modules/auth/password-hasher.ts';
import { parseCommandLine, RefusedError, UsageError } from './cli-errors.ts';

/**
 * `seed-demo [--provinces P] --schools N [--communes M] [--years K] [--json] [--force]`: builds the
 * demo province, or with --provinces the demo country (Bộ → P provinces → communes → schools; issue
 * 15), in the configured database (demo/seed-demo.ts), migrated first. Exit 0 success (also when the same
 * demo province is already there: nothing written), 1 refused (data that is not demo data without
 * --force, a demo province of another size), 2 wrong usage (CONTRACTS.md "CLI").
 */
export const SEED_DEMO_USAGE = `  seed-demo [--provinces <P>] --schools <N> [--communes <M>] [--years <K>] [--json] [--force]
                  Tạo tỉnh mẫu: Sở GD&ĐT → M xã/phường (mặc định N/20) → N trường đủ các cấp,
                  K năm học (mặc định 3) đến năm học hiện tại, kế hoạch, tự đánh giá, tiến độ và
                  tài khoản demo.* (mật khẩu chung ghi trong README). Với --provinces: Bộ GD&ĐT →
                  P tỉnh (tỉnh đầu là tỉnh mẫu) chia đều N trường và M xã/phường; tài khoản demo.bo
                  ở Bộ; thư viện giải pháp, gửi kế hoạch và góp ý chỉ tạo cho tỉnh đầu. Từ chối cơ
                  sở dữ liệu đang có dữ liệu thật, trừ khi có --force; chạy lại cùng kích thước thì
                  không ghi gì.`;

/** 45,000 schools is the national size of issue 15. */
const MAX_SCHOOLS = 50_000;
const MAX_PROVINCES = 100;
const MAX_COMMUNES = 5_000;
const MAX_YEARS = 10;

function positiveInteger(name: string, value: string, max: number): number {
  if (!/^\d+$/u.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new UsageError(`--${name} cần một số nguyên từ 1 đến ${max} (đã nhận “${value}”).`);
  }
  return Number(value);
}

export async function seedDemoCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args,
    allowPositionals: true,
    options: {
      provinces: { type: 'string' },
      schools: { type: 'string' },
      communes: { type: 'string' },
      years: { type: 'string' },
      json: { type: 'boolean' },
      force: { type: 'boolean' },
    },
  });
  if (positionals.length > 0)
    throw new UsageError(`Đối số không cần thiết: “${positionals.join(' ')}”.`);
  if (values.schools === undefined) throw new UsageError('Cần --schools <số trường>.');
  const schools = positiveInteger('schools', values.schools, MAX_SCHOOLS);
  const provinces =
    values.provinces === undefined
      ? undefined
      : positiveInteger('provinces', values.provinces, MAX_PROVINCES);
  const communes =
    values.communes === undefined
      ? Math.max(provinces ?? 1, defaultCommunes(schools))
      : positiveInteger('communes', values.communes, MAX_COMMUNES);
  if (provinces !== undefined && communes < provinces)
    throw new UsageError(`--communes cần ít nhất một xã/phường cho mỗi tỉnh (${provinces}).`);
  const years = values.years === undefined ? 3 : positiveInteger('years', values.years, MAX_YEARS);

  const config = loadConfig();
  const { database } = await prepareDatabase(
    { databaseUrl: config.databaseUrl, dataDir: config.dataDir },
    config.clock,
  );
  try {
    const hasher = createPasswordHasher();
    const started = performance.now();
    let result;
    try {
      result = await seedDemo(
        database.db,
        { schools, communes, years, provinces, force: values.force ?? false },
        {
          now: config.clock.now(),
          passwordHash: () => hasher.hash(DEMO_PASSWORD),
          extensions: DEMO_EXTENSIONS,
          log: (line) => process.stderr.write(`${line}\n`),
        },
      );
    } catch (error) {
      if (error instanceof DemoRefusal) throw new RefusedError(error.message);
      throw error;
    }
    // The roll-up's tallies (migration 0018) of everything written: the triggers marked it, and
    // folding it here spares the first roll-up read (≈180,000 pairs at national size).
    const folding = performance.now();
    const folded = await flushRollupTallies(createRepositories(database.db));
    const foldSeconds = Number(((performance.now() - folding) / 1000).toFixed(1));
    if (folded > 0)
      process.stderr.write(
        `  … tổng hợp sẵn cho báo cáo tổng hợp: ${folded} cặp trường–năm học, ${foldSeconds} giây\n`,
      );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify({
          provinceId: result.provinceId,
          schoolYear: result.schoolYear,
          counts: result.counts,
          rollupTallies: { folded, seconds: foldSeconds },
        })}\n`,
      );
    }
    const c = result.counts;
    process.stderr.write(
      result.created
        ? `Đã tạo tỉnh mẫu (${database.dialect}: ${database.location}) trong ${seconds} giây: ` +
            `${c.provinces ? `${c.provinces} tỉnh, ` : ''}${c.schools} trường, ${c.communes} xã/phường, ${c.plans} kế hoạch (${c.planRows} dòng), ` +
            `${c.assessments} báo cáo tự đánh giá, năm học hiện tại ${result.schoolYear}.\n` +
            `Tài khoản: ${[...Object.values(DEMO_ACCOUNTS), ...(provinces === undefined ? [] : [DEMO_MINISTRY_ACCOUNT])].join(', ')} — mật khẩu “${DEMO_PASSWORD}”.\n`
        : `Cơ sở dữ liệu đã có tỉnh mẫu cùng kích thước; không ghi gì (${c.schools} trường, năm học ${result.schoolYear}).\n`,
    );
    return 0;
  } finally {
    await database.close();
  }
}
