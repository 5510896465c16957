import {
  FUNDING_SOURCES,
  PROGRESS_STATUSES,
  type FundingSource,
  type ProgressStatus,
} from '@caitien/core';
import { useId, useRef, useState, type FormEvent } from 'react';
import { errorMessageOf, fieldErrorsOf } from '../../api/api-error.ts';
import { routeUrl } from '../../api/http-client.ts';
import { formatDate, formatDateTime, formatNumber } from '../../i18n/vi.ts';
import { viProgress as t, viTasks } from '../../i18n/vi-tasks.ts';
import { Modal } from '../../ui/modal.tsx';
import { LoadingState } from '../../ui/status.tsx';
import { useApplyRowDetail, useRowProgress } from './my-tasks.queries.ts';
import { enqueueUpdate } from './offline-queue.ts';
import {
  newClientId,
  sendSubmission,
  type AddProgressBody,
  type PendingFile,
  type ProgressEntry,
  type ProgressSubmission,
  type RowProgressDetail,
} from './progress-sender.ts';
import { dueText, PercentBar, ProgressStatusChip, STATUS_TONE } from './progress-chips.tsx';
import './my-tasks.css';

export { dueText, PercentBar, ProgressStatusChip };

/** The row as the caller already has it (a task of Việc của tôi, a row of the progress table). */
export type ProgressRowSummary = RowProgressDetail['row'];

/** What the file inputs accept: the types the server keeps (it checks the bytes itself). */
const FILE_ACCEPT =
  'image/*,application/pdf,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.heic,.heif';

const PERCENT_STEPS = [0, 25, 50, 75, 100] as const;

/** Today in Việt Nam (YYYY-MM-DD), for when the server's "today" is not at hand (offline). */
function localToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
}

interface Draft {
  status: ProgressStatus;
  percent: number;
  result: string;
  note: string;
  entryDate: string;
  spentAmount: string;
  spentSource: FundingSource;
  spentText: string;
}

function draftFrom(row: ProgressRowSummary, today: string): Draft {
  return {
    status: row.status,
    percent: row.percent,
    result: row.result,
    note: '',
    entryDate: today,
    spentAmount: '',
    spentSource: row.plannedBudget.source === 'unknown' ? 'state' : row.plannedBudget.source,
    spentText: '',
  };
}

/**
 * Updating one row's progress in a few taps (a bottom sheet on a phone): status buttons, percent
 * steps and slider, result, note, the date, optional spending, photos and files (uploaded after
 * the update), and the row's log below. Without a network the update waits on the phone (offline
 * queue) and is sent later. Used by Việc của tôi and by the plan's progress table.
 */
export function RowProgressSheet({
  planId,
  rowId,
  userId,
  row: knownRow,
  today: knownToday,
  title,
  onClose,
  onSaved,
}: {
  planId: string;
  rowId: string;
  /** The signed-in user (an update queued offline is theirs). */
  userId: string;
  /** The row as the caller has it: the sheet works from it while the log loads, or offline. */
  row?: ProgressRowSummary;
  /** The school's today as the caller got it from the server (the default entry date offline). */
  today?: string;
  /** The sheet's heading (default "Cập nhật tiến độ"). */
  title?: string;
  onClose: () => void;
  /** After the server took an update (the caller refreshes its own lists). */
  onSaved?: (detail: RowProgressDetail | null) => void;
}) {
  const detailQuery = useRowProgress(planId, rowId);
  const detail = detailQuery.data ?? null;
  const row = detail?.row ?? knownRow ?? null;
  const today = detail?.today ?? knownToday ?? localToday();

  return (
    <Modal title={title ?? t.sheetTitle} onClose={onClose} size="sheet" testId="row-progress-sheet">
      {row ? (
        <>
          <RowHeading row={row} />
          {row.canUpdate ? (
            <ProgressForm
              key={row.trackId}
              planId={planId}
              rowId={rowId}
              userId={userId}
              row={row}
              today={today}
              knownEntryIds={new Set(detail?.entries.map((entry) => entry.id) ?? [])}
              onSaved={onSaved}
              onQueued={onClose}
            />
          ) : (
            <p className="notice notice--info">{t.cannotUpdate}</p>
          )}
        </>
      ) : null}
      <section className="progress-log" aria-label={t.log} data-testid="progress-log">
        <h3 className="progress-log__title">{t.log}</h3>
        {detailQuery.isPending && !detail ? (
          <LoadingState label={t.log} />
        ) : detailQuery.isError && !detail ? (
          <p className="muted">{t.logLoadError}</p>
        ) : detail ? (
          <ProgressLog planId={planId} detail={detail} />
        ) : null}
      </section>
    </Modal>
  );
}

