import { ROW_FIELD_LABELS, ROW_TEXT_FIELDS } from '@caitien/core';
import type { ImportField } from '@caitien/shared';
import { acceptAttribute, MEDIA_TYPES } from '@caitien/shared/media-types';
import { useState, type FormEvent } from 'react';
import { errorMessageOf } from '../../api/api-error.ts';
import { apiRequest, type RouteResponse } from '../../api/http-client.ts';
import { downloadJobJson, waitForJob } from '../../api/jobs.ts';
import { vi } from '../../i18n/vi.ts';
import { Modal } from '../../ui/modal.tsx';
import { navigate } from '../../ui/use-location-search.ts';
import { hrefs } from '../shell/app-routes.ts';
import { PdfPageView } from './pdf-page-view.tsx';
import { formatMonth } from './plan-layout.ts';

const t = vi.planImport;

type Preview = RouteResponse<'previewPlanImport'>;

const PASTE = 'text/plain; charset=utf-8';

/** The kinds of plan file the picker offers; the server reads what the bytes are. */
const UPLOAD_KINDS = ['docx', 'xlsx', 'doc', 'xls', 'pdf', 'htm', 'html'] as const;

/** The media type an upload is sent as, from its name. */
function uploadType(name: string): string {
  const kind = UPLOAD_KINDS.find((k) => name.toLowerCase().endsWith(`.${k}`));
  return kind ? MEDIA_TYPES[kind] : 'application/octet-stream';
}

/** The fields a column can be mapped to, with their Vietnamese names, in the chooser's order. */
const FIELD_CHOICES: Array<{ field: ImportField; label: string }> = [
  { field: 'ordinal', label: 'TT (số thứ tự)' },
  { field: 'standard', label: 'Tiêu chuẩn' },
  { field: 'criterion', label: 'Tiêu chí' },
  ...ROW_TEXT_FIELDS.map((field) => ({ field, label: ROW_FIELD_LABELS[field] })),
  { field: 'timeStart', label: 'Thời gian: bắt đầu' },
  { field: 'timeEnd', label: 'Thời gian: kết thúc' },
];

const fieldLabel = (field: ImportField | null): string =>
  field === null ? t.notImported : (FIELD_CHOICES.find((c) => c.field === field)?.label ?? field);

/** The row texts shown in the preview table: the fields the import filled, in layout order. */
const SHOWN_FIELDS = [
  'content',
  'target',
  'tasks',
  'indicator',
  'lead',
  'coordinators',
  'support',
  'evidence',
  'progress',
  'result',
  'note',
  'currentState',
] as const;

/** The header fields the preview shows, each with where it came from (file or school profile). */
const HEADER_PREVIEW_FIELDS = [
  'governingBody',
  'schoolName',
  'documentNumber',
  'placeName',
  'signerName',
] as const;

/** Files above this size are read by the job queue (POST …/plans/import-jobs) instead. */
export const LARGE_IMPORT_BYTES = 256 * 1024;

/** Reads a plan file through the job queue: the same preview, without a request waiting on it. */
async function readInBackground(
  request: Parameters<typeof apiRequest<'requestPlanImportPreview'>>[1],
): Promise<Preview> {
  const signal = new AbortController().signal;
  const { jobId } = await apiRequest('requestPlanImportPreview', request);
  const job = await waitForJob(jobId, { signal });
  return downloadJobJson<Preview>(job.downloadUrl, signal);
}

/**
 * "Nhập từ Word/Excel": upload a plan file, see what was understood (header, columns, rows with
 * their parsed time and budget, warnings), fix the column mapping or the school year, then create
 * the draft plan.
 */
