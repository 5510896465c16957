import type { ProgressStatus } from '@caitien/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { conflictCurrentOf, errorMessageOf, isConflict } from '../../api/api-error.ts';
import { apiRequest, type RouteResponse } from '../../api/http-client.ts';
import { vi } from '../../i18n/vi.ts';
import { viMonitoring } from '../../i18n/vi-monitoring.ts';
import { ConflictNotice, conflictFields } from '../../ui/conflict-notice.tsx';
import { TextAreaField } from '../../ui/form.tsx';
import { Modal } from '../../ui/modal.tsx';
import { STATUS_ORDER } from './monitoring-logic.ts';
import { useRefreshMonitoring, type RowProgress } from './monitoring.queries.ts';

const t = viMonitoring.sheet;

type Draft = { status: ProgressStatus; percent: number; result: string };

/**
 * Updating one row's progress from the monitoring table: status, percent, result and a note, as
 * one dated entry of the row's log; a 409 shows what someone else saved meanwhile.
 */
export function RowProgressSheet({
  planId,
  row,
  today,
  onClose,
}: {
  planId: string;
  row: RowProgress;
  today: string;
  onClose: () => void;
}) {
  const refresh = useRefreshMonitoring(planId);
  const [base, setBase] = useState<{ version: number; draft: Draft }>({
    version: row.version,
    draft: { status: row.status, percent: row.percent, result: row.result },
  });
  const [draft, setDraft] = useState<Draft>(base.draft);
  const [note, setNote] = useState('');
  const [conflict, setConflict] = useState<{ version: number; theirs: Draft } | null>(null);
  const save = useMutation({
    mutationFn: () =>
      apiRequest('addRowProgress', {
        params: { planId, rowId: row.rowId },
        body: {
          version: base.version,
          entryDate: today,
          ...(draft.status !== base.draft.status ? { status: draft.status } : {}),
          ...(draft.percent !== base.draft.percent ? { percent: draft.percent } : {}),
          ...(draft.result !== base.draft.result ? { result: draft.result } : {}),
          note,
        },
      }),
    onSuccess: async () => {
      await refresh();
      onClose();
    },
    onError: (error) => {
      const current = conflictCurrentOf<RouteResponse<'getRowProgress'>>(error);
      if (current)
        setConflict({
          version: current.row.version,
          theirs: {
            status: current.row.status,
            percent: current.row.percent,
            result: current.row.result,
          },
        });
    },
    meta: { successMessage: t.updated, reportsErrorsInline: true },
  });
  const labels = [
    {
      key: 'status' as const,
      label: viMonitoring.progress.columns.status,
      format: (v: Draft[keyof Draft]) => viMonitoring.statuses[v as ProgressStatus],
    },
    { key: 'percent' as const, label: viMonitoring.progress.columns.percent },
    { key: 'result' as const, label: viMonitoring.progress.columns.result },
  ];

  return (
    <Modal title={t.title(row.ordinal)} onClose={onClose} testId="row-progress-sheet">
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <p className="pre-line">{row.content}</p>
        <label className="field">
          <span className="field__label">{viMonitoring.progress.columns.status}</span>
          <select
            className="input select"
            value={draft.status}
            disabled={!row.canUpdate}
            onChange={(event) => {
              const status = event.target.value as ProgressStatus;
              setDraft((d) => ({ ...d, status, percent: status === 'done' ? 100 : d.percent }));
            }}
          >
            {STATUS_ORDER.map((status) => (
              <option key={status} value={status}>
                {viMonitoring.statuses[status]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{viMonitoring.progress.columns.percent}</span>
          <input
            className="input"
            type="number"
            min={0}
            max={100}
            step={5}
            value={draft.percent}
            disabled={!row.canUpdate}
            onChange={(event) => setDraft((d) => ({ ...d, percent: Number(event.target.value) }))}
          />
        </label>
        <TextAreaField
          label={viMonitoring.progress.columns.result}
          value={draft.result}
          disabled={!row.canUpdate}
          onChange={(event) => setDraft((d) => ({ ...d, result: event.target.value }))}
        />
        <TextAreaField
          label={t.note}
          value={note}
          disabled={!row.canUpdate}
          onChange={(event) => setNote(event.target.value)}
        />
        {conflict ? (
          <ConflictNotice
            fields={conflictFields(labels, base.draft, conflict.theirs, draft)}
            onUseTheirs={() => {
              setBase({ version: conflict.version, draft: conflict.theirs });
              setDraft(conflict.theirs);
              setConflict(null);
            }}
            onKeepMine={() => {
              setBase({ version: conflict.version, draft: conflict.theirs });
              setConflict(null);
            }}
          />
        ) : save.isError && !isConflict(save.error) ? (
          <p className="form-alert" role="alert">
            {errorMessageOf(save.error)}
          </p>
        ) : null}
        <div className="form-actions">
          {row.canUpdate ? (
            <button type="submit" className="button" disabled={save.isPending}>
              {vi.common.save}
            </button>
          ) : null}
          <button type="button" className="button button--secondary" onClick={onClose}>
            {vi.common.close}
          </button>
        </div>
      </form>
    </Modal>
  );
}
