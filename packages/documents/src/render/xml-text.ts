/**
 * Characters XML 1.0 cannot carry (C0 controls except tab, line feed and carriage return, lone
 * surrogates, U+FFFE/U+FFFF). A plan cell may hold them after a paste from another program; the
 * export removes them and says where, instead of producing a file Word refuses to open.
 */
const ILLEGAL_XML_CHARS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text without XML-illegal characters, and how many were removed. */
export function stripIllegalXmlChars(text: string): { text: string; removed: number } {
  let removed = 0;
  const clean = text.replace(ILLEGAL_XML_CHARS, () => {
    removed += 1;
    return '';
  });
  return { text: clean, removed };
}
