export {
  parseStaffWorkbook,
  classifyPosition,
  positionKindLabel,
  POSITION_KINDS,
  STAFF_IMPORT_DEFAULTS,
} from './staff-import/staff-import.ts';
export type {
  PositionKind,
  StaffField,
  StaffImportErrorCode,
  StaffImportIssue,
  StaffImportOptions,
  StaffImportResult,
  StaffImportRow,
} from './staff-import/staff-import.ts';
export { buildStaffTemplate } from './staff-import/staff-template.ts';
export { checkXlsxContainer, DEFAULT_XLSX_LIMITS } from './xlsx/xlsx-container.ts';
export type { XlsxContainerError, XlsxContainerLimits } from './xlsx/xlsx-container.ts';
export {
  buildPlanDocument,
  formatDateLine,
  formatNumberLine,
  isPlanLayout,
  layoutColumns,
  planFileBaseName,
  signerLines,
  EMPTY_TABLE_NOTE,
} from './render/plan-document.ts';
export type {
  BuildPlanDocumentOptions,
  DocumentFramework,
  DocWarning,
  PlanDocumentInput,
  PlanDocumentModel,
} from './render/plan-document.ts';
export { renderDocx } from './render/render-docx.ts';
export { renderXlsx, XLSX_FIELD_HEADERS, XLSX_PARSED_HEADERS } from './render/render-xlsx.ts';
export { renderHtml, PRINT_SCRIPT } from './render/render-html.ts';
export {
  convertDocxToPdf,
  findSoffice,
  PdfConversionError,
  PDF_CONVERTER_MISSING_MESSAGE,
} from './render/pdf.ts';
export type { PdfErrorCode } from './render/pdf.ts';
export {
  convertOfficeFileOneShot,
  createOfficePool,
  findPythonUno,
  OFFICE_MESSAGES,
  OfficeConversionError,
} from './render/office-pool.ts';
export type {
  ConvertOptions,
  OfficeConversionReason,
  OfficeFileConversion,
  OfficePool,
  OfficePoolOptions,
  OfficePoolStats,
  PdfConverter,
} from './render/office-pool.ts';
export {
  convertLegacyPlanFile,
  LEGACY_CONVERSION_MAX_OUTPUT_BYTES,
  LEGACY_CONVERSION_TIMEOUT_MS,
  legacyOfficeConverter,
} from './plan-import/legacy-office.ts';
export type { ConvertLegacyOffice, LegacyOfficeKind } from './plan-import/legacy-office.ts';
export { sniffPlanFile } from './plan-import/plan-file.ts';
export { importPlanFile, importPlanTable } from './plan-import/plan-import.ts';
export { IMPORT_FIELDS, PLAN_IMPORT_LIMITS } from './plan-import/plan-import.types.ts';
export type {
  ColumnMappingOverride,
  DuplicateRows,
  ImportColumn,
  ImportedPlan,
  ImportedRowReport,
  ImportField,
  ImportWarning,
  PlanImportError,
  PlanImportErrorCode,
  PlanImportOptions,
  PlanImportReport,
  PlanImportResult,
  SourcePosition,
  StructureRow,
  UnmappedCell,
} from './plan-import/plan-import.types.ts';
export {
  parseEvidenceList,
  readCriterionCode,
  EvidenceListImportError,
} from './evidence-import/evidence-import.ts';
export type {
  EvidenceListEntry,
  EvidenceListImport,
  EvidenceListImportErrorCode,
} from './evidence-import/evidence-import.ts';
export type {
  AssessmentDocumentCriterion,
  AssessmentDocumentInput,
  AssessmentDocumentResults,
  AssessmentDocumentSchool,
} from './assessment/assessment-document.types.ts';
export { renderAssessmentReportDocx } from './assessment/assessment-report.ts';
export {
  renderEvidenceListDocx,
  renderEvidenceListXlsx,
  evidenceListRows,
  EVIDENCE_COLUMNS_2018,
  EVIDENCE_COLUMNS_TT57,
} from './assessment/evidence-list.ts';
export { renderCouncilDecisionDocx, renderWorkPlanDocx } from './assessment/council-documents.ts';
export { renderAssessmentSummaryXlsx } from './assessment/summary-xlsx.ts';
export {
  formatDong,
  monitoringReportFileBaseName,
  monitoringReportTitle,
  renderMonitoringReportDocx,
  summariseMonitoringRows,
} from './monitoring/monitoring-report.ts';
export type {
  MonitoringReportInput,
  MonitoringReportRow,
  MonitoringReportSummary,
} from './monitoring/monitoring-report.ts';
export { publicationQrPng, publicationQrSvg, PUBLICATION_LINES } from './render/publication.ts';
export type { DocumentPublication } from './render/publication.ts';
export { renderRollupXlsx } from './rollup/rollup-xlsx.ts';
