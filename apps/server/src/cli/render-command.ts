import { readFileSync, writeFileSync } from 'node:fs';
import { findFrameworkVersion, loadFrameworkCatalogue } from '@caitien/core';
import {
  buildPlanDocument,
  convertDocxToPdf,
  isPlanLayout,
  PdfConversionError,
  renderDocx,
  renderXlsx,
} from '@caitien/documents';
import { planInterchangeSchema } from '@caitien/shared';
import { parseCommandLine, RefusedError, UsageError } from './cli-errors.ts';

/**
 * `render <plan.json> --format docx|xlsx|pdf [--layout A|B|bieu2] --out <file> [--json]`: the
 * official document of a plan in the interchange format, offline (issue 6 "Structure"). No
 * database is touched. The layout defaults to the plan's own (CONTRACTS.md "CLI").
 */

export const RENDER_USAGE = `  render <plan.json> --format docx|xlsx|pdf [--layout A|B|bieu2] --out <tệp> [--json]
                  Xuất văn bản kế hoạch từ tệp JSON trao đổi (định dạng của "Xuất JSON"
                  và của lệnh import). Mặc định theo mẫu trình bày đã lưu trong kế hoạch.
                  PDF cần LibreOffice (gói libreoffice-writer-nogui).`;

const FORMATS = ['docx', 'xlsx', 'pdf'] as const;
type Format = (typeof FORMATS)[number];

/** Reads and validates the interchange JSON; every problem is a refusal (exit 1). */
function readPlan(path: string) {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new RefusedError(`Không đọc được tệp “${path}”.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RefusedError(
      `Tệp “${path}” không phải JSON hợp lệ (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  const parsed = planInterchangeSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(gốc)'}: ${issue.message}`);
    throw new RefusedError(
      `Tệp “${path}” không đúng định dạng kế hoạch (formatVersion 1):\n  ${issues.join('\n  ')}`,
    );
  }
  return parsed.data;
}

export async function renderCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      layout: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const [input, ...extra] = positionals;
  if (!input || extra.length > 0) throw new UsageError('Cần đúng một tệp kế hoạch JSON.');
  const format = values.format;
  if (!format || !(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError('Cần --format docx, xlsx hoặc pdf.');
  }
  if (!values.out) throw new UsageError('Cần --out <tệp> để ghi kết quả.');
  if (values.layout !== undefined && !isPlanLayout(values.layout)) {
    throw new UsageError(`Mẫu trình bày không hợp lệ: “${values.layout}” (chọn A, B hoặc bieu2).`);
  }

  const plan = readPlan(input);
  const framework = plan.plan.frameworkId
    ? findFrameworkVersion(loadFrameworkCatalogue(), plan.plan.frameworkId)
    : null;
  const model = buildPlanDocument(plan, {
    layout: values.layout !== undefined && isPlanLayout(values.layout) ? values.layout : undefined,
    framework,
  });
  for (const warning of model.warnings) process.stderr.write(`⚠ ${warning.message}\n`);

  let bytes: Buffer;
  const started = performance.now();
  switch (format as Format) {
    case 'docx':
      bytes = await renderDocx(model);
      break;
    case 'xlsx':
      bytes = await renderXlsx(model);
      break;
    case 'pdf':
      try {
        bytes = await convertDocxToPdf(await renderDocx(model));
      } catch (error) {
        if (error instanceof PdfConversionError) throw new RefusedError(error.message);
        throw error;
      }
      break;
  }
  try {
    writeFileSync(values.out, bytes);
  } catch {
    throw new RefusedError(`Không ghi được tệp “${values.out}”.`);
  }
  const ms = Math.round(performance.now() - started);
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({
        out: values.out,
        format,
        layout: model.layout,
        rows: model.rowCount,
        bytes: bytes.length,
        ms,
        warnings: model.warnings,
      })}\n`,
    );
  } else {
    process.stderr.write(
      `Đã ghi ${values.out} (${format.toUpperCase()}, mẫu ${model.layout}, ${model.rowCount} dòng kế hoạch, ${ms} ms).\n`,
    );
  }
  return 0;
}
