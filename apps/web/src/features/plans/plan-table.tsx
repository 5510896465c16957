import { PROGRESS_FIELDS, type RowTextField } from '@caitien/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ApiError, conflictCurrentOf, errorMessageOf } from '../../api/api-error.ts';
import { queryKeys } from '../../api/query-keys.ts';
import { reportError } from '../../api/mutation-reporting.ts';
import { vi } from '../../i18n/vi.ts';
import { ConfirmDialog } from '../../ui/modal.tsx';
import { PlanCell, type PeopleNames, type SaveField } from './plan-cell.tsx';
import {
  displayOrder,
  editorColumns,
  type PlanColumn,
  type PlanDetail,
  type PlanRow,
  type RowSection,
} from './plan-layout.ts';
import { storeRow, useDeleteRow, useDuplicateRow, useSaveCell } from './plans.queries.ts';

/** The last saved change of the editor, for "Hoàn tác". */
export interface LastChange {
  rowId: string;
  field: RowTextField;
  previous: string;
  rowNumber: number;
  label: string;
}

/** How the editor may change the plan, decided once from the status and the user's rights. */
export interface EditRights {
  /** Content (draft or submitted, and the right to edit). */
  content: boolean;
  /** Progress and results (also after approval). */
  progress: boolean;
}

/**
 * The rows table, grouped as the layout requires, with the layout's columns. On a phone every row
 * becomes a card (CSS), each cell under its column's label.
 */
