import type { RowTextField } from '@caitien/core';
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { vi } from '../../i18n/vi.ts';
import { Modal } from '../../ui/modal.tsx';
import { budgetSummary, timeSummary, type PlanRow } from './plan-layout.ts';

/** What a cell asks its row to do: save one field from the version the edit started at. */
export type SaveField = (
  field: RowTextField,
  value: string,
  version: number,
) => Promise<{ ok: true; row: PlanRow } | { ok: false; current: PlanRow | null }>;

/** Names of the school's people by id, to show whom a "Phụ trách" cell matched. */
export type PeopleNames = ReadonlyMap<string, string>;

/**
 * Moves focus to the cell at (row, column) of the table, if there is one. Cells carry
 * `data-cell="row:column"` in display order.
 */
function focusCell(row: number, column: number): boolean {
  const target = document.querySelector<HTMLTextAreaElement>(`[data-cell="${row}:${column}"]`);
  if (!target) return false;
  target.focus();
  return true;
}

/** Browsers that size a textarea by its content in CSS (`field-sizing: content`) need no script. */
const sizesByContent =
  typeof CSS !== 'undefined' && typeof CSS.supports === 'function'
    ? CSS.supports('field-sizing', 'content')
    : false;

/** Grows a textarea with its content (the cell shows all of its text). */
function autosize(element: HTMLTextAreaElement | null) {
  if (!element || sizesByContent) return;
  element.style.height = 'auto';
  element.style.height = `${element.scrollHeight + 2}px`;
}

/**
 * One text cell of a plan row: always a textarea (spreadsheet-like), saved on blur or Ctrl+Enter
 * with the row version the edit started from; Esc puts back what it held; arrows at the text's
 * edges move to the neighbouring cell. Under it, what the server understood of time, budget and
 * people. A 409 on this field opens the merge dialog.
 */
export function PlanCell({
  row,
  field,
  label,
  editable,
  rowIndex,
  columnIndex,
  rowNumber,
  save,
  accept,
  peopleNames,
}: {
  row: PlanRow;
  field: RowTextField;
  label: string;
  editable: boolean;
  rowIndex: number;
  columnIndex: number;
  rowNumber: number;
  save: SaveField;
  /** Takes the server's current row (after "Dùng bản của họ"). */
  accept: (row: PlanRow) => void;
  peopleNames: PeopleNames;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ mine: string; theirs: PlanRow } | null>(null);
  const base = useRef({ text: '', version: 0 });
  const focused = useRef(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  const value = draft ?? row[field];

  useLayoutEffect(() => autosize(ref.current), [value]);

  // The plan turned read-only (approved meanwhile): show what is saved, not an unsaved draft.
  const [wasEditable, setWasEditable] = useState(editable);
  if (wasEditable !== editable) {
    setWasEditable(editable);
    if (!editable) setDraft(null);
  }

  async function commit(text: string, version: number): Promise<void> {
    const outcome = await save(field, text, version);
    if (outcome.ok) {
      if (focused.current) {
        base.current = { text: outcome.row[field], version: outcome.row.version };
        setDraft(outcome.row[field]);
      } else setDraft(null);
      return;
    }
    if (outcome.current) setConflict({ mine: text, theirs: outcome.current });
  }

  function saveIfChanged(): void {
    if (draft === null || draft === base.current.text) {
      if (!focused.current) setDraft(null);
      return;
    }
    void commit(draft, base.current.version);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    const element = event.currentTarget;
    const { selectionStart, selectionEnd } = element;
    const collapsed = selectionStart === selectionEnd;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      saveIfChanged();
      return;
    }
    if (event.key === 'Escape') {
      if (draft !== null && draft !== base.current.text) {
        event.preventDefault();
        setDraft(base.current.text);
      }
      return;
    }
    if (event.altKey || event.shiftKey || event.ctrlKey || event.metaKey || !collapsed) return;
    const text = element.value;
    let moved = false;
    if (event.key === 'ArrowUp' && !text.slice(0, selectionStart).includes('\n'))
      moved = focusCell(rowIndex - 1, columnIndex);
    else if (event.key === 'ArrowDown' && !text.slice(selectionEnd).includes('\n'))
      moved = focusCell(rowIndex + 1, columnIndex);
    else if (event.key === 'ArrowLeft' && selectionStart === 0)
      moved = focusCell(rowIndex, columnIndex - 1);
    else if (event.key === 'ArrowRight' && selectionEnd === text.length)
      moved = focusCell(rowIndex, columnIndex + 1);
    if (moved) event.preventDefault();
  }

  return (
    <>
      <textarea
        ref={ref}
        className="plan-cell__input"
        rows={1}
        value={value}
        readOnly={!editable}
        aria-readonly={!editable || undefined}
        aria-label={`${label} — ${vi.plan.rowLabel(rowNumber)}`}
        data-cell={`${rowIndex}:${columnIndex}`}
        data-field={field}
        onFocus={() => {
          focused.current = true;
          base.current = { text: row[field], version: row.version };
          setDraft(row[field]);
        }}
        onBlur={() => {
          focused.current = false;
          if (editable) saveIfChanged();
          else setDraft(null);
        }}
        onChange={(event) => {
          if (editable) setDraft(event.target.value);
        }}
        onKeyDown={onKeyDown}
      />
      <ParsedHint row={row} field={field} peopleNames={peopleNames} />
      {conflict ? (
        <Modal
          title={vi.plan.conflictTitle}
          onClose={() => setConflict(null)}
          dismissible={false}
          testId="cell-conflict"
        >
          <p>{vi.plan.conflictIntro(label)}</p>
          <div className="plan-conflict">
            <div>
              <p className="plan-conflict__label">{vi.plan.theirs}</p>
              <p className="pre-line plan-conflict__text" data-testid="conflict-theirs">
                {conflict.theirs[field] || vi.plan.empty}
              </p>
            </div>
            <div>
              <p className="plan-conflict__label">{vi.plan.mine}</p>
              <p className="pre-line plan-conflict__text" data-testid="conflict-mine">
                {conflict.mine || vi.plan.empty}
              </p>
            </div>
          </div>
          <div className="form-actions">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                const theirs = conflict.theirs;
                setConflict(null);
                base.current = { text: theirs[field], version: theirs.version };
                setDraft(null);
                accept(theirs);
              }}
            >
              {vi.plan.useTheirs}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                const { mine, theirs } = conflict;
                setConflict(null);
                void commit(mine, theirs.version);
              }}
            >
              {vi.plan.keepMine}
            </button>
          </div>
        </Modal>
      ) : null}
    </>
  );
}

