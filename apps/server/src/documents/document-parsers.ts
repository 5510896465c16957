import {
  buildPlanDocument,
  convertLegacyPlanFile,
  sniffPlanFile,
  type ConvertLegacyOffice,
  EvidenceListImportError,
  renderDocx,
  renderXlsx,
  type BuildPlanDocumentOptions,
  type PlanDocumentInput,
  importPlanFile,
  importPlanTable,
  parseEvidenceList,
  parseStaffWorkbook,
  type EvidenceListImport,
  type EvidenceListImportErrorCode,
  type PlanImportError,
  type PlanImportOptions,
  type StaffImportResult,
} from '@caitien/documents';
import { planImportPreviewSchema, type PlanInterchange } from '@caitien/shared';
import { z } from 'zod';

/**
 * The parsers of uploaded Word/Excel files, as the services see them. In the server they run in a
 * worker thread (parse-pool.ts: a large accepted file takes seconds of CPU, which must not stall
 * every other request); tests and tools may pass {@link inlineDocumentParsers}.
 */
export interface DocumentParsers {
  /** Reads a plan file or pasted table for the import preview (see {@link preparePlanPreview}). */
  previewPlan(input: PlanPreviewInput, options: PlanImportOptions): Promise<PreparedPlanPreview>;
  /** `parseStaffWorkbook` of @caitien/documents. */
  parseStaffWorkbook(bytes: Uint8Array): Promise<StaffImportResult>;
  /** Reads an evidence list (see {@link readEvidenceList}). */
  parseEvidenceList(bytes: Uint8Array, fileName: string): Promise<EvidenceListResult>;
  /**
   * Builds a plan's document and renders it as DOCX or XLSX (issue 15: a plan of 1,000 rows takes
   * 100–200 ms of CPU, which must not stall the other requests; the service sends large plans here).
   */
  renderPlan(input: PlanRenderInput): Promise<RenderedPlan>;
  /** Ends what runs them (worker threads); the app calls it when it closes. */
  close?(): Promise<void>;
}

/** An uploaded plan: the file, or a table pasted from Word/Excel as text (tab-separated rows). */
export type PlanPreviewInput = { kind: 'file'; bytes: Uint8Array } | { kind: 'text'; text: string };

/**
 * A plan preview, read: the header apart (the service completes it from the school profile), the
 * rest already checked against the API's schema and written as UTF-8 JSON. Checking, serialising
 * and encoding a plan of thousands of rows takes hundreds of milliseconds, so it is done where the
 * file was read.
 */
export type PreparedPlanPreview =
  | { ok: false; error: PlanImportError }
  | {
      ok: true;
      header: PlanInterchange['header'];
      schoolYear: string;
      /** JSON of the plan (`planInterchangeSchema`) without its `header`, UTF-8. */
      planJson: Uint8Array;
      /** JSON of the import report (`planImportReportSchema`), UTF-8. */
      reportJson: Uint8Array;
    };

const utf8 = new TextEncoder();
const previewPlanSchema = planImportPreviewSchema.shape.plan;
const previewReportSchema = planImportPreviewSchema.shape.report;

/** Reads a plan for the preview and serialises what the service does not change. */
export async function preparePlanPreview(
  input: PlanPreviewInput,
  options: PlanImportOptions,
): Promise<PreparedPlanPreview> {
  const result =
    input.kind === 'text'
      ? importPlanTable(input.text, options)
      : await importPlanFile(input.bytes, options);
  if (!result.ok) return result;
  const { importReport, ...plan } = result.plan;
  // What the route's response serialiser would do (encode with the schema, then stringify).
  const { header, ...rest } = z.encode(previewPlanSchema, plan);
  return {
    ok: true,
    header,
    schoolYear: plan.plan.schoolYear ?? '',
    // Bytes of their own (not a slice of Buffer's shared pool): the worker hands them over
    // without a copy, and the route sends them as they are.
    planJson: utf8.encode(JSON.stringify(rest)),
    reportJson: utf8.encode(JSON.stringify(z.encode(previewReportSchema, importReport))),
  };
}

/** What {@link DocumentParsers.renderPlan} renders: the plan as read, its options, the format. */
export interface PlanRenderInput {
  plan: PlanDocumentInput;
  options: BuildPlanDocumentOptions;
  format: 'docx' | 'xlsx';
}

