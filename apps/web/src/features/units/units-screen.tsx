import { ALLOWED_PARENT_KINDS, UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind } from '@caitien/core';
import { useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/api-error.ts';
import { vi } from '../../i18n/vi.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { Badge } from '../../ui/badge.tsx';
import { OtherFieldErrors, SelectField, TextField } from '../../ui/form.tsx';
import { ConfirmDialog } from '../../ui/modal.tsx';
import { PageHeader, QueryFailure } from '../../ui/page.tsx';
import { EmptyState, LoadingState } from '../../ui/status.tsx';
import type { Unit } from '../auth/access.ts';
import { hrefs } from '../shell/app-routes.ts';
import {
  buildUnitTree,
  childKindsOf,
  moveTargetsOf,
  unitTrail,
  type UnitNode,
} from './unit-tree.ts';
import {
  useCreateUnit,
  useDeleteUnit,
  useMoveUnit,
  useRenameUnit,
  useUnits,
} from './units.queries.ts';

const t = vi.units;

type Editing =
  | { mode: 'create'; parentId: string | null; key: number }
  | { mode: 'rename'; unitId: string }
  | { mode: 'move'; unitId: string }
  | null;

/** Quản trị → Đơn vị: the tree of offices and schools; create, rename, move, delete. */
export function UnitsScreen() {
  const units = useUnits();
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Unit | null>(null);
  const remove = useDeleteUnit();

  const openCreate = (parentId: string | null) =>
    setEditing({ mode: 'create', parentId, key: Date.now() });

  return (
    <div className="stack">
      <PageHeader
        title={t.title}
        intro={t.intro}
        actions={
          <button type="button" className="button" onClick={() => openCreate(null)}>
            {t.add}
          </button>
        }
      />
      {units.isPending ? (
        <LoadingState label={vi.common.loading} />
      ) : units.isError ? (
        <QueryFailure
          title={t.loadError}
          error={units.error}
          onRetry={() => void units.refetch()}
        />
      ) : (
        <>
          {editing?.mode === 'create' && editing.parentId === null ? (
            <UnitCreateForm
              key={editing.key}
              units={units.data}
              parentId={null}
              onDone={() => setEditing(null)}
            />
          ) : null}
          {units.data.length === 0 ? (
            <EmptyState title={t.empty}>
              <p>{t.emptyHint}</p>
            </EmptyState>
          ) : (
            <ul className="unit-tree" data-testid="unit-tree" aria-label={t.treeLabel}>
              {buildUnitTree(units.data).map((node) => (
                <UnitTreeItem
                  key={node.unit.id}
                  node={node}
                  units={units.data}
                  editing={editing}
                  setEditing={setEditing}
                  onCreateChild={openCreate}
                  onDelete={setDeleting}
                />
              ))}
            </ul>
          )}
        </>
      )}
      {deleting ? (
        <ConfirmDialog
          title={t.deleteTitle}
          message={<p>{t.deleteConfirm(deleting.name)}</p>}
          confirmLabel={t.delete}
          isPending={remove.isPending}
          onCancel={() => setDeleting(null)}
          onConfirm={() => remove.mutate(deleting.id, { onSettled: () => setDeleting(null) })}
        />
      ) : null}
    </div>
  );
}

function UnitTreeItem({
  node,
  units,
  editing,
  setEditing,
  onCreateChild,
  onDelete,
}: {
  node: UnitNode;
  units: Unit[];
  editing: Editing;
  setEditing: (editing: Editing) => void;
  onCreateChild: (parentId: string) => void;
  onDelete: (unit: Unit) => void;
}) {
  const { unit } = node;
  const childKinds = childKindsOf(unit.kind);
  const isRenaming = editing?.mode === 'rename' && editing.unitId === unit.id;
  const isMoving = editing?.mode === 'move' && editing.unitId === unit.id;
  const isCreatingChild = editing?.mode === 'create' && editing.parentId === unit.id;
  return (
    <li className="unit-tree__item" data-testid="unit-item" data-unit-kind={unit.kind}>
      <div className={`unit-row unit-row--${unit.kind}`}>
        <div className="unit-row__main">
          {isRenaming ? (
            <RenameForm unit={unit} onDone={() => setEditing(null)} />
          ) : (
            <>
              <span className="unit-row__name" data-testid="unit-name">
                {unit.kind === 'school' ? (
                  <AppLink href={hrefs.school(unit.id)}>{unit.name}</AppLink>
                ) : (
                  unit.name
                )}
              </span>
              <Badge tone={unit.kind === 'school' ? 'info' : 'neutral'}>
                {t.kindShort[unit.kind]}
              </Badge>
            </>
          )}
        </div>
        {isRenaming ? null : (
          <div className="unit-row__actions">
            {childKinds.length > 0 ? (
              <button
                type="button"
                className="button button--small button--secondary"
                onClick={() => onCreateChild(unit.id)}
                aria-label={t.addChildOf(unit.name)}
              >
                {t.addChild}
              </button>
            ) : null}
            <button
              type="button"
              className="button button--small button--ghost"
              onClick={() => setEditing({ mode: 'rename', unitId: unit.id })}
              aria-label={t.renameOf(unit.name)}
            >
              {t.rename}
            </button>
            <button
              type="button"
              className="button button--small button--ghost"
              onClick={() => setEditing({ mode: 'move', unitId: unit.id })}
              aria-label={t.moveOf(unit.name)}
            >
              {t.move}
            </button>
            <button
              type="button"
              className="button button--small button--ghost button--danger-text"
              onClick={() => onDelete(unit)}
              aria-label={t.deleteOf(unit.name)}
            >
              {t.delete}
            </button>
          </div>
        )}
      </div>
      {isMoving ? <MoveForm unit={unit} units={units} onDone={() => setEditing(null)} /> : null}
      {isCreatingChild ? (
        <UnitCreateForm units={units} parentId={unit.id} onDone={() => setEditing(null)} />
      ) : null}
      {node.children.length > 0 ? (
        <ul className="unit-tree__children">
          {node.children.map((child) => (
            <UnitTreeItem
              key={child.unit.id}
              node={child}
              units={units}
              editing={editing}
              setEditing={setEditing}
              onCreateChild={onCreateChild}
              onDelete={onDelete}
            />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** Parents a new unit of `kind` may sit under (null: the top). */
function parentsFor(kind: UnitKind, units: readonly Unit[]): Array<Unit | null> {
  const allowed = ALLOWED_PARENT_KINDS[kind];
  return [
    ...(allowed.includes(null) ? [null] : []),
    ...units.filter((unit) => allowed.includes(unit.kind)),
  ];
}

/** "Thêm đơn vị": kind, name and parent; under a row, the parent is that row. */
function UnitCreateForm({
  units,
  parentId,
  onDone,
}: {
  units: Unit[];
  parentId: string | null;
  onDone: () => void;
}) {
  const fixedParent = parentId ? (units.find((unit) => unit.id === parentId) ?? null) : null;
  const kinds = fixedParent ? childKindsOf(fixedParent.kind) : [...UNIT_KINDS];
  const [kind, setKind] = useState<UnitKind>(
    fixedParent
      ? kinds.includes('school') && fixedParent.kind !== 'province'
        ? 'school'
        : (kinds[0] ?? 'school')
      : 'province',
  );
  const [name, setName] = useState('');
  const parents = parentsFor(kind, units);
  const [chosenParent, setChosenParent] = useState<string>(fixedParent?.id ?? '');
  const effectiveParent = fixedParent
    ? fixedParent.id
    : parents.some((p) => (p?.id ?? '') === chosenParent)
      ? chosenParent
      : (parents[0]?.id ?? '');
  const create = useCreateUnit();
  const errors = fieldErrorsOf(create.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ kind, name, parentId: effectiveParent || null }, { onSuccess: () => onDone() });
  };

  return (
    <form
      className="card form form--padded unit-form"
      onSubmit={onSubmit}
      data-testid="unit-create-form"
      aria-label={fixedParent ? t.addChildOf(fixedParent.name) : t.add}
    >
      <p className="panel__title">{fixedParent ? t.addChildOf(fixedParent.name) : t.add}</p>
      <div className="form-grid">
        <SelectField
          label={t.kind}
          name="kind"
          value={kind}
          onChange={(event) => setKind(event.target.value as UnitKind)}
          error={errors.kind}
        >
          {kinds.map((value) => (
            <option key={value} value={value}>
              {UNIT_KIND_LABELS[value]}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t.name}
          name="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder={t.namePlaceholder[kind]}
          required
          autoFocus
          error={errors.name}
        />
        {fixedParent ? null : (
          <SelectField
            label={t.parent}
            name="parentId"
            value={effectiveParent}
            onChange={(event) => setChosenParent(event.target.value)}
            error={errors.parentId}
            hint={parents.length === 0 ? t.noParentFor(UNIT_KIND_LABELS[kind]) : undefined}
          >
            {parents.map((parent) => (
              <option key={parent?.id ?? 'top'} value={parent?.id ?? ''}>
                {parent ? unitTrail(parent) : t.topLevel}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      <OtherFieldErrors errors={errors} shown={['kind', 'name', 'parentId']} />
      <div className="form-actions">
        <button
          type="submit"
          className="button"
          disabled={create.isPending || (!fixedParent && parents.length === 0)}
        >
          {t.create}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {vi.common.cancel}
        </button>
      </div>
    </form>
  );
}

function RenameForm({ unit, onDone }: { unit: Unit; onDone: () => void }) {
  const [name, setName] = useState(unit.name);
  const rename = useRenameUnit();
  const errors = fieldErrorsOf(rename.error);
  return (
    <form
      className="inline-form"
      data-testid="unit-rename-form"
      onSubmit={(event) => {
        event.preventDefault();
        rename.mutate({ unitId: unit.id, name, version: unit.version }, { onSuccess: onDone });
      }}
    >
      <TextField
        label={t.newName}
        name="name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        required
        autoFocus
        error={errors.name}
        className="inline-form__field"
      />
      <div className="form-actions">
        <button type="submit" className="button button--small" disabled={rename.isPending}>
          {vi.common.save}
        </button>
        <button type="button" className="button button--small button--secondary" onClick={onDone}>
          {vi.common.cancel}
        </button>
      </div>
    </form>
  );
}

function MoveForm({ unit, units, onDone }: { unit: Unit; units: Unit[]; onDone: () => void }) {
  const targets = moveTargetsOf(unit, units).filter(
    (target) => (target?.id ?? null) !== unit.parentId,
  );
  const [parentId, setParentId] = useState(targets[0]?.id ?? '');
  const move = useMoveUnit();
  const errors = fieldErrorsOf(move.error);
  return (
    <form
      className="card form form--padded unit-form"
      data-testid="unit-move-form"
      onSubmit={(event) => {
        event.preventDefault();
        move.mutate(
          { unitId: unit.id, parentId: parentId || null, version: unit.version },
          { onSuccess: onDone },
        );
      }}
    >
      <p className="panel__title">{t.moveOf(unit.name)}</p>
      {targets.length === 0 ? (
        <p className="muted">{t.noMoveTarget}</p>
      ) : (
        <SelectField
          label={t.newParent}
          name="parentId"
          value={parentId}
          onChange={(event) => setParentId(event.target.value)}
          error={errors.parentId}
        >
          {targets.map((target) => (
            <option key={target?.id ?? 'top'} value={target?.id ?? ''}>
              {target ? unitTrail(target) : t.topLevel}
            </option>
          ))}
        </SelectField>
      )}
      <div className="form-actions">
        <button type="submit" className="button" disabled={move.isPending || targets.length === 0}>
          {t.moveSubmit}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {vi.common.cancel}
        </button>
      </div>
    </form>
  );
}
