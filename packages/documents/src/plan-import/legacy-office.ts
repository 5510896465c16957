import { OfficeConversionError, type OfficePool } from '../render/office-pool.ts';
import { PLAN_IMPORT_LIMITS, type PlanImportError } from './plan-import.types.ts';

/**
 * Word 97–2003 (.doc) and Excel 97–2003 (.xls) plans (issue 16): LibreOffice turns them into
 * .docx/.xlsx, which the importer then reads like any other. The importer itself never starts
 * LibreOffice: it is handed a converter ({@link ConvertLegacyOffice}, options.convertLegacyOffice),
 * so packages/documents works without it; the server and the CLI pass the warm pool's
 * (office-pool.ts `convertFile`: its own folder and profile per conversion, a time limit that
 * kills the process group, a size limit on the result, links and macros never run).
 */

export type LegacyOfficeKind = 'doc' | 'xls';

/** Turns .doc bytes into .docx bytes and .xls into .xlsx; throws when it cannot. */
export type ConvertLegacyOffice = (
  bytes: Uint8Array,
  kind: LegacyOfficeKind,
) => Promise<Uint8Array>;

/** Default time limit of one conversion: a 60-row plan takes well under a second warm. */
export const LEGACY_CONVERSION_TIMEOUT_MS = 60_000;

/** The largest converted file accepted (the upload limit, twice: a .doc can grow as .docx). */
export const LEGACY_CONVERSION_MAX_OUTPUT_BYTES = 2 * PLAN_IMPORT_LIMITS.maxBytes;

const NAMES = {
  doc: {
    format: 'Word 97–2003 (.doc)',
    target: '.docx',
    app: 'Word',
    saveAs: '“Tài liệu Word (*.docx)”',
  },
  xls: {
    format: 'Excel 97–2003 (.xls)',
    target: '.xlsx',
    app: 'Excel',
    saveAs: '“Sổ làm việc Excel (*.xlsx)”',
  },
} as const;

/** What the report says of a converted file. */
export function convertedNote(kind: LegacyOfficeKind): string {
  return `Đã chuyển từ ${NAMES[kind].format} sang ${NAMES[kind].target} bằng LibreOffice.`;
}

function saveAs(kind: LegacyOfficeKind): string {
  const name = NAMES[kind];
  return `mở tệp trong ${name.app}, chọn Lưu thành (Save As) → ${name.saveAs}, rồi tải lên tệp ${name.target}`;
}

/** The refusal when no converter is available (no LibreOffice here). */
export function noConverterError(kind: LegacyOfficeKind): PlanImportError {
  const format = kind === 'doc' ? 'Word cũ (.doc, Word 97–2003)' : 'Excel cũ (.xls, Excel 97–2003)';
  return {
    code: 'UNSUPPORTED_FORMAT',
    message:
      `Tệp là định dạng ${format}. Máy chủ chưa cài LibreOffice nên chưa tự chuyển được sang ` +
      `${NAMES[kind].target}: người quản trị hãy cài LibreOffice (Debian/Ubuntu: apt-get install ` +
      `libreoffice-writer-nogui libreoffice-calc-nogui), hoặc bạn hãy ${saveAs(kind)}.`,
  };
}

/** A failed conversion, in Vietnamese; never LibreOffice's own words alone. */
export function conversionError(
  error: unknown,
  kind: LegacyOfficeKind,
  timeoutMs: number,
): PlanImportError {
  const name = NAMES[kind];
  if (error instanceof OfficeConversionError) {
    switch (error.reason) {
      case 'missing':
        return noConverterError(kind);
      case 'busy':
      case 'closing':
        return {
          code: 'UNSUPPORTED_FORMAT',
          message:
            `Máy chủ đang bận chuyển các tệp khác nên chưa chuyển được tệp ${name.format}. ` +
            `Vui lòng thử lại sau ít phút, hoặc ${saveAs(kind)}.`,
        };
      case 'timeout':
        return {
          code: 'CORRUPT',
          message:
            `LibreOffice không chuyển xong tệp ${name.format} sau ${Math.max(1, Math.round(timeoutMs / 1000))} ` +
            `giây nên đã bị dừng (tệp có thể bị hỏng). Hãy ${saveAs(kind)}.`,
        };
      case 'too-large':
        return {
          code: 'TOO_LARGE',
          message:
            `Tệp ${name.format} khi chuyển sang ${name.target} quá lớn để là một kế hoạch. Hãy chép ` +
            `riêng bảng kế hoạch sang một tệp ${name.target} mới rồi tải lên.`,
        };
      case 'crashed':
      case 'failed':
        break;
    }
  }
  return {
    code: 'CORRUPT',
    message:
      `Không chuyển được tệp ${name.format} sang ${name.target} (tệp bị hỏng hoặc không phải tài ` +
      `liệu ${name.app} thật). Hãy ${saveAs(kind)}.`,
  };
}

/** The converter of the warm pool (the server's, the CLI's): bounded in time and output size. */
export function legacyOfficeConverter(
  pool: Pick<OfficePool, 'convertFile'>,
  limits: { timeoutMs?: number; maxOutputBytes?: number } = {},
): ConvertLegacyOffice {
  return (bytes, kind) =>
    pool.convertFile(bytes, {
      from: kind,
      timeoutMs: limits.timeoutMs ?? LEGACY_CONVERSION_TIMEOUT_MS,
      maxOutputBytes: limits.maxOutputBytes ?? LEGACY_CONVERSION_MAX_OUTPUT_BYTES,
    });
}

export type ConvertedPlanFile =
  { ok: true; bytes: Uint8Array; from: LegacyOfficeKind } | { ok: false; error: PlanImportError };

/**
 * Converts a .doc/.xls with the given converter and checks that what came back is the expected
 * OOXML package (a ZIP); a converter that throws, hangs past its own limit or answers anything
 * else gives a Vietnamese error, never a throw.
 */
export async function convertLegacyPlanFile(
  bytes: Uint8Array,
  kind: LegacyOfficeKind,
  convert: ConvertLegacyOffice | undefined,
  timeoutMs: number = LEGACY_CONVERSION_TIMEOUT_MS,
): Promise<ConvertedPlanFile> {
  if (!convert) return { ok: false, error: noConverterError(kind) };
  let converted: Uint8Array;
  try {
    converted = await convert(bytes, kind);
  } catch (error) {
    return { ok: false, error: conversionError(error, kind, timeoutMs) };
  }
  if (
    !(converted instanceof Uint8Array) ||
    converted.length < 4 ||
    converted[0] !== 0x50 ||
    converted[1] !== 0x4b
  ) {
    return { ok: false, error: conversionError(null, kind, timeoutMs) };
  }
  return { ok: true, bytes: converted, from: kind };
}