export function PlanTable({
  plan,
  sections,
  rights,
  criterionTitle,
  peopleNames,
  highlightedRowId,
  onChanged,
  onAdd,
  onMove,
  onChooseCriterion,
  rowAddon,
}: {
  plan: PlanDetail;
  sections: readonly RowSection[];
  rights: EditRights;
  criterionTitle: (row: PlanRow) => string | null;
  peopleNames: PeopleNames;
  highlightedRowId: string | null;
  onChanged: (change: LastChange) => void;
  onAdd: (group: PlanRow['group']) => void;
  onMove: (rowId: string, step: -1 | 1) => void;
  /** Opens the criterion picker for a row without a criterion (a TT57 plan). */
  onChooseCriterion: (row: PlanRow) => void;
  /** Shown under the row's number (issue 14: the "Góp ý" marker). */
  rowAddon?: (row: PlanRow, rowNumber: number) => ReactNode;
}) {
  const columns = editorColumns(plan);
  const [removing, setRemoving] = useState<{ row: PlanRow; number: number } | null>(null);
  const remove = useDeleteRow(plan.id);
  const duplicate = useDuplicateRow(plan.id);
  const totalColumns = columns.length + 2 + (rights.content ? 1 : 0);
  const indexOf = new Map(displayOrder(sections).map((row, index) => [row.id, index]));

  return (
    <div className="plan-table-wrap">
      <table className="plan-table" data-testid="plan-table" data-layout={plan.layout}>
        <caption className="visually-hidden">{vi.plan.tableCaption}</caption>
        <thead>
          <tr>
            <th scope="col" className="plan-table__num">
              {vi.plan.rowNumber}
            </th>
            <th scope="col" className="plan-table__criterion">
              {plan.layout === 'bieu2' ? vi.plan.criterion : 'Tiêu chuẩn, tiêu chí'}
            </th>
            {columns.map((column) => (
              <th
                scope="col"
                key={column.field}
                data-field={column.field}
                className={column.printedIn ? 'plan-table__joined' : undefined}
              >
                {column.label}
                {column.printedIn ? (
                  <span className="plan-table__printed-in" data-testid="printed-in">
                    {vi.plan.printedIn(column.printedIn)}
                  </span>
                ) : null}
              </th>
            ))}
            {rights.content ? (
              <th scope="col" className="plan-table__actions">
                <span className="visually-hidden">{vi.plan.rowActions}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        {sections.map((section) => {
          const count = section.standards.reduce((n, s) => n + s.rows.length, 0);
          return (
            <tbody key={section.key} data-testid="plan-group" data-group={section.group}>
              {section.heading ? (
                <tr className="plan-table__group">
                  <th colSpan={totalColumns} scope="colgroup">
                    <span>{section.heading}</span>
                    {count === 0 && section.group === 'level_4' ? (
                      <span className="muted"> — {vi.plan.none}</span>
                    ) : null}
                  </th>
                </tr>
              ) : null}
              {section.standards.map((standard) => [
                standard.heading ? (
                  <tr key={`h-${standard.key}`} className="plan-table__standard">
                    <th colSpan={totalColumns} scope="rowgroup" data-testid="plan-standard">
                      {standard.heading}
                    </th>
                  </tr>
                ) : null,
                ...standard.rows.map((row, indexInList) => {
                  const rowIndex = indexOf.get(row.id) ?? 0;
                  return (
                    <PlanTableRow
                      key={row.id}
                      plan={plan}
                      row={row}
                      rowIndex={rowIndex}
                      columns={columns}
                      rights={rights}
                      criterion={criterionTitle(row)}
                      peopleNames={peopleNames}
                      highlighted={highlightedRowId === row.id}
                      isFirst={indexInList === 0}
                      isLast={indexInList === standard.rows.length - 1}
                      onChanged={onChanged}
                      onDuplicate={() => duplicate.mutate(row.id)}
                      onRemove={() => setRemoving({ row, number: rowIndex + 1 })}
                      onMove={(step) => onMove(row.id, step)}
                      onChooseCriterion={() => onChooseCriterion(row)}
                      addon={rowAddon?.(row, rowIndex + 1)}
                    />
                  );
                }),
              ])}
              {count === 0 && section.group !== 'level_4' ? (
                <tr className="plan-table__empty">
                  <td colSpan={totalColumns} className="muted">
                    {vi.plan.noRows}
                  </td>
                </tr>
              ) : null}
              {rights.content ? (
                <tr className="plan-table__add">
                  <td colSpan={totalColumns}>
                    <button
                      type="button"
                      className="button button--small button--secondary"
                      onClick={() => onAdd(section.group)}
                      data-testid="add-row"
                      data-group={section.group}
                    >
                      {section.heading ? vi.plan.addRowIn(section.heading) : vi.plan.addRow}
                    </button>
                  </td>
                </tr>
              ) : null}
            </tbody>
          );
        })}
      </table>
      {removing ? (
        <ConfirmDialog
          title={vi.plan.removeTitle}
          message={vi.plan.removeMessage(vi.plan.rowLabel(removing.number))}
          confirmLabel={vi.plan.remove}
          isPending={remove.isPending}
          onCancel={() => setRemoving(null)}
          onConfirm={() => remove.mutate(removing.row.id, { onSettled: () => setRemoving(null) })}
        />
      ) : null}
    </div>
  );
}

type SaveStatus =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved' }
  | { state: 'error'; message: string; retry: (() => void) | null };

function PlanTableRow({
  plan,
  row,
  rowIndex,
  columns,
  rights,
  criterion,
  peopleNames,
  highlighted,
  isFirst,
  isLast,
  onChanged,
  onDuplicate,
  onRemove,
  onMove,
  onChooseCriterion,
  addon,
}: {
  plan: PlanDetail;
  row: PlanRow;
  rowIndex: number;
  columns: readonly PlanColumn[];
  rights: EditRights;
  criterion: string | null;
  peopleNames: PeopleNames;
  highlighted: boolean;
  isFirst: boolean;
  isLast: boolean;
  onChanged: (change: LastChange) => void;
  onDuplicate: () => void;
  onRemove: () => void;
  onMove: (step: -1 | 1) => void;
  onChooseCriterion: () => void;
  addon?: ReactNode;
}) {
  const queryClient = useQueryClient();
  const saveCell = useSaveCell(plan.id);
  const [status, setStatus] = useState<SaveStatus>({ state: 'idle' });
  const number = rowIndex + 1;

  const save: SaveField = async (field, value, version) => {
    const previous = row[field];
    setStatus({ state: 'saving' });
    try {
      const saved = await saveCell.mutateAsync({ rowId: row.id, [field]: value, version });
      setStatus({ state: 'saved' });
      const label = columns.find((c) => c.field === field)?.label ?? field;
      onChanged({ rowId: row.id, field, previous, rowNumber: number, label });
      return { ok: true, row: saved };
    } catch (error) {
      const current = conflictCurrentOf<PlanRow>(error);
      if (current) {
        setStatus({ state: 'idle' });
        return { ok: false, current };
      }
      const message = errorMessageOf(error);
      const final = error instanceof ApiError && [403, 404, 409].includes(error.status);
      setStatus({
        state: 'error',
        message,
        retry: final ? null : () => void save(field, value, version),
      });
      reportError(error);
      // The plan changed under us (approved, deleted): show what it is now.
      if (final) await queryClient.invalidateQueries({ queryKey: queryKeys.plans.detail(plan.id) });
      return { ok: false, current: null };
    }
  };

  // A row carried into this plan without a criterion (the 2018 → TT57 mapping had none for it)
  // waits for the school's choice; it is not (yet) a deliberate general issue.
  const awaitsCriterion =
    plan.regime === '2026' &&
    row.group !== 'level_4' &&
    !row.criterionCode &&
    row.carryCount > 0 &&
    plan.carriedFromPlanId !== null;
  const criterionCell =
    row.group === 'level_4'
      ? vi.plan.level4Label(row.level4Key ?? '?')
      : row.criterionCode
        ? vi.plan.criterionLabel(row.criterionCode)
        : awaitsCriterion
          ? vi.plan.criterionUnchosen
          : plan.regime === '2026'
            ? vi.plan.criterionNone
            : '—';

  return (
    <>
      <tr
        id={`plan-row-${row.id}`}
        className={`plan-row ${highlighted ? 'is-highlighted' : ''}`}
        data-testid="plan-row"
        data-row-id={row.id}
      >
        <td className="plan-table__num" data-label={vi.plan.rowNumber}>
          <span className="plan-row__number">{number}</span>
          <SaveState status={status} />
          {addon}
        </td>
        <td className="plan-table__criterion" data-label={vi.plan.criterion}>
          <strong>{criterionCell}</strong>
          {criterion ? <div className="plan-row__criterion-title">{criterion}</div> : null}
          {row.carryCount > 0 ? (
            <div className="muted plan-row__carried">{vi.plan.carriedFrom}</div>
          ) : null}
          {plan.regime === '2026' && row.group !== 'level_4' && !row.criterionCode ? (
            <>
              {awaitsCriterion ? (
                <div className="plan-row__unmapped" data-testid="row-unmapped">
                  {vi.plan.carriedUnmapped}
                </div>
              ) : null}
              {rights.content ? (
                <button
                  type="button"
                  className="link-button"
                  data-testid="choose-criterion"
                  onClick={onChooseCriterion}
                >
                  {vi.plan.chooseCriterion}
                </button>
              ) : null}
            </>
          ) : null}
        </td>
        {columns.map((column, columnIndex) => {
          const editable = PROGRESS_FIELDS.includes(column.field)
            ? rights.progress || rights.content
            : rights.content;
          return (
            <td
              key={column.field}
              data-label={
                column.printedIn
                  ? `${column.label} (${vi.plan.printedIn(column.printedIn)})`
                  : column.label
              }
              className={`plan-cell plan-cell--${column.field} ${
                !editable && !row[column.field].trim() ? 'is-empty-readonly' : ''
              }`}
            >
              <PlanCell
                row={row}
                field={column.field}
                label={column.label}
                editable={editable}
                rowIndex={rowIndex}
                columnIndex={columnIndex}
                rowNumber={number}
                save={save}
                accept={(current) => {
                  storeRow(queryClient, plan.id, current);
                  setStatus({ state: 'idle' });
                }}
                peopleNames={peopleNames}
              />
            </td>
          );
        })}
        {rights.content ? (
          <td className="plan-table__actions" data-label={vi.plan.rowActions}>
            <div className="plan-row__actions">
              <button
                type="button"
                className="button button--small button--ghost"
                onClick={() => onMove(-1)}
                disabled={isFirst}
                aria-label={vi.plan.moveUpLabel(number)}
                title={vi.plan.moveUpLabel(number)}
              >
                ↑<span className="plan-row__action-text"> {vi.plan.moveUp}</span>
              </button>
              <button
                type="button"
                className="button button--small button--ghost"
                onClick={() => onMove(1)}
                disabled={isLast}
                aria-label={vi.plan.moveDownLabel(number)}
                title={vi.plan.moveDownLabel(number)}
              >
                ↓<span className="plan-row__action-text"> {vi.plan.moveDown}</span>
              </button>
              <button
                type="button"
                className="button button--small button--ghost"
                onClick={onDuplicate}
              >
                {vi.plan.duplicate}
              </button>
              <button
                type="button"
                className="button button--small button--ghost button--danger-text"
                onClick={onRemove}
              >
                {vi.plan.remove}
              </button>
            </div>
          </td>
        ) : null}
      </tr>
      {status.state === 'error' ? (
        <tr className="plan-row-error">
          <td colSpan={columns.length + 2 + (rights.content ? 1 : 0)}>
            <p className="plan-row-error__message" role="alert" data-testid="row-save-error">
              {vi.plan.rowLabel(number)}: {status.message}
            </p>
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** "Đang lưu…", "Đã lưu", "Lỗi — thử lại" beside the row number. */
function SaveState({ status }: { status: SaveStatus }) {
  if (status.state === 'idle') return <span className="save-state" aria-live="polite" />;
  if (status.state === 'error')
    return (
      <span className="save-state save-state--error" data-testid="row-save-state">
        {status.retry ? (
          <button type="button" className="link-button" onClick={status.retry}>
            {vi.plan.saveError}
          </button>
        ) : (
          <span>{vi.plan.saveError.split(' — ')[0]}</span>
        )}
      </span>
    );
  return (
    <span
      className={`save-state save-state--${status.state}`}
      aria-live="polite"
      data-testid="row-save-state"
    >
      {status.state === 'saving' ? vi.plan.saving : vi.plan.saved}
    </span>
  );
}