export function PlanImportDialog({
  schoolId,
  plans,
  onClose,
}: {
  schoolId: string;
  /** The school's plans: a draft of the file's school year can take the rows instead. */
  plans: ReadonlyArray<{ id: string; schoolYear: string; status: string }>;
  onClose: () => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  /** The previewed PDF row whose page is shown beside the rows (issue 16). */
  const [pdfRow, setPdfRow] = useState(0);
  const [source, setSource] = useState<'file' | 'paste'>('file');
  const [pasted, setPasted] = useState('');
  const [schoolYear, setSchoolYear] = useState('');
  /** Text in legacy Vietnamese fonts read as Unicode (issue 16); off keeps it as typed. */
  const [legacyFonts, setLegacyFonts] = useState(true);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Map<number, ImportField | null>>(new Map());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const ready = source === 'file' ? file !== null : pasted.trim() !== '';

  async function read(withMapping: boolean, convertLegacyFonts = legacyFonts) {
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      const upload =
        source === 'paste' || !file
          ? { data: new Blob([pasted], { type: PASTE }), contentType: PASTE }
          : {
              data: file,
              contentType: uploadType(file.name),
            };
      const overrides = [...mapping].map(([column, field]) => ({ column, field }));
      const request = {
        params: { schoolId },
        query: {
          ...(source === 'file' && file ? { fileName: file.name } : {}),
          ...(schoolYear.trim() ? { schoolYear: schoolYear.trim() } : {}),
          ...(withMapping && overrides.length > 0 ? { mapping: JSON.stringify(overrides) } : {}),
          ...(convertLegacyFonts ? {} : { legacyFonts: 'false' as const }),
        },
        upload,
      };
      // A large file is read by the job queue, so no request waits on it (issue 15).
      const result =
        upload.data.size > LARGE_IMPORT_BYTES
          ? await readInBackground(request)
          : await apiRequest('previewPlanImport', request);
      setPreview(result);
      if (!withMapping) setMapping(new Map());
      if (!schoolYear && result.plan.plan.schoolYear) setSchoolYear(result.plan.plan.schoolYear);
    } catch (e) {
      setPreview(null);
      setError(errorMessageOf(e));
    } finally {
      setBusy(false);
    }
  }

  async function confirm(into: string | null) {
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      const plan = into
        ? await apiRequest('appendPlanRows', {
            params: { planId: into },
            body: { rows: preview.plan.rows },
          })
        : await apiRequest('importPlanJson', {
            params: { schoolId },
            body: preview.plan,
          });
      navigate(hrefs.plan(plan.id));
    } catch (e) {
      setError(errorMessageOf(e));
      setBusy(false);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void read(false);
  }

  const report = preview?.report;
  // A PDF's rows were rebuilt from text positions (issue 16): each shows its page and confidence.
  const fromPdf = report?.fileKind === 'pdf';
  const rowReports = new Map((report?.rows ?? []).map((r) => [r.index, r]));
  const shownPlace = fromPdf ? (rowReports.get(pdfRow)?.places?.[0] ?? null) : null;
  const missingYear = preview !== null && preview.plan.plan.schoolYear === null;
  const sameYear = preview
    ? (plans.find((p) => p.schoolYear === preview.plan.plan.schoolYear) ?? null)
    : null;
  const draftOfYear = sameYear?.status === 'draft' ? sameYear : null;

  return (
    <Modal
      title={t.title}
      onClose={onClose}
      size={fromPdf ? 'wide' : 'large'}
      testId="plan-import-dialog"
    >
      <form className="stack" onSubmit={onSubmit}>
        <p className="muted">{t.intro}</p>
        <fieldset className="plan-import__source">
          <label className="radio">
            <input
              type="radio"
              name="plan-import-source"
              checked={source === 'file'}
              onChange={() => setSource('file')}
            />{' '}
            {t.sourceFile}
          </label>
          <label className="radio">
            <input
              type="radio"
              name="plan-import-source"
              checked={source === 'paste'}
              onChange={() => setSource('paste')}
              data-testid="plan-import-paste-mode"
            />{' '}
            {t.sourcePaste}
          </label>
        </fieldset>
        <div className="form-row">
          {source === 'file' ? (
            <label className="field">
              <span className="field__label">{t.file}</span>
              <input
                type="file"
                accept={acceptAttribute(...UPLOAD_KINDS)}
                data-testid="plan-import-file"
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  setPreview(null);
                  setError(null);
                }}
              />
              <span className="field__hint">{t.fileHint}</span>
            </label>
          ) : (
            <label className="field">
              <span className="field__label">{t.paste}</span>
              <textarea
                className="input"
                rows={6}
                value={pasted}
                placeholder={t.pastePlaceholder}
                onChange={(e) => {
                  setPasted(e.target.value);
                  setPreview(null);
                }}
                data-testid="plan-import-text"
              />
            </label>
          )}
          <label className="field">
            <span className="field__label">{t.schoolYear}</span>
            <input
              className="input"
              value={schoolYear}
              placeholder="2025-2026"
              onChange={(e) => setSchoolYear(e.target.value)}
              data-testid="plan-import-year"
            />
            <span className="field__hint">{t.schoolYearHint}</span>
          </label>
        </div>
        {source === 'file' ? (
          <label className="checkbox" title={t.legacyFontsHint}>
            <input
              type="checkbox"
              checked={legacyFonts}
              disabled={busy}
              onChange={(e) => {
                const next = e.target.checked;
                setLegacyFonts(next);
                // The preview shows what the file will become: read it again the new way.
                if (preview) void read(true, next);
              }}
              data-testid="plan-import-legacy-fonts"
            />{' '}
            {t.legacyFonts}
          </label>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button--secondary" disabled={!ready || busy}>
            {busy && !preview ? t.reading : source === 'paste' ? t.readPasted : t.read}
          </button>
        </div>
        {error ? (
          <p className="notice notice--error" role="alert" data-testid="plan-import-error">
            {error}
          </p>
        ) : null}
      </form>

      {preview && report ? (
        <div className="stack plan-import__preview" data-testid="plan-import-preview">
          <p className="notice notice--info" data-testid="plan-import-summary">
            {t.summary(
              report.summary.rows,
              vi.plan.layoutName[report.layout] ?? report.layout,
              preview.plan.plan.schoolYear,
            )}
            {report.schoolYear.text ? ` ${t.yearFrom(report.schoolYear.text)}` : ''}
          </p>
          {report.warnings
            .filter((w) => w.code.startsWith('legacy-font.'))
            .map((w) => (
              <p
                key={w.message}
                className={`notice ${w.code === 'legacy-font.kept' ? 'notice--warning' : 'notice--info'}`}
                data-testid="plan-import-legacy-fonts-note"
              >
                {w.message}
              </p>
            ))}
          {missingYear ? <p className="notice notice--warning">{t.yearMissing}</p> : null}
          {sameYear && !draftOfYear ? (
            <p className="notice notice--warning">{t.yearTaken(sameYear.schoolYear)}</p>
          ) : null}
          <p className="muted" data-testid="plan-import-header-note">
            {t.headerNote(
              HEADER_PREVIEW_FIELDS.filter((key) => preview.headerSources[key] === 'profile').map(
                (key) => vi.plan.headerFields[key],
              ),
            )}
          </p>
          <dl className="plan-import__header" data-testid="plan-import-header">
            {HEADER_PREVIEW_FIELDS.map((key) => {
              const value = preview.plan.header[key].trim();
              const from = preview.headerSources[key];
              return (
                <div key={key} data-field={key} data-source={from}>
                  <dt>
                    {vi.plan.headerFields[key]}{' '}
                    <span className={`plan-import__source plan-import__source--${from}`}>
                      {t.headerSource[from]}
                    </span>
                  </dt>
                  <dd>{value || '—'}</dd>
                </div>
              );
            })}
          </dl>

          <details open={report.columns.some((c) => c.field === null)}>
            <summary>{t.columns(report.columns.length)}</summary>
            <table className="table plan-import__columns">
              <thead>
                <tr>
                  <th>{t.sourceColumn}</th>
                  <th>{t.importedAs}</th>
                </tr>
              </thead>
              <tbody>
                {report.columns.map((c) => (
                  <tr key={c.column}>
                    <td>
                      {c.letter ? `${c.letter}: ` : `${c.column}. `}
                      {c.header || t.noHeader}
                    </td>
                    <td>
                      <select
                        className="input"
                        aria-label={t.mapColumn(c.header)}
                        value={(mapping.has(c.column) ? mapping.get(c.column) : c.field) ?? ''}
                        onChange={(e) => {
                          const next = new Map(mapping);
                          next.set(c.column, (e.target.value || null) as ImportField | null);
                          setMapping(next);
                        }}
                      >
                        <option value="">{t.notImported}</option>
                        {FIELD_CHOICES.map((choice) => (
                          <option key={choice.field} value={choice.field}>
                            {choice.label}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy || (mapping.size === 0 && !schoolYear)}
              onClick={() => void read(true)}
            >
              {t.reread}
            </button>
          </details>

          {report.warnings.length + report.duplicates.length + report.unmappedCells.length > 0 ? (
            <details data-testid="plan-import-warnings">
              <summary>
                {t.notes(
                  report.warnings.length + report.duplicates.length,
                  report.unmappedCells.length,
                )}
              </summary>
              <ul>
                {report.duplicates.map((d, i) => (
                  <li key={`d${i}`}>{d.message}</li>
                ))}
                {report.warnings.map((w, i) => (
                  <li key={`w${i}`}>{w.message}</li>
                ))}
                {report.unmappedCells.slice(0, 50).map((u, i) => (
                  <li key={`u${i}`}>
                    {t.unmapped(u.position.ref ?? `${u.position.row}:${u.position.column}`, u.text)}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}

          <div className={fromPdf && file ? 'plan-import__pdf-layout' : undefined}>
            <div className="table-wrap">
              <table className="table plan-import__rows" data-testid="plan-import-rows">
                <thead>
                  <tr>
                    <th>TT</th>
                    <th>{t.criterion}</th>
                    <th>{t.texts}</th>
                    <th>{ROW_FIELD_LABELS.time}</th>
                    <th>{ROW_FIELD_LABELS.budget}</th>
                    {fromPdf ? <th>{t.pdfPlace}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {preview.plan.rows.map((row, i) => (
                    <tr
                      key={i}
                      data-testid="plan-import-row"
                      className={fromPdf && pdfRow === i ? 'plan-import__row--shown' : undefined}
                    >
                      <td>{i + 1}</td>
                      <td>
                        {row.group === 'level_4'
                          ? `Mức 4 – ${row.level4Key ?? '?'}`
                          : (row.criterionCode ?? row.standardCode ?? '—')}
                      </td>
                      <td className="plan-import__texts">
                        {SHOWN_FIELDS.filter((f) => row[f].trim() !== '').map((f) => (
                          <div key={f}>
                            <span className="muted">{fieldLabel(f)}: </span>
                            <span className="pre-wrap">{row[f]}</span>
                          </div>
                        ))}
                      </td>
                      <td>
                        <div className="pre-wrap">{row.time.text}</div>
                        {row.time.start ? (
                          <div className="muted">
                            {formatMonth(row.time.start)}
                            {row.time.end && row.time.end !== row.time.start
                              ? ` → ${formatMonth(row.time.end)}`
                              : ''}
                          </div>
                        ) : row.time.text.trim() ? (
                          <div className="parse-warning">{t.notUnderstood}</div>
                        ) : null}
                      </td>
                      <td>
                        <div className="pre-wrap">{row.budget.text}</div>
                        {row.budget.amount !== null ? (
                          <div className="muted">
                            {new Intl.NumberFormat('vi-VN').format(row.budget.amount)} đ
                          </div>
                        ) : null}
                      </td>
                      {fromPdf ? (
                        <PdfRowCell
                          report={rowReports.get(i)}
                          shown={pdfRow === i}
                          onShow={() => setPdfRow(i)}
                        />
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {fromPdf && file && shownPlace ? (
              <aside className="plan-import__pdf-aside">
                <PdfPageView file={file} place={shownPlace} width={PDF_PAGE_WIDTH} />
              </aside>
            ) : null}
          </div>
          <div className="form-actions">
            <button type="button" className="button button--secondary" onClick={onClose}>
              {vi.common.cancel}
            </button>
            {draftOfYear ? (
              <button
                type="button"
                className="button"
                disabled={busy || preview.plan.rows.length === 0}
                onClick={() => void confirm(draftOfYear.id)}
                data-testid="plan-import-append"
              >
                {t.append(preview.plan.rows.length, draftOfYear.schoolYear)}
              </button>
            ) : (
              <button
                type="button"
                className="button"
                disabled={
                  busy || missingYear || sameYear !== null || preview.plan.rows.length === 0
                }
                onClick={() => void confirm(null)}
                data-testid="plan-import-confirm"
              >
                {t.confirm(preview.plan.rows.length)}
              </button>
            )}
          </div>
        </div>
      ) : null}
    </Modal>
  );
}

type RowReport = Preview['report']['rows'][number];

/** Below this a PDF row is marked for checking against the page. */
const LOW_CONFIDENCE = 0.8;

/** Width of the PDF page drawn beside the rows, in CSS pixels. */
const PDF_PAGE_WIDTH = 400;

/** Where a PDF row is (its pages) and how sure the reader is of it; a button shows its page. */
function PdfRowCell({
  report,
  shown,
  onShow,
}: {
  report: RowReport | undefined;
  shown: boolean;
  onShow: () => void;
}) {
  const confidence = report?.confidence;
  const pages = [...new Set((report?.places ?? []).map((p) => p.page))];
  return (
    <td data-testid="plan-import-row-pdf">
      {pages.length > 0 ? (
        <button
          type="button"
          className="link-button"
          aria-pressed={shown}
          onClick={onShow}
          data-testid="plan-import-row-pdf-show"
        >
          {t.pdfPages(pages)}
        </button>
      ) : null}
      {confidence !== undefined ? (
        <div className={confidence < LOW_CONFIDENCE ? 'parse-warning' : 'muted'}>
          {t.pdfConfidence(Math.round(confidence * 100), confidence < LOW_CONFIDENCE)}
        </div>
      ) : null}
    </td>
  );
}
