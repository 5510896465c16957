import JSZip from 'jszip';

/**
 * The text of a DOCX's body, paragraph by paragraph (runs joined); a non-breaking hyphen
 * (`<w:noBreakHyphen/>`, used inside evidence codes) reads as the hyphen it shows.
 */
export async function docxText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  return xml
    .split(/<\/w:p>/)
    .map((p) =>
      [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:noBreakHyphen\/>/g)]
        .map((m) => (m[0] === '<w:noBreakHyphen/>' ? '-' : (m[1] ?? '')))
        .join('')
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'"),
    )
    .join('\n');
}
