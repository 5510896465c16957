import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { frameworkVersionId, schoolLevel, validateSchoolLevelInput } from '@caitien/core';
import { parseCommandLine, RefusedError, UsageError } from './cli-errors.ts';

/**
 * `school-level <results.json> [--json]`: the school's level from its criteria's levels, offline
 * (no database). Input: `{ "framework": "TT17" | … | "TT19@2", "criteria": { "1.1": 3, … },
 * "level4Met": [true, …] }` (issue 12 "Interfaces"). With `--json`, stdout holds one JSON document
 * `{ schoolLevel, reason, blockers, nextLevel, framework }`; without it, Vietnamese lines. Exit 0
 * success, 1 the input was refused (Vietnamese reasons on stderr), 2 wrong usage (CONTRACTS.md "CLI").
 */

export const SCHOOL_LEVEL_USAGE = `  school-level <kết-quả.json> [--json]
                  Tính mức đạt của trường từ mức của từng tiêu chí, không dùng cơ sở dữ liệu.
                  Tệp: { "framework": "TT17", "criteria": { "1.1": 3, … }, "level4Met": [true, …] }
                  (0 = không đạt Mức 1; level4Met chỉ dùng cho quy định 2018).`;

/** Results files are small; anything larger is not one. */
const MAX_INPUT_BYTES = 1024 * 1024;

function readInput(file: string): unknown {
  let text: string;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new RefusedError(`“${file}” không phải là tệp.`);
    if (stat.size > MAX_INPUT_BYTES) {
      throw new RefusedError(`Tệp “${file}” quá lớn (tối đa 1 MB).`);
    }
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof RefusedError) throw error;
    throw new RefusedError(`Không tìm thấy hoặc không đọc được tệp “${file}”.`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/u, '')) as unknown;
  } catch {
    throw new RefusedError(`Tệp “${file}” không phải JSON hợp lệ.`);
  }
}

export function schoolLevelCommand(args: string[]): number {
  const { values, positionals } = parseCommandLine({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' } },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('Cần đúng một tệp kết quả (.json).');
  // `npm run` starts in the repository root; paths are the user's, relative to where they typed.
  const base = process.env.INIT_CWD ?? process.cwd();
  const checked = validateSchoolLevelInput(readInput(path.resolve(base, file)));
  if (!checked.ok) {
    throw new RefusedError(
      `Không tính được mức đạt của trường:\n${checked.errors.map((e) => `  - ${e}`).join('\n')}`,
    );
  }
  const { framework, criteria, level4Met, level4Given } = checked.value;
  if (framework.regime === '2018' && !level4Given) {
    process.stderr.write('⚠ Không có "level4Met": các yêu cầu Mức 4 được tính là chưa đánh giá.\n');
  }
  const result = schoolLevel(framework, criteria, level4Met);
  const id = frameworkVersionId(framework.code, framework.version);
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({
        schoolLevel: result.schoolLevel,
        reason: result.reason,
        blockers: result.blockers,
        nextLevel: result.nextLevel,
        framework: id,
      })}\n`,
    );
    return 0;
  }
  const level = result.schoolLevel === 0 ? 'chưa đạt Mức 1' : `đạt Mức ${result.schoolLevel}`;
  const lines = [`Trường ${level} (${id}). ${result.reason}`];
  for (const blocker of result.blockers) lines.push(`  - ${blocker.message}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