function RowHeading({ row }: { row: ProgressRowSummary }) {
  const schedule = row.schedule;
  return (
    <div className="progress-row-heading">
      <p className="progress-row-heading__eyebrow">
        {t.row(row.ordinal)}
        {row.criterionCode ? ` · ${viTasks.criterion(row.criterionCode)}` : ''}
      </p>
      <p className="progress-row-heading__content">{row.content}</p>
      <p className="progress-row-heading__meta">
        <ProgressStatusChip status={row.status} overdue={schedule.overdue} />
        <span>{dueText(schedule)}</span>
      </p>
    </div>
  );
}

function ProgressForm({
  planId,
  rowId,
  userId,
  row,
  today,
  knownEntryIds,
  onSaved,
  onQueued,
}: {
  planId: string;
  rowId: string;
  userId: string;
  row: ProgressRowSummary;
  today: string;
  knownEntryIds: ReadonlySet<string>;
  onSaved: ((detail: RowProgressDetail | null) => void) | undefined;
  onQueued: () => void;
}) {
  const formId = useId();
  const [draft, setDraft] = useState<Draft>(() => draftFrom(row, today));
  const [files, setFiles] = useState<PendingFile[]>([]);
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState<RowProgressDetail | null>(null);
  const photoRef = useRef<HTMLInputElement>(null);
  const filesRef = useRef<HTMLInputElement>(null);
  const apply = useApplyRowDetail();
  /** The version the form started from (moves on when the user re-applies after a conflict). */
  const [baseVersion, setBaseVersion] = useState(row.version);
  const base = conflict?.row ?? row;

  const change = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));

  const addFiles = (list: FileList | null) => {
    if (!list) return;
    const added = [...list].map((file) => ({ name: file.name, type: file.type, blob: file }));
    setFiles((current) => [...current, ...added]);
  };

  const buildBody = (clientId: string): AddProgressBody & { clientId: string } => {
    const body: AddProgressBody & { clientId: string } = {
      version: baseVersion,
      entryDate: draft.entryDate,
      note: draft.note.trim(),
      clientId,
    };
    // Only what changed is sent: a note alone never clashes with someone else's update.
    if (draft.status !== base.status) body.status = draft.status;
    if (draft.percent !== base.percent) body.percent = draft.percent;
    if (draft.result.trim() !== base.result.trim()) body.result = draft.result.trim();
    const amount = draft.spentAmount.replace(/[.\s]/g, '');
    if (amount !== '')
      body.spent = {
        amount: Number(amount),
        source: draft.spentSource,
        text: draft.spentText.trim(),
      };
    return body;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    setFieldErrors({});
    const amount = draft.spentAmount.replace(/[.\s]/g, '');
    if (amount !== '' && !/^\d+$/.test(amount)) {
      setFieldErrors({ 'spent.amount': t.amountInvalid });
      return;
    }
    const clientId = newClientId();
    const submission: ProgressSubmission = {
      clientId,
      planId,
      rowId,
      body: buildBody(clientId),
      files,
      entryId: null,
    };
    const queue = async (rest: ProgressSubmission) => {
      await enqueueUpdate({
        ...rest,
        userId,
        rowLabel: `${t.row(row.ordinal)} — ${row.content.slice(0, 80)}`,
      });
      onQueued();
    };
    setPending(true);
    try {
      if (typeof navigator !== 'undefined' && navigator.onLine === false) {
        await queue(submission);
        return;
      }
      const outcome = await sendSubmission(submission, undefined, knownEntryIds);
      switch (outcome.kind) {
        case 'sent':
          await apply(planId, rowId, outcome.detail);
          onSaved?.(outcome.detail);
          setFiles([]);
          setConflict(null);
          setDraft((current) => ({ ...current, note: '', spentAmount: '', spentText: '' }));
          if (outcome.detail) setBaseVersion(outcome.detail.row.version);
          setMessage({
            tone: 'success',
            text: outcome.uploaded > 0 ? t.savedWithFiles(outcome.uploaded) : t.saved,
          });
          break;
        case 'offline':
          if (outcome.detail) await apply(planId, rowId, outcome.detail);
          await queue({ ...outcome.rest });
          break;
        case 'conflict':
          if (outcome.current) {
            setConflict(outcome.current);
            await apply(planId, rowId, outcome.current);
          }
          setMessage({
            tone: 'error',
            text: outcome.current ? t.conflict : errorMessageOf(outcome.error),
          });
          break;
        case 'refused': {
          if (outcome.rest.entryId !== null) {
            // The update was saved; a file was refused (type, size).
            await apply(planId, rowId, outcome.detail);
            const failed = outcome.rest.files[0];
            setFiles([]);
            setMessage({
              tone: 'error',
              text: t.fileFailed(failed?.name ?? '', errorMessageOf(outcome.error)),
            });
          } else {
            setFieldErrors(fieldErrorsOf(outcome.error));
            setMessage({ tone: 'error', text: errorMessageOf(outcome.error) });
          }
          break;
        }
      }
    } finally {
      setPending(false);
    }
  };

  const statusLegendId = `${formId}-status`;
  return (
    <form className="progress-form" onSubmit={(event) => void submit(event)} noValidate>
      {conflict ? (
        <div className="conflict" role="alert" data-testid="progress-conflict">
          <p className="conflict__title">{t.conflict}</p>
          <p>{t.current(t.statusLabel(conflict.row.status), conflict.row.percent)}</p>
          {conflict.row.result ? <p className="pre-line">{conflict.row.result}</p> : null}
          <div className="form-actions">
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                setBaseVersion(conflict.row.version);
                setMessage(null);
              }}
              disabled={baseVersion === conflict.row.version}
            >
              {t.keepMine}
            </button>
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => {
                setDraft(draftFrom(conflict.row, today));
                setBaseVersion(conflict.row.version);
                setConflict(null);
                setMessage(null);
              }}
            >
              {t.takeCurrent}
            </button>
          </div>
        </div>
      ) : null}

      <fieldset className="progress-form__group" aria-labelledby={statusLegendId}>
        <legend id={statusLegendId} className="field__label">
          {t.status}
        </legend>
        <div className="status-buttons" role="group" aria-labelledby={statusLegendId}>
          {PROGRESS_STATUSES.map((status) => (
            <button
              key={status}
              type="button"
              className={`status-button status-button--${STATUS_TONE[status]}`}
              aria-pressed={draft.status === status}
              title={t.statusLabel(status)}
              onClick={() => change(status === 'done' ? { status, percent: 100 } : { status })}
            >
              {t.statusShort[status]}
            </button>
          ))}
        </div>
      </fieldset>

      <div className="progress-form__group">
        <label className="field__label" htmlFor={`${formId}-percent`}>
          {t.percent}: <strong data-testid="percent-value">{t.percentValue(draft.percent)}</strong>
        </label>
        <input
          id={`${formId}-percent`}
          className="percent-slider"
          type="range"
          min={0}
          max={100}
          step={5}
          value={draft.percent}
          onChange={(event) => change({ percent: Number(event.target.value) })}
        />
        <div className="percent-steps" role="group" aria-label={t.percent}>
          {PERCENT_STEPS.map((step) => (
            <button
              key={step}
              type="button"
              className="percent-step"
              aria-pressed={draft.percent === step}
              onClick={() => change({ percent: step })}
            >
              {t.percentValue(step)}
            </button>
          ))}
        </div>
        {draft.percent === 100 && draft.status !== 'done' ? (
          <button
            type="button"
            className="link-button progress-form__suggest"
            onClick={() => change({ status: 'done' })}
          >
            {t.suggestDone}
          </button>
        ) : null}
      </div>

      <Field
        id={`${formId}-result`}
        label={t.result}
        hint={t.resultHint}
        error={fieldErrors.result}
      >
        <textarea
          id={`${formId}-result`}
          className="input textarea"
          rows={3}
          value={draft.result}
          onChange={(event) => change({ result: event.target.value })}
        />
      </Field>

      <Field id={`${formId}-note`} label={t.note} error={fieldErrors.note}>
        <textarea
          id={`${formId}-note`}
          className="input textarea"
          rows={2}
          value={draft.note}
          onChange={(event) => change({ note: event.target.value })}
        />
      </Field>

      <Field id={`${formId}-date`} label={t.entryDate} error={fieldErrors.entryDate}>
        <input
          id={`${formId}-date`}
          className="input"
          type="date"
          max={today}
          value={draft.entryDate}
          onChange={(event) => change({ entryDate: event.target.value })}
        />
      </Field>

      <details className="progress-form__spending">
        <summary>{t.spending}</summary>
        <div className="progress-form__spending-body">
          <Field id={`${formId}-amount`} label={t.spentAmount} error={fieldErrors['spent.amount']}>
            <input
              id={`${formId}-amount`}
              className="input"
              inputMode="numeric"
              autoComplete="off"
              value={draft.spentAmount}
              onChange={(event) => change({ spentAmount: event.target.value })}
            />
          </Field>
          <Field id={`${formId}-source`} label={t.spentSource} error={fieldErrors['spent.source']}>
            <select
              id={`${formId}-source`}
              className="input select"
              value={draft.spentSource}
              onChange={(event) => change({ spentSource: event.target.value as FundingSource })}
            >
              {FUNDING_SOURCES.filter((source) => source !== 'unknown').map((source) => (
                <option key={source} value={source}>
                  {t.sourceLabel(source)}
                </option>
              ))}
            </select>
          </Field>
          <Field id={`${formId}-spent-text`} label={t.spentText} error={fieldErrors['spent.text']}>
            <input
              id={`${formId}-spent-text`}
              className="input"
              value={draft.spentText}
              onChange={(event) => change({ spentText: event.target.value })}
            />
          </Field>
        </div>
      </details>

      <div className="progress-form__group">
        <p className="field__label">{t.files}</p>
        <div className="progress-files__buttons">
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => photoRef.current?.click()}
          >
            {t.takePhoto}
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => filesRef.current?.click()}
          >
            {t.chooseFiles}
          </button>
          <input
            ref={photoRef}
            className="visually-hidden"
            type="file"
            accept="image/*"
            capture="environment"
            tabIndex={-1}
            aria-label={t.takePhoto}
            data-testid="progress-photo-input"
            onChange={(event) => {
              addFiles(event.target.files);
              event.target.value = '';
            }}
          />
          <input
            ref={filesRef}
            className="visually-hidden"
            type="file"
            multiple
            accept={FILE_ACCEPT}
            tabIndex={-1}
            aria-label={t.chooseFiles}
            data-testid="progress-file-input"
            onChange={(event) => {
              addFiles(event.target.files);
              event.target.value = '';
            }}
          />
        </div>
        {files.length > 0 ? (
          <ul className="progress-files__chosen" data-testid="progress-chosen-files">
            {files.map((file, index) => (
              <li key={`${file.name}-${index}`}>
                <FileThumb file={file} />
                <span className="progress-files__name">{file.name}</span>
                <button
                  type="button"
                  className="button button--ghost button--small"
                  aria-label={t.removeFile(file.name)}
                  onClick={() => setFiles((current) => current.filter((_, i) => i !== index))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <p className="field__hint">{t.filesHint}</p>
      </div>

      {message ? (
        <p
          className={`notice ${message.tone === 'success' ? 'notice--success' : 'notice--warning'}`}
          role={message.tone === 'success' ? 'status' : 'alert'}
          data-testid={`progress-${message.tone}`}
        >
          {message.text}
        </p>
      ) : null}

      <div className="progress-form__actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? t.saving : t.save}
        </button>
      </div>
    </form>
  );
}

function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  children: React.ReactNode;
}) {
  return (
    <div className={`field ${error ? 'field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint ? <p className="field__hint">{hint}</p> : null}
      {error ? (
        <p className="field__error" data-testid="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A small preview of a chosen photo (an icon for other files). */
function FileThumb({ file }: { file: PendingFile }) {
  const [url] = useState(() =>
    file.type.startsWith('image/') && typeof URL.createObjectURL === 'function'
      ? URL.createObjectURL(file.blob)
      : null,
  );
  if (!url)
    return (
      <span className="progress-files__icon" aria-hidden="true">
        📄
      </span>
    );
  return <img className="progress-files__thumb" src={url} alt="" />;
}

/** The row's updates, newest first, and those of the years it was carried from. */
function ProgressLog({ planId, detail }: { planId: string; detail: RowProgressDetail }) {
  const entries = sortEntries(detail.entries);
  return (
    <>
      {entries.length === 0 ? (
        <p className="muted">{t.logEmpty}</p>
      ) : (
        <ol className="progress-log__list">
          {entries.map((entry) => (
            <ProgressLogEntry key={entry.id} planId={planId} entry={entry} />
          ))}
        </ol>
      )}
      {detail.earlierYears.length > 0 ? (
        <details className="progress-log__earlier">
          <summary>{t.earlierYears}</summary>
          {detail.earlierYears.map((year) => (
            <div key={year.rowId}>
              <p className="progress-log__year">
                {t.earlierYear(year.schoolYear)} · <ProgressStatusChip status={year.status} />{' '}
                {t.percentValue(year.percent)}
              </p>
              <ol className="progress-log__list">
                {sortEntries(year.entries).map((entry) => (
                  <ProgressLogEntry key={entry.id} planId={year.planId} entry={entry} />
                ))}
              </ol>
            </div>
          ))}
        </details>
      ) : null}
    </>
  );
}

function sortEntries(entries: readonly ProgressEntry[]): ProgressEntry[] {
  return [...entries].sort(
    (a, b) => b.entryDate.localeCompare(a.entryDate) || b.recordedAt.localeCompare(a.recordedAt),
  );
}

function ProgressLogEntry({ planId, entry }: { planId: string; entry: ProgressEntry }) {
  return (
    <li className="progress-entry" data-testid="progress-entry">
      <p className="progress-entry__head">
        <strong>{formatDate(entry.entryDate)}</strong>
        <span className="muted"> {t.by(entry.authorName)}</span>
        {entry.status ? (
          <>
            {' '}
            <ProgressStatusChip status={entry.status} />
          </>
        ) : null}
        {entry.percent !== null ? (
          <span className="progress-entry__percent"> {t.percentValue(entry.percent)}</span>
        ) : null}
      </p>
      {entry.result ? <p className="pre-line">{entry.result}</p> : null}
      {entry.note ? <p className="pre-line muted">{entry.note}</p> : null}
      {entry.spent ? (
        <p className="progress-entry__spent">
          {t.spent(formatNumber(entry.spent.amount), t.sourceLabel(entry.spent.source))}
          {entry.spent.text ? ` — ${entry.spent.text}` : ''}
        </p>
      ) : null}
      {entry.files.length > 0 ? (
        <ul className="progress-entry__files">
          {entry.files.map((file) => (
            <li key={file.id}>
              <a
                href={routeUrl('downloadProgressFile', { params: { planId, fileId: file.id } })}
                target="_blank"
                rel="noreferrer"
              >
                {file.fileName}
              </a>
              {file.evidenceCode ? (
                <span className="progress-chip progress-chip--info">
                  {t.evidence(file.evidenceCode)}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="progress-entry__meta muted">{t.recordedAt(formatDateTime(entry.recordedAt))}</p>
    </li>
  );
}
