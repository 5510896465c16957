import { readFileSync, writeFileSync } from 'node:fs';
import {
  findFrameworkVersion,
  loadFrameworkCatalogue,
  type FrameworkDefinition,
} from '@caitien/core';
import {
  buildPlanDocument,
  convertDocxToPdf,
  isPlanLayout,
  PdfConversionError,
  renderAssessmentReportDocx,
  renderDocx,
  renderEvidenceListDocx,
  renderEvidenceListXlsx,
  renderXlsx,
} from '@caitien/documents';
import { assessmentInterchangeSchema, planInterchangeSchema } from '@caitien/shared';
import type { z } from 'zod';
import {
  assessmentDocumentBaseName,
  buildAssessmentDocumentInput,
  documentSchool,
  evidenceFromInterchange,
} from '../modules/assessments/assessment-document-input.ts';
import { parseCommandLine, RefusedError, UsageError } from './cli-errors.ts';
import {
  MONITORING_REPORT_USAGE,
  renderMonitoringReportFromInterchange,
} from './monitoring-report-command.ts';

/**
 * `render <plan.json> --format docx|xlsx|pdf [--layout A|B|bieu2] --out <file> [--json]`: the
 * official document of a plan in the interchange format, offline (issue 6 "Structure"). No
 * database is touched. The layout defaults to the plan's own (CONTRACTS.md "CLI").
 */

export const RENDER_USAGE = `  render <plan.json> --format docx|xlsx|pdf [--layout A|B|bieu2] --out <tệp> [--json]
                  Xuất văn bản kế hoạch từ tệp JSON trao đổi (định dạng của "Xuất JSON"
                  và của lệnh import). Mặc định theo mẫu trình bày đã lưu trong kế hoạch.
                  PDF cần LibreOffice (gói libreoffice-writer-nogui).
  render <tự-đánh-giá.json> --document assessment-report|evidence-list --format … --out <tệp> [--json]
                  Xuất báo cáo tự đánh giá (docx|pdf) hoặc danh mục minh chứng (docx|xlsx|pdf)
                  từ tệp JSON trao đổi của báo cáo tự đánh giá ("Xuất JSON").
${MONITORING_REPORT_USAGE}`;

const FORMATS = ['docx', 'xlsx', 'pdf'] as const;
type Format = (typeof FORMATS)[number];

/** Reads and validates an interchange JSON file; every problem is a refusal (exit 1). */
function readInterchange<T extends z.ZodType>(path: string, schema: T, what: string): z.output<T> {
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
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(gốc)'}: ${issue.message}`);
    throw new RefusedError(
      `Tệp “${path}” không đúng định dạng ${what} (formatVersion 1 hoặc 2):\n  ${issues.join('\n  ')}`,
    );
  }
  return parsed.data;
}

/** The documents `render --document` makes from an assessment, and the formats of each. */
const ASSESSMENT_DOCUMENTS = {
  'assessment-report': { formats: ['docx', 'pdf'], kind: 'report' },
  'evidence-list': { formats: ['docx', 'xlsx', 'pdf'], kind: 'evidence-list' },
} as const;
type AssessmentDocumentName = keyof typeof ASSESSMENT_DOCUMENTS;

const isAssessmentDocument = (name: string): name is AssessmentDocumentName =>
  Object.hasOwn(ASSESSMENT_DOCUMENTS, name);

async function toPdf(docx: Buffer, updateIndexes = false): Promise<Buffer> {
  try {
    // The report's Mục lục gets its page numbers only when LibreOffice updates it (pdf.ts).
    return await convertDocxToPdf(docx, { updateIndexes });
  } catch (error) {
    if (error instanceof PdfConversionError) throw new RefusedError(error.message);
    throw error;
  }
}

function writeOut(out: string, bytes: Buffer): void {
  try {
    writeFileSync(out, bytes);
  } catch {
    throw new RefusedError(`Không ghi được tệp “${out}”.`);
  }
}

/**
 * `render <assessment.json> --document assessment-report|evidence-list`: a self-assessment's
 * report or its Danh mục minh chứng from the assessment interchange JSON, offline, with the levels
 * computed by the core from the marks in the file (issue 12 "Interfaces").
 */