/** What the server understood of a time, budget or people cell, and its warnings. */
function ParsedHint({
  row,
  field,
  peopleNames,
}: {
  row: PlanRow;
  field: RowTextField;
  peopleNames: PeopleNames;
}) {
  if (field === 'time') {
    const time = row.parsed.time;
    if (!time.text.trim()) return null;
    const summary = timeSummary(time);
    return (
      <div className="parsed" data-testid="parsed-time">
        {summary ? <span className="parsed__value">{summary}</span> : null}
        <Issues issues={time.issues} />
      </div>
    );
  }
  if (field === 'budget') {
    const budget = row.parsed.budget;
    const summary = budgetSummary(budget);
    if (!summary && budget.issues.length === 0) return null;
    return (
      <div className="parsed" data-testid="parsed-budget">
        {summary ? <span className="parsed__value">{summary}</span> : null}
        <Issues issues={budget.issues} />
      </div>
    );
  }
  if (field === 'lead') {
    const people = row.parsed.people;
    const refs = [...(people.lead ? [people.lead] : []), ...people.coordinators];
    if (refs.length === 0 && people.issues.length === 0) return null;
    return (
      <div className="parsed" data-testid="parsed-people">
        {refs.length > 0 ? (
          <ul className="parsed__people">
            {refs.map((ref, index) => {
              const names = ref.personIds
                .map((id) => peopleNames.get(id))
                .filter((name): name is string => Boolean(name));
              const matched = ref.personIds.length > 0 || ref.groupId !== null;
              return (
                <li
                  key={`${ref.text}-${index}`}
                  className={matched ? 'is-matched' : ref.kind === 'unknown' ? 'is-unknown' : ''}
                >
                  {names.length > 0 ? `${names.join(', ')} (${ref.text})` : ref.text}
                  <span className="muted"> · {vi.plan.kinds[ref.kind] ?? ref.kind}</span>
                </li>
              );
            })}
          </ul>
        ) : null}
        <Issues issues={people.issues} />
      </div>
    );
  }
  return null;
}

function Issues({
  issues,
}: {
  issues: readonly { code: string; severity: string; message: string }[];
}) {
  if (issues.length === 0) return null;
  return (
    <ul className="parsed__issues">
      {issues.map((issue) => (
        <li
          key={issue.code + issue.message}
          className={`parsed__issue parsed__issue--${issue.severity}`}
          data-testid="parse-warning"
        >
          <span aria-hidden="true">⚠ </span>
          {issue.message}
        </li>
      ))}
    </ul>
  );
}
