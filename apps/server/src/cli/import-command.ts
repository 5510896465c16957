import { openSync, closeSync, readSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseSchoolYear, PLAN_LAYOUTS, type PlanLayout } from '@caitien/core';
import {
  createOfficePool,
  IMPORT_FIELDS,
  importPlanFile,
  legacyOfficeConverter,
  PLAN_IMPORT_LIMITS,
  type OfficePool,
  type ColumnMappingOverride,
  type ImportedPlan,
  type ImportField,
} from '@caitien/documents';
import { parseCommandLine, RefusedError, UsageError } from './cli-errors.ts';

/**
 * `import <file.docx|.xlsx|.doc|.xls> [--school-year 2025-2026] [--json] [--out plan.json]
 * [--mapping JSON] [--table N] [--layout A|B|bieu2] [--no-legacy-fonts]`: reads a Word/Excel
 * plan into the plan interchange JSON plus its `importReport` (issue 7; `--no-legacy-fonts` keeps
 * text typed in TCVN3/VNI fonts as typed, issue 16), offline — no database is touched. With
 * `--json`, stdout holds exactly that one JSON document; without it, a short Vietnamese summary.
 * Messages go to stderr. Exit 0 success (a missing school year is reported in the JSON, not
 * refused), 1 the file was refused, 2 wrong usage (CONTRACTS.md "CLI").
 */

export const IMPORT_USAGE = `  import <tệp.docx|.xlsx|.doc|.xls> [--school-year 2025-2026] [--json] [--out <kế-hoạch.json>]
         [--mapping '[{"column":7,"field":"note"}]'] [--table <số>] [--layout A|B|bieu2]
         [--no-legacy-fonts]
                  Đọc kế hoạch từ tệp Word/Excel thành JSON trao đổi kèm báo cáo nhập
                  (importReport); không dùng cơ sở dữ liệu. Tệp .doc/.xls (97–2003) được
                  chuyển bằng LibreOffice; tệp HTML lưu tên .doc được đọc như trang web.
                  --json: chỉ in JSON ra stdout.
                  --no-legacy-fonts: giữ nguyên chữ gõ bằng phông cũ (TCVN3 .VnTime, VNI-Times),
                  không chuyển sang Unicode (mặc định: chuyển).`;

const IMPORT_FIELD_NAMES: ReadonlySet<string> = new Set(IMPORT_FIELDS);

function parseMapping(text: string): ColumnMappingOverride[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError('--mapping phải là JSON, ví dụ [{"column":7,"field":"note"}].');
  }
  if (!Array.isArray(json)) throw new UsageError('--mapping phải là một mảng JSON.');
  return json.map((item: unknown, i): ColumnMappingOverride => {
    if (typeof item !== 'object' || item === null) {
      throw new UsageError(`--mapping: phần tử ${i + 1} không phải đối tượng.`);
    }
    const { column, header, field } = item as Record<string, unknown>;
    if (field !== null && !(typeof field === 'string' && IMPORT_FIELD_NAMES.has(field))) {
      throw new UsageError(
        `--mapping: trường “${String(field)}” không hợp lệ (chọn một trong: ${[...IMPORT_FIELD_NAMES].join(', ')} hoặc null).`,
      );
    }
    const mapped = field as ImportField | null;
    if (typeof column === 'number' && Number.isInteger(column) && column >= 1) {
      return { column, field: mapped };
    }
    if (typeof header === 'string' && header.trim() !== '') return { header, field: mapped };
    throw new UsageError(`--mapping: phần tử ${i + 1} cần "column" (số, từ 1) hoặc "header".`);
  });
}

