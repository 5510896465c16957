import QRCode from 'qrcode';

/**
 * Public disclosure (issue 14): the short address of a plan's public page and its QR code, printed
 * at the end of the DOCX (and so of the PDF made from it) of a published plan.
 */
export interface DocumentPublication {
  /** The page's address, e.g. "https://caitien.truong.edu.vn/cong-khai/7k3m9q2xwd". */
  url: string;
  /** The QR code of `url` as PNG bytes (see {@link publicationQrPng}). */
  qrPng: Uint8Array;
}

/** The lines printed beside the QR code. */
export const PUBLICATION_LINES = {
  title: 'Văn bản được công khai tại:',
  note: 'Quét mã QR hoặc mở địa chỉ trên để xem kế hoạch và kiểm tra một bản sao có đúng là văn bản đã công khai hay không.',
} as const;

/**
 * The QR code of a public address as a PNG: error correction M, a 4-module quiet zone, 8 pixels a
 * module — plain black on white, which phone cameras read from print and from a screen. The same
 * address always gives the same bytes.
 */
export async function publicationQrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 4,
    scale: 8,
    color: { dark: '#000000ff', light: '#ffffffff' },
  });
}

/** The same QR code as an SVG text (for the web panel and the public page). */
export async function publicationQrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
}
