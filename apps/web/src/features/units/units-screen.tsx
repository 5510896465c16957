import { ALLOWED_PARENT_KINDS, UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind } from '@caitien/core';
import { useDeferredValue, useId, useState, type FormEvent } from 'react';
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
import { childKindsOf, isMoveTarget } from './unit-tree.ts';
import { UnitSelect } from './unit-select.tsx';
import {
  useCreateUnit,
  useDeleteUnit,
  useMoveUnit,
  useRenameUnit,
  useUnitPages,
  useUnitRoots,
} from './units.queries.ts';
import { viUnitTree } from './vi-unit-tree.ts';
import './unit-tree.css';

const t = vi.units;
const tt = viUnitTree;

type Editing =
  | { mode: 'create'; parentId: string | null; key: number }
  | { mode: 'rename'; unitId: string }
  | { mode: 'move'; unitId: string }
  | null;

/** Quản trị → Đơn vị: the tree of offices and schools, opened lazily; search; create, rename, move, delete. */
export function UnitsScreen() {
  const roots = useUnitRoots();
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Unit | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query.trim());
  const searchId = useId();
  const remove = useDeleteUnit();

  const openCreate = (parentId: string | null) =>
    setEditing({ mode: 'create', parentId, key: Date.now() });
  const rootItems = roots.data?.items ?? [];
  // A single root (an office user's xã) is open until it is closed.
  const isOpen = (unitId: string) =>
    expanded.has(unitId) ||
    (rootItems.length === 1 && rootItems[0]?.id === unitId && !collapsed.has(unitId));
  const toggle = (unitId: string) => {
    const open = isOpen(unitId);
    setExpanded((current) => {
      const next = new Set(current);
      if (open) next.delete(unitId);
      else next.add(unitId);
      return next;
    });
    setCollapsed((current) => {
      const next = new Set(current);
      if (open) next.add(unitId);
      else next.delete(unitId);
      return next;
    });
  };
  /** After a unit is created or moved under `parent`, its place opens so it shows. */
  const reveal = (parent: Pick<Unit, 'id' | 'ancestors'> | null) => {
    if (!parent) return;
    const ids = [...parent.ancestors.map((a) => a.id), parent.id];
    setExpanded((current) => new Set([...current, ...ids]));
    setCollapsed((current) => new Set([...current].filter((id) => !ids.includes(id))));
  };
  const tree: TreeProps = {
    editing,
    setEditing,
    onCreateChild: openCreate,
    onDelete: setDeleting,
    isOpen,
    toggle,
    reveal,
  };

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
      {roots.isPending ? (
        <LoadingState label={vi.common.loading} />
      ) : roots.isError ? (
        <QueryFailure
          title={t.loadError}
          error={roots.error}
          onRetry={() => void roots.refetch()}
        />
      ) : (
        <>
          {editing?.mode === 'create' && editing.parentId === null ? (
            <UnitCreateForm
              key={editing.key}
              parent={null}
              onDone={() => setEditing(null)}
              onCreated={reveal}
            />
          ) : null}
          {rootItems.length === 0 ? (
            <EmptyState title={t.empty}>
              <p>{t.emptyHint}</p>
            </EmptyState>
          ) : (
            <>
              <div className="toolbar">
                <div className="field toolbar__search">
                  <label htmlFor={searchId} className="field__label">
                    {tt.search}
                  </label>
                  <input
                    id={searchId}
                    className="input"
                    type="search"
                    value={query}
                    onChange={(event) => setQuery(event.target.value)}
                    placeholder={tt.searchPlaceholder}
                  />
                </div>
              </div>
              {deferred ? (
                <UnitSearchResults query={deferred} tree={tree} />
              ) : (
                <ul className="unit-tree" data-testid="unit-tree" aria-label={t.treeLabel}>
                  {rootItems.map((unit) => (
                    <UnitTreeItem key={unit.id} unit={unit} tree={tree} />
                  ))}
                </ul>
              )}
            </>
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

interface TreeProps {
  editing: Editing;
  setEditing: (editing: Editing) => void;
  onCreateChild: (parentId: string) => void;
  onDelete: (unit: Unit) => void;
  isOpen: (unitId: string) => boolean;
  toggle: (unitId: string) => void;
  reveal: (parent: Pick<Unit, 'id' | 'ancestors'> | null) => void;
}

/** Units whose names match the search, any depth, each with its place ("Sở … › UBND xã …"). */
function UnitSearchResults({ query, tree }: { query: string; tree: TreeProps }) {
  const found = useUnitPages({ q: query, limit: 100 });
  if (found.isPending) return <LoadingState label={vi.common.loading} />;
  if (found.isError)
    return (
      <QueryFailure title={t.loadError} error={found.error} onRetry={() => void found.refetch()} />
    );
  const { items, total } = found.data;
  return (
    <>
      <p className="toolbar__count" role="status">
        {tt.searchCount(items.length, total)}
      </p>
      {items.length === 0 ? (
        <EmptyState title={tt.searchEmpty} />
      ) : (
        <ul className="unit-tree" data-testid="unit-search-results" aria-label={tt.search}>
          {items.map((unit) => (
            <UnitTreeItem key={unit.id} unit={unit} tree={tree} showTrail />
          ))}
        </ul>
      )}
      {found.hasNextPage ? (
        <MoreButton
          left={total - items.length}
          pending={found.isFetchingNextPage}
          onClick={() => void found.fetchNextPage()}
        />
      ) : null}
    </>
  );
}

function MoreButton({
  left,
  pending,
  onClick,
}: {
  left: number;
  pending: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className="button button--small button--secondary unit-tree__more"
      onClick={onClick}
      disabled={pending}
    >
      {tt.more(left)}
    </button>
  );
}

/** The children of an open unit, one page (200) at a time. */
function UnitChildren({ parent, tree }: { parent: Unit; tree: TreeProps }) {
  const children = useUnitPages({ parentId: parent.id });
  if (children.isPending)
    return (
      <p className="unit-tree__status muted" role="status">
        {tt.loadingChildren}
      </p>
    );
  if (children.isError)
    return (
      <p className="unit-tree__status" role="alert">
        {tt.childrenError}{' '}
        <button
          type="button"
          className="button button--small button--ghost"
          onClick={() => void children.refetch()}
        >
          {tt.retry}
        </button>
      </p>
    );
  const { items, total } = children.data;
  if (items.length === 0) return null;
  return (
    <ul className="unit-tree__children" aria-label={parent.name}>
      {items.map((unit) => (
        <UnitTreeItem key={unit.id} unit={unit} tree={tree} />
      ))}
      {children.hasNextPage ? (
        <li>
          <MoreButton
            left={total - items.length}
            pending={children.isFetchingNextPage}
            onClick={() => void children.fetchNextPage()}
          />
        </li>
      ) : null}
    </ul>
  );
}

function UnitTreeItem({
  unit,
  tree,
  showTrail = false,
}: {
  unit: Unit;
  tree: TreeProps;
  showTrail?: boolean;
}) {
  const { editing, setEditing, onCreateChild, onDelete } = tree;
  const childKinds = childKindsOf(unit.kind);
  const isRenaming = editing?.mode === 'rename' && editing.unitId === unit.id;
  const isMoving = editing?.mode === 'move' && editing.unitId === unit.id;
  const isCreatingChild = editing?.mode === 'create' && editing.parentId === unit.id;
  const expandable = !showTrail && unit.childCount > 0;
  const open = expandable && tree.isOpen(unit.id);
  return (
    <li className="unit-tree__item" data-testid="unit-item" data-unit-kind={unit.kind}>
      <div className={`unit-row unit-row--${unit.kind}`}>
        <div className="unit-row__main">
          {expandable ? (
            <button
              type="button"
              className="unit-row__toggle"
              aria-expanded={open}
              aria-label={open ? tt.collapse(unit.name) : tt.expand(unit.name)}
              onClick={() => tree.toggle(unit.id)}
            >
              <span aria-hidden="true">{open ? '▾' : '▸'}</span>
            </button>
          ) : showTrail ? null : (
            <span className="unit-row__toggle unit-row__toggle--leaf" aria-hidden="true" />
          )}
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
              {unit.childCount > 0 ? (
                <span className="unit-row__count muted">{tt.childCount(unit.childCount)}</span>
              ) : null}
              {showTrail && unit.ancestors.length > 0 ? (
                <span className="unit-row__trail muted">
                  {unit.ancestors.map((a) => a.name).join(' › ')}
                </span>
              ) : null}
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
      {isMoving ? (
        <MoveForm unit={unit} onDone={() => setEditing(null)} onMoved={tree.reveal} />
      ) : null}
      {isCreatingChild ? (
        <UnitCreateForm parent={unit} onDone={() => setEditing(null)} onCreated={tree.reveal} />
      ) : null}
      {open ? <UnitChildren parent={unit} tree={tree} /> : null}
    </li>
  );
}

/** Kinds of unit a unit of `kind` may sit under (null, the top, left out). */
function parentKindsOf(kind: UnitKind): UnitKind[] {
  return ALLOWED_PARENT_KINDS[kind].flatMap((k) => (k === null ? [] : [k]));
}

/** "Thêm đơn vị": kind, name and parent (searched); under a row, the parent is that row. */
function UnitCreateForm({
  parent: fixedParent,
  onDone,
  onCreated,
}: {
  parent: Unit | null;
  onDone: () => void;
  onCreated: (parent: Pick<Unit, 'id' | 'ancestors'> | null) => void;
}) {
  const kinds = fixedParent ? childKindsOf(fixedParent.kind) : [...UNIT_KINDS];
  const [kind, setKind] = useState<UnitKind>(
    fixedParent
      ? kinds.includes('school') && fixedParent.kind !== 'province'
        ? 'school'
        : (kinds[0] ?? 'school')
      : 'province',
  );
  const [name, setName] = useState('');
  const topAllowed = ALLOWED_PARENT_KINDS[kind].includes(null);
  const [chosen, setChosen] = useState<{ id: string; unit: Unit | null }>({ id: '', unit: null });
  const effectiveParent = fixedParent ? fixedParent.id : chosen.id;
  const parentUnit = fixedParent ?? chosen.unit;
  const create = useCreateUnit();
  const errors = fieldErrorsOf(create.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { kind, name, parentId: effectiveParent || null },
      {
        onSuccess: () => {
          onCreated(effectiveParent ? parentUnit : null);
          onDone();
        },
      },
    );
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
          <UnitSelect
            key={kind}
            label={t.parent}
            name="parentId"
            value={chosen.id}
            onChange={(id, unit) => setChosen({ id, unit })}
            kinds={parentKindsOf(kind)}
            topLabel={topAllowed ? t.topLevel : undefined}
            error={errors.parentId}
          />
        )}
      </div>
      <OtherFieldErrors errors={errors} shown={['kind', 'name', 'parentId']} />
      <div className="form-actions">
        <button
          type="submit"
          className="button"
          disabled={create.isPending || (!fixedParent && !topAllowed && !chosen.id)}
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

function MoveForm({
  unit,
  onDone,
  onMoved,
}: {
  unit: Unit;
  onDone: () => void;
  onMoved: (parent: Pick<Unit, 'id' | 'ancestors'> | null) => void;
}) {
  const topAllowed = ALLOWED_PARENT_KINDS[unit.kind].includes(null) && unit.parentId !== null;
  const [target, setTarget] = useState<{ id: string; unit: Unit | null }>({ id: '', unit: null });
  const move = useMoveUnit();
  const errors = fieldErrorsOf(move.error);
  const kinds = parentKindsOf(unit.kind);
  return (
    <form
      className="card form form--padded unit-form"
      data-testid="unit-move-form"
      onSubmit={(event) => {
        event.preventDefault();
        move.mutate(
          { unitId: unit.id, parentId: target.id || null, version: unit.version },
          {
            onSuccess: () => {
              onMoved(target.id ? target.unit : null);
              onDone();
            },
          },
        );
      }}
    >
      <p className="panel__title">{t.moveOf(unit.name)}</p>
      {kinds.length === 0 && !topAllowed ? (
        <p className="muted">{t.noMoveTarget}</p>
      ) : (
        <UnitSelect
          label={t.newParent}
          name="parentId"
          value={target.id}
          onChange={(id, chosen) => setTarget({ id, unit: chosen })}
          kinds={kinds}
          accept={(candidate) => isMoveTarget(unit, candidate)}
          topLabel={topAllowed ? t.topLevel : undefined}
          error={errors.parentId}
        />
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="button"
          disabled={move.isPending || (!target.id && !topAllowed)}
        >
          {t.moveSubmit}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {vi.common.cancel}
        </button>
      </div>
    </form>
  );
}
