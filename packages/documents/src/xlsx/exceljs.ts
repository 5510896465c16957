import type ExcelJSModule from 'exceljs';

let loading: Promise<typeof ExcelJSModule> | null = null;

/**
 * exceljs, loaded on first use (issue 15): it pulls in about a hundred CommonJS modules (streams,
 * zip, csv, polyfills), a quarter of the server's start, for files only some requests read or write.
 */
export function loadExcelJs(): Promise<typeof ExcelJSModule> {
  loading ??= import('exceljs').then(
    (module) =>
      ((module as { default?: typeof ExcelJSModule }).default ?? module) as typeof ExcelJSModule,
  );
  return loading;
}