/** A rendered plan document: its bytes and what the response needs from the model. */
export interface RenderedPlan {
  bytes: Uint8Array;
  fileBaseName: string;
  warnings: string[];
}

/** Builds the document model and renders it (on whichever thread calls it). */
export async function renderPlanDocument(input: PlanRenderInput): Promise<RenderedPlan> {
  const model = buildPlanDocument(input.plan, input.options);
  const rendered = input.format === 'xlsx' ? await renderXlsx(model) : await renderDocx(model);
  return {
    // Bytes of their own (not a slice of Buffer's shared pool), so a worker hands them over.
    bytes: new Uint8Array(rendered),
    fileBaseName: model.fileBaseName,
    warnings: model.warnings.map((w) => w.message),
  };
}

/** An evidence list read, or why the file cannot be read as one (Vietnamese message). */
export type EvidenceListResult =
  | ({ ok: true } & EvidenceListImport)
  | { ok: false; error: { code: EvidenceListImportErrorCode; message: string } };

/** `parseEvidenceList` of @caitien/documents, its refusal as a result (it crosses threads as data). */
export async function readEvidenceList(
  bytes: Uint8Array,
  fileName: string,
): Promise<EvidenceListResult> {
  try {
    return { ok: true, ...(await parseEvidenceList(bytes, fileName)) };
  } catch (error) {
    if (error instanceof EvidenceListImportError)
      return { ok: false, error: { code: error.code, message: error.message } };
    throw error;
  }
}

/**
 * Parsers that read Word/Excel 97–2003 plans too (issue 16): a .doc/.xls upload is converted to
 * DOCX/XLSX here, on the calling thread (the work is LibreOffice's, in its own process), and the
 * result goes to `parsers` marked `convertedFrom`, so the report says it was converted. Anything
 * else goes through untouched. A conversion that fails is answered as a refusal, never thrown.
 */
export function withLegacyOfficeConversion(
  parsers: DocumentParsers,
  convert: ConvertLegacyOffice,
  timeoutMs?: number,
): DocumentParsers {
  return {
    ...parsers,
    async previewPlan(input, options) {
      const { convertLegacyOffice: _own, ...plain } = options;
      const kind = input.kind === 'file' ? sniffPlanFile(input.bytes) : null;
      if (input.kind !== 'file' || (kind !== 'doc' && kind !== 'xls')) {
        return parsers.previewPlan(input, plain);
      }
      const converted = await convertLegacyPlanFile(input.bytes, kind, convert, timeoutMs);
      if (!converted.ok) return converted;
      return parsers.previewPlan(
        { kind: 'file', bytes: converted.bytes },
        { ...plain, convertedFrom: kind },
      );
    },
  };
}

/** The parsers run on the calling thread (tests, CLI). */
export const inlineDocumentParsers: DocumentParsers = {
  previewPlan: (input, options) => preparePlanPreview(input, options),
  parseStaffWorkbook: (bytes) => parseStaffWorkbook(bytes),
  parseEvidenceList: (bytes, fileName) => readEvidenceList(bytes, fileName),
  renderPlan: (input) => renderPlanDocument(input),
};

/** The jobs a parse worker runs, by name; each is one of the functions above. */
export type ParseJob =
  | { task: 'previewPlan'; input: PlanPreviewInput; options: PlanImportOptions }
  | { task: 'parseStaffWorkbook'; bytes: Uint8Array }
  | { task: 'parseEvidenceList'; bytes: Uint8Array; fileName: string }
  | { task: 'renderPlan'; input: PlanRenderInput };

/** An error thrown inside a worker, as it crosses to the main thread. */
export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  details?: unknown;
  stack?: string;
}

/** Worker → main thread: the answer to job `id`. */
export type ParseAnswer =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: SerializedError };

/** Runs one job with the functions above (in the worker). */
export function runParseJob(job: ParseJob): Promise<unknown> {
  switch (job.task) {
    case 'previewPlan':
      return inlineDocumentParsers.previewPlan(job.input, job.options);
    case 'parseStaffWorkbook':
      return inlineDocumentParsers.parseStaffWorkbook(job.bytes);
    case 'parseEvidenceList':
      return inlineDocumentParsers.parseEvidenceList(job.bytes, job.fileName);
    case 'renderPlan':
      return inlineDocumentParsers.renderPlan(job.input);
  }
}
