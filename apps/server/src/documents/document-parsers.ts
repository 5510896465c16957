import {
  importPlanFile,
  parseStaffWorkbook,
  type PlanImportOptions,
  type PlanImportResult,
  type StaffImportResult,
} from '@caitien/documents';

/**
 * The parsers of uploaded Word/Excel files, as the services see them. In the server they run in a
 * worker thread (parse-pool.ts: a large accepted file takes seconds of CPU, which must not stall
 * every other request); tests and tools may pass {@link inlineDocumentParsers}.
 */
export interface DocumentParsers {
  /** `importPlanFile` of @caitien/documents. */
  importPlanFile(bytes: Uint8Array, options: PlanImportOptions): Promise<PlanImportResult>;
  /** `parseStaffWorkbook` of @caitien/documents. */
  parseStaffWorkbook(bytes: Uint8Array): Promise<StaffImportResult>;
  /** Ends what runs them (worker threads); the app calls it when it closes. */
  close?(): Promise<void>;
}

/** The parsers run on the calling thread (tests, CLI). */
export const inlineDocumentParsers: DocumentParsers = {
  importPlanFile: (bytes, options) => importPlanFile(bytes, options),
  parseStaffWorkbook: (bytes) => parseStaffWorkbook(bytes),
};

/** The jobs a parse worker runs, by name; each is one of the functions above. */
export type ParseJob =
  | { task: 'importPlanFile'; bytes: Uint8Array; options: PlanImportOptions }
  | { task: 'parseStaffWorkbook'; bytes: Uint8Array };

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
    case 'importPlanFile':
      return inlineDocumentParsers.importPlanFile(job.bytes, job.options);
    case 'parseStaffWorkbook':
      return inlineDocumentParsers.parseStaffWorkbook(job.bytes);
  }
}
