/*
 * Media types of the files the API takes and gives (uploads in the route table, downloads, the
 * web's file pickers), written once. Imports nothing: the web reaches it as
 * `@caitien/shared/media-types` without zod.
 */

/** The Office Open XML and PDF media types, by file extension (and the older kinds plans come in). */
export const MEDIA_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  /** Word/Excel 97–2003 and web pages saved as .doc: plan uploads only (issue 16). */
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  htm: 'text/html',
  html: 'text/html',
} as const;

/** A file kind {@link MEDIA_TYPES} names. */
export type MediaTypeExtension = keyof typeof MEDIA_TYPES;

/**
 * The `accept` attribute of a file input for these kinds: each extension and its media type
 * (browsers match either), e.g. ".xlsx,application/vnd…sheet".
 */
export function acceptAttribute(...kinds: MediaTypeExtension[]): string {
  return kinds.flatMap((kind) => [`.${kind}`, MEDIA_TYPES[kind]]).join(',');
}