/** Reads at most `limit + 1` bytes: a huge file is refused without loading it. */
function readFileBounded(file: string, limit: number): Uint8Array {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new RefusedError(`“${file}” không phải là tệp.`);
    size = stat.size;
  } catch (error) {
    if (error instanceof RefusedError) throw error;
    throw new RefusedError(`Không tìm thấy hoặc không đọc được tệp “${file}”.`);
  }
  const length = Math.min(size, limit + 1);
  const bytes = new Uint8Array(length);
  const fd = openSync(file, 'r');
  try {
    let offset = 0;
    while (offset < length) {
      const read = readSync(fd, bytes, offset, length - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    return bytes.subarray(0, offset);
  } finally {
    closeSync(fd);
  }
}

function summary(plan: ImportedPlan): string {
  const report = plan.importReport;
  const part = report.table.parts[0];
  const where = part
    ? part.sheet !== undefined
      ? `trang tính “${part.sheet}”, dòng tiêu đề ${part.headerRows.join(', ')}`
      : `bảng ${part.table}${report.table.parts.length > 1 ? ` (và ${report.table.parts.length - 1} bảng tiếp theo)` : ''}`
    : '';
  const layout = plan.plan.layout === 'bieu2' ? 'Biểu 2 (TT57)' : `mẫu ${plan.plan.layout}`;
  return [
    `Đã đọc ${plan.rows.length} dòng kế hoạch (${layout}) từ ${where}.`,
    `Năm học: ${plan.plan.schoolYear ?? 'chưa rõ'}; bộ tiêu chuẩn: ${plan.plan.frameworkId ?? 'chưa chọn'}.`,
    `Trường: ${plan.header.schoolName || 'chưa rõ'}${plan.header.documentNumber ? `; số ${plan.header.documentNumber}` : ''}.`,
    `Cột: ${report.columns.map((c) => `${c.header || `(cột ${c.column})`} → ${c.field ?? 'không nhập'}`).join('; ')}.`,
    `Dòng cấu trúc: ${report.structureRows.length}; ô chưa ghép: ${report.unmappedCells.length}; dòng trùng: ${report.duplicates.length}; cảnh báo: ${report.warnings.length}.`,
  ].join('\n');
}

export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args,
    allowPositionals: true,
    options: {
      'school-year': { type: 'string' },
      json: { type: 'boolean' },
      out: { type: 'string' },
      mapping: { type: 'string' },
      table: { type: 'string' },
      layout: { type: 'string' },
      'no-legacy-fonts': { type: 'boolean' },
    },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0)
    throw new UsageError('Cần đúng một tệp kế hoạch (.docx hoặc .xlsx).');
  const schoolYear = values['school-year'];
  if (schoolYear !== undefined && !parseSchoolYear(schoolYear)) {
    throw new UsageError(
      `--school-year “${schoolYear}” không hợp lệ: cần hai năm liền nhau, dạng 2025-2026.`,
    );
  }
  let table: number | undefined;
  if (values.table !== undefined) {
    table = Number(values.table);
    if (!Number.isInteger(table) || table < 1) throw new UsageError('--table cần một số từ 1.');
  }
  let layout: PlanLayout | undefined;
  if (values.layout !== undefined) {
    if (!(PLAN_LAYOUTS as readonly string[]).includes(values.layout)) {
      throw new UsageError(`Mẫu không hợp lệ: “${values.layout}” (chọn A, B hoặc bieu2).`);
    }
    layout = values.layout as PlanLayout;
  }
  const mapping = values.mapping !== undefined ? parseMapping(values.mapping) : undefined;

  // `npm run` starts in the repository root; paths are the user's, relative to where they typed.
  const base = process.env.INIT_CWD ?? process.cwd();
  const bytes = readFileBounded(path.resolve(base, file), PLAN_IMPORT_LIMITS.maxBytes);
  const out = values.out !== undefined ? path.resolve(base, values.out) : undefined;
  // A .doc/.xls is converted by LibreOffice (started only for one, stopped right after).
  let office: OfficePool | null = null;
  const convert = legacyOfficeConverter({
    convertFile: (input, conversion) => {
      office ??= createOfficePool({ idleMs: 1_000 });
      return office.convertFile(input, conversion);
    },
  });
  let result: Awaited<ReturnType<typeof importPlanFile>>;
  try {
    result = await importPlanFile(bytes, {
      fileName: path.basename(file),
      ...(schoolYear !== undefined ? { schoolYear: schoolYear.replace(/\s*[-–]\s*/, '-') } : {}),
      ...(mapping ? { mapping } : {}),
      ...(table !== undefined ? { table } : {}),
      ...(layout ? { layout } : {}),
      ...(values['no-legacy-fonts'] ? { legacyFonts: false } : {}),
      convertLegacyOffice: convert,
    });
  } finally {
    await (office as OfficePool | null)?.close();
  }
  if (!result.ok) {
    if (result.error.code === 'INVALID_OPTIONS') throw new UsageError(result.error.message);
    throw new RefusedError(`${result.error.message} (mã lỗi ${result.error.code})`);
  }
  const plan = result.plan;
  const json = `${JSON.stringify(plan, null, 2)}\n`;
  if (out) {
    try {
      writeFileSync(out, json);
    } catch {
      throw new RefusedError(`Không ghi được tệp “${values.out}”.`);
    }
  }
  for (const warning of plan.importReport.warnings) process.stderr.write(`⚠ ${warning.message}\n`);
  if (values.json) {
    process.stdout.write(json);
    process.stderr.write(`${summary(plan).split('\n')[0] ?? ''}\n`);
  } else {
    process.stdout.write(`${summary(plan)}\n`);
    if (values.out) process.stderr.write(`Đã ghi JSON kế hoạch vào “${values.out}”.\n`);
  }
  return 0;
}
