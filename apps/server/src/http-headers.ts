import { foldVietnamese } from '@caitien/core';
import { sanitizeImportedText } from '@caitien/shared';

/**
 * `Content-Disposition` with the Vietnamese name (RFC 5987 `filename*`) and a plain-ASCII
 * fallback for old clients: "Kế hoạch … Định Phước.docx" / "Ke-hoach-…-Dinh-Phuoc.docx".
 */
export function attachmentHeader(name: string): string {
  // A lone surrogate makes encodeURIComponent throw, and a control character has no place in a
  // header: a download must never fail because of a name (issue 11).
  const fileName = sanitizeImportedText(name).text;
  const dot = fileName.lastIndexOf('.');
  const ext = dot > 0 ? fileName.slice(dot) : '';
  const ascii =
    foldVietnamese(dot > 0 ? fileName.slice(0, dot) : fileName)
      .replace(/[^A-Za-z0-9._()-]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '') || 'tai-lieu';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}${ext}"; filename*=UTF-8''${encoded}`;
}