async function renderAssessmentDocument(input: {
  file: string;
  document: AssessmentDocumentName;
  format: string;
  out: string;
  json: boolean;
}): Promise<number> {
  const spec = ASSESSMENT_DOCUMENTS[input.document];
  if (!(spec.formats as readonly string[]).includes(input.format)) {
    throw new UsageError(`--document ${input.document} chỉ xuất được ${spec.formats.join(', ')}.`);
  }
  const data = readInterchange(input.file, assessmentInterchangeSchema, 'báo cáo tự đánh giá');
  const catalogue = loadFrameworkCatalogue();
  let framework: FrameworkDefinition | null = findFrameworkVersion(
    catalogue,
    data.assessment.frameworkId,
  );
  if (!framework) {
    framework = findFrameworkVersion(catalogue, data.assessment.frameworkCode);
    if (!framework) {
      throw new RefusedError(`Không có bộ tiêu chuẩn “${data.assessment.frameworkId}”.`);
    }
    process.stderr.write(
      `⚠ Không có phiên bản “${data.assessment.frameworkId}” của bộ tiêu chuẩn: dùng bản mới nhất của ${data.assessment.frameworkCode}.\n`,
    );
  }
  const known = new Set(framework.standards.flatMap((s) => s.criteria.map((c) => c.code)));
  const unknown = data.criteria.map((c) => c.criterionCode).filter((code) => !known.has(code));
  if (unknown.length > 0) {
    process.stderr.write(
      `⚠ Tiêu chí không có trong bộ tiêu chuẩn ${framework.code}: ${unknown.join(', ')} (giữ nguyên, không tính mức).\n`,
    );
  }
  const started = performance.now();
  const model = buildAssessmentDocumentInput({
    content: { ...data.assessment, ...data },
    framework,
    school: documentSchool({ name: data.school.name, framework }),
    evidence: data.evidence.map(evidenceFromInterchange),
    reportDate: '',
  });
  let bytes: Buffer;
  if (input.document === 'evidence-list') {
    bytes =
      input.format === 'xlsx'
        ? await renderEvidenceListXlsx(model)
        : await renderEvidenceListDocx(model);
  } else bytes = await renderAssessmentReportDocx(model);
  if (input.format === 'pdf') bytes = await toPdf(bytes, input.document === 'assessment-report');
  writeOut(input.out, bytes);
  const ms = Math.round(performance.now() - started);
  if (input.json) {
    process.stdout.write(
      `${JSON.stringify({
        out: input.out,
        document: input.document,
        format: input.format,
        framework: framework.code,
        schoolLevel: model.results.schoolLevel,
        criteria: model.criteria.length,
        evidence: model.evidence.length,
        bytes: bytes.length,
        ms,
        suggestedName: `${assessmentDocumentBaseName(spec.kind, model)}.${input.format}`,
      })}\n`,
    );
  } else {
    process.stderr.write(
      `Đã ghi ${input.out} (${input.format.toUpperCase()}, ${framework.code}, ${model.evidence.length} minh chứng, ${ms} ms).\n`,
    );
  }
  return 0;
}

/** `render <plan.json> --document monitoring-report` (monitoring-report-command.ts). */
async function renderMonitoringReport(input: {
  file: string;
  format: string;
  at: string | undefined;
  signer: string | undefined;
  out: string;
  json: boolean;
}): Promise<number> {
  const started = performance.now();
  const plan = readInterchange(input.file, planInterchangeSchema, 'kế hoạch');
  const report = await renderMonitoringReportFromInterchange(plan, input.at, input.signer);
  const bytes = input.format === 'pdf' ? await toPdf(report.docx) : report.docx;
  writeOut(input.out, bytes);
  const ms = Math.round(performance.now() - started);
  if (input.json) {
    process.stdout.write(
      `${JSON.stringify({
        out: input.out,
        document: 'monitoring-report',
        format: input.format,
        at: input.at,
        round: report.round,
        rows: report.rows,
        bytes: bytes.length,
        ms,
        suggestedName: `${report.fileBaseName}.${input.format}`,
      })}\n`,
    );
  } else {
    process.stderr.write(
      `Đã ghi ${input.out} (${input.format.toUpperCase()}, ${report.round ?? 'tổng hợp tiến độ'}, ${report.rows} nội dung, ${ms} ms).\n`,
    );
  }
  return 0;
}

export async function renderCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      layout: { type: 'string' },
      document: { type: 'string' },
      at: { type: 'string' },
      signer: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const [input, ...extra] = positionals;
  const document = values.document ?? 'plan';
  if (document !== 'plan' && document !== 'monitoring-report' && !isAssessmentDocument(document)) {
    throw new UsageError(
      `Văn bản không hợp lệ: “${document}” (chọn plan, monitoring-report, assessment-report hoặc evidence-list).`,
    );
  }
  if (!input || extra.length > 0) {
    throw new UsageError(
      document === 'plan' || document === 'monitoring-report'
        ? 'Cần đúng một tệp kế hoạch JSON.'
        : 'Cần đúng một tệp JSON của báo cáo tự đánh giá.',
    );
  }
  const format = values.format;
  if (!format || !(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError('Cần --format docx, xlsx hoặc pdf.');
  }
  if (!values.out) throw new UsageError('Cần --out <tệp> để ghi kết quả.');
  if (
    (values.at !== undefined || values.signer !== undefined) &&
    document !== 'monitoring-report'
  ) {
    throw new UsageError('--at và --signer chỉ dùng với --document monitoring-report.');
  }
  if (document === 'monitoring-report') {
    if (values.layout !== undefined) {
      throw new UsageError('--layout chỉ dùng cho kế hoạch, không dùng với --document.');
    }
    if (format === 'xlsx')
      throw new UsageError('--document monitoring-report chỉ xuất được docx, pdf.');
    return renderMonitoringReport({
      file: input,
      format,
      at: values.at,
      signer: values.signer,
      out: values.out,
      json: values.json === true,
    });
  }
  if (document !== 'plan') {
    if (values.layout !== undefined) {
      throw new UsageError('--layout chỉ dùng cho kế hoạch, không dùng với --document.');
    }
    return renderAssessmentDocument({
      file: input,
      document,
      format,
      out: values.out,
      json: values.json === true,
    });
  }
  if (values.layout !== undefined && !isPlanLayout(values.layout)) {
    throw new UsageError(`Mẫu trình bày không hợp lệ: “${values.layout}” (chọn A, B hoặc bieu2).`);
  }

  const plan = readInterchange(input, planInterchangeSchema, 'kế hoạch');
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
