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
