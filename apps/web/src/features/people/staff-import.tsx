import { acceptAttribute } from '@caitien/shared/media-types';
import { useId, useState, type FormEvent } from 'react';
import { vi } from '../../i18n/vi.ts';
import { Badge } from '../../ui/badge.tsx';
import { notifySuccess } from '../../ui/notices.ts';
import { useImportPeople, type StaffImportResult } from './people.queries.ts';

const t = vi.staffImport;

/**
 * "Nhập từ Excel": the school's staff list (.xlsx) is read on the server and previewed (nothing is
 * saved); the user confirms, and only then are the people created. Names already in the list are
 * not created twice.
 */
export function StaffImport({ schoolId, onDone }: { schoolId: string; onDone: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<StaffImportResult | null>(null);
  const importPeople = useImportPeople(schoolId);
  const inputId = useId();
  const hintId = useId();

  const onPreview = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    importPeople.mutate({ file, dryRun: true }, { onSuccess: setPreview });
  };
  const onConfirm = () => {
    if (!file) return;
    importPeople.mutate(
      { file, dryRun: false },
      {
        onSuccess: (result) => {
          notifySuccess(t.done(result.createdCount, result.skippedExistingCount));
          onDone();
        },
      },
    );
  };

  const toCreate = preview ? preview.rows.filter((row) => !row.existingPersonId).length : 0;
  const errors = preview?.issues.filter((issue) => issue.severity === 'error') ?? [];
  const warnings = preview?.issues.filter((issue) => issue.severity === 'warning') ?? [];

  return (
    <section className="card panel form" aria-labelledby="import-title" data-testid="staff-import">
      <h3 id="import-title" className="panel__title">
        {t.title}
      </h3>
      <p className="muted">{t.intro}</p>
      <form className="inline-form inline-form--file" onSubmit={onPreview}>
        <div className="field">
          <label htmlFor={inputId} className="field__label">
            {t.file}
          </label>
          <div className="file-picker">
            <input
              id={inputId}
              className="file-picker__input"
              type="file"
              accept={acceptAttribute('xlsx')}
              aria-describedby={hintId}
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setPreview(null);
                importPeople.reset();
              }}
            />
            <label htmlFor={inputId} className="button button--secondary file-picker__button">
              {t.choose}
            </label>
            <span className={file ? 'file-picker__name' : 'file-picker__name muted'}>
              {file?.name ?? t.noFile}
            </span>
          </div>
          <p id={hintId} className="field__hint">
            {t.fileHint}
          </p>
        </div>
        <div className="form-actions">
          <button
            type="submit"
            className="button button--secondary"
            disabled={!file || importPeople.isPending}
          >
            {t.preview}
          </button>
          <button type="button" className="button button--ghost" onClick={onDone}>
            {vi.common.close}
          </button>
        </div>
      </form>

      {preview ? (
        <div className="import-preview" data-testid="import-preview">
          <p>
            <strong>{t.summary(preview.sheetName, preview.rows.length, toCreate)}</strong>
          </p>
          {errors.length + warnings.length > 0 ? (
            <ul className="issue-list">
              {[...errors, ...warnings].map((issue, index) => (
                <li key={index} className={`issue issue--${issue.severity}`}>
                  <Badge tone={issue.severity === 'error' ? 'accent' : 'warning'}>
                    {issue.severity === 'error' ? t.error : t.warning}
                  </Badge>{' '}
                  {issue.rowNumber !== null && !/^Dòng\s/.test(issue.message)
                    ? `${t.row(issue.rowNumber)}: `
                    : ''}
                  {issue.message}
                </li>
              ))}
            </ul>
          ) : null}
          {preview.unmappedColumns.length > 0 ? (
            <p className="muted">{t.unmapped(preview.unmappedColumns.join(', '))}</p>
          ) : null}
          {preview.rows.length > 0 ? (
            <div className="table-wrap">
              <table className="table table--compact table--cards">
                <caption className="visually-hidden">{t.previewCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.columns.row}</th>
                    <th scope="col">{t.columns.fullName}</th>
                    <th scope="col">{t.columns.position}</th>
                    <th scope="col">{t.columns.groups}</th>
                    <th scope="col">{t.columns.contact}</th>
                    <th scope="col">{t.columns.status}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.map((row) => (
                    <tr key={row.rowNumber} data-testid="import-row">
                      <td data-label={t.columns.row}>{row.rowNumber}</td>
                      <th scope="row" data-label={t.columns.fullName}>
                        {row.fullName}
                      </th>
                      <td data-label={t.columns.position}>{row.position || '—'}</td>
                      <td data-label={t.columns.groups}>{row.groups.join(', ') || '—'}</td>
                      <td data-label={t.columns.contact}>
                        {[row.phone, row.email].filter(Boolean).join(' · ') || '—'}
                      </td>
                      <td data-label={t.columns.status}>
                        {row.existingPersonId ? (
                          <Badge tone="neutral">{t.existing}</Badge>
                        ) : (
                          <Badge tone="success">{t.new}</Badge>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <div className="form-actions">
            <button
              type="button"
              className="button"
              onClick={onConfirm}
              disabled={importPeople.isPending || toCreate === 0}
            >
              {t.confirm(toCreate)}
            </button>
          </div>
          {errors.length > 0 ? <p className="field__hint">{t.errorsHint}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
