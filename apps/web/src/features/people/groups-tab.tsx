import { GROUP_KIND_LABELS, GROUP_KINDS, type GroupKind, type MemberRole } from '@caitien/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { conflictCurrentOf, fieldErrorsOf } from '../../api/api-error.ts';
import { vi } from '../../i18n/vi.ts';
import { Badge } from '../../ui/badge.tsx';
import { ConflictNotice, conflictFields, mergeDrafts } from '../../ui/conflict-notice.tsx';
import { FieldSet, OtherFieldErrors, SelectField, TextField } from '../../ui/form.tsx';
import { ConfirmDialog } from '../../ui/modal.tsx';
import { QueryFailure } from '../../ui/page.tsx';
import { EmptyState, LoadingState } from '../../ui/status.tsx';
import { useAccess } from '../auth/use-access.ts';
import { memberRoleLabel, memberRolesFor, sortMembers } from './member-roles.ts';
import {
  useCreateGroup,
  useDeleteGroup,
  useGroups,
  usePeople,
  useUpdateGroup,
  type Group,
  type Person,
} from './people.queries.ts';

const t = vi.groups;

/** Groups in the order a school presents them: leadership, council, monitoring team, tổ, others. */
const KIND_ORDER: GroupKind[] = [
  'leadership',
  'council',
  'monitoring_team',
  'subject_group',
  'office_group',
  'other',
];

type Panel = { mode: 'create' } | { mode: 'edit'; group: Group } | null;

/** Trường → Nhóm & Hội đồng: Ban giám hiệu, Hội đồng tự đánh giá, Tổ giám sát, tổ chuyên môn… */
export function GroupsTab({ schoolId }: { schoolId: string }) {
  const groups = useGroups(schoolId);
  const people = usePeople(schoolId);
  const { access } = useAccess(schoolId);
  const canWrite = access?.can('people.write', schoolId) ?? false;
  const [panel, setPanel] = useState<Panel>(null);
  const [deleting, setDeleting] = useState<Group | null>(null);
  const remove = useDeleteGroup(schoolId);

  if (groups.isPending || people.isPending) return <LoadingState label={vi.common.loading} />;
  if (groups.isError || people.isError) {
    const error = groups.error ?? people.error;
    return (
      <QueryFailure
        title={t.loadError}
        error={error}
        onRetry={() => {
          void groups.refetch();
          void people.refetch();
        }}
        nested
      />
    );
  }
  const sorted = [...groups.data].sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind),
  );

  return (
    <section className="stack" aria-labelledby="groups-title">
      <div className="section-head">
        <div>
          <h2 id="groups-title" className="section-head__title">
            {t.title}
          </h2>
          <p className="muted">{t.intro}</p>
        </div>
        {canWrite ? (
          <div className="section-head__actions">
            <button type="button" className="button" onClick={() => setPanel({ mode: 'create' })}>
              {t.add}
            </button>
          </div>
        ) : null}
      </div>
      {panel?.mode === 'create' ? (
        <GroupForm
          schoolId={schoolId}
          people={people.data}
          existingKinds={groups.data.map((g) => g.kind)}
          onDone={() => setPanel(null)}
        />
      ) : null}
      {sorted.length === 0 ? (
        <EmptyState title={t.empty}>
          <p>{canWrite ? t.emptyHint : t.emptyReadOnly}</p>
        </EmptyState>
      ) : (
        <ul className="group-list">
          {sorted.map((group) =>
            panel?.mode === 'edit' && panel.group.id === group.id ? (
              <li key={group.id}>
                <GroupForm
                  schoolId={schoolId}
                  people={people.data}
                  group={group}
                  existingKinds={[]}
                  onDone={() => setPanel(null)}
                />
              </li>
            ) : (
              <li key={group.id}>
                <GroupCard
                  group={group}
                  onEdit={canWrite ? () => setPanel({ mode: 'edit', group }) : undefined}
                  onDelete={canWrite ? () => setDeleting(group) : undefined}
                />
              </li>
            ),
          )}
        </ul>
      )}
      {deleting ? (
        <ConfirmDialog
          title={t.deleteTitle}
          message={<p>{t.deleteConfirm(deleting.name)}</p>}
          confirmLabel={vi.common.delete}
          isPending={remove.isPending}
          onCancel={() => setDeleting(null)}
          onConfirm={() => remove.mutate(deleting.id, { onSettled: () => setDeleting(null) })}
        />
      ) : null}
    </section>
  );
}

function GroupCard({
  group,
  onEdit,
  onDelete,
}: {
  group: Group;
  onEdit?: (() => void) | undefined;
  onDelete?: (() => void) | undefined;
}) {
  const headingId = `group-${group.id}`;
  return (
    <article className="card panel group-card" aria-labelledby={headingId} data-testid="group-card">
      <div className="panel__head">
        <div>
          <h3 id={headingId} className="panel__title" data-testid="group-name">
            {group.name}
          </h3>
          <p className="muted">
            <Badge tone={group.kind === 'council' ? 'info' : 'neutral'}>
              {GROUP_KIND_LABELS[group.kind]}
            </Badge>{' '}
            {t.memberCount(group.members.length)}
          </p>
        </div>
        {onEdit || onDelete ? (
          <div className="panel__actions">
            {onEdit ? (
              <button
                type="button"
                className="button button--small button--secondary"
                onClick={onEdit}
                aria-label={t.editOf(group.name)}
              >
                {vi.common.edit}
              </button>
            ) : null}
            {onDelete ? (
              <button
                type="button"
                className="button button--small button--ghost button--danger-text"
                onClick={onDelete}
                aria-label={t.deleteOf(group.name)}
              >
                {vi.common.delete}
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      {group.members.length === 0 ? (
        <p className="muted">{t.noMembers}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--compact table--cards" data-testid="group-members">
            <caption className="visually-hidden">{t.membersCaption(group.name)}</caption>
            <thead>
              <tr>
                <th scope="col" className="table__num">
                  {t.columns.number}
                </th>
                <th scope="col">{t.columns.fullName}</th>
                <th scope="col">{t.columns.position}</th>
                <th scope="col">{t.columns.role}</th>
              </tr>
            </thead>
            <tbody>
              {sortMembers(group.members).map((member, index) => (
                <tr key={member.personId} data-testid="group-member">
                  <td className="table__num" data-label={t.columns.number}>
                    {index + 1}
                  </td>
                  <th scope="row" data-label={t.columns.fullName}>
                    {member.fullName}
                  </th>
                  <td data-label={t.columns.position}>{member.position || '—'}</td>
                  <td data-label={t.columns.role} data-testid="member-role">
                    {memberRoleLabel(group.kind, member.memberRole)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}

interface GroupDraft {
  name: string;
  members: Array<{ personId: string; memberRole: MemberRole }>;
}

const draftOf = (group: Group): GroupDraft => ({
  name: group.name,
  members: group.members.map(({ personId, memberRole }) => ({ personId, memberRole })),
});

/** Create a group (kind, name, members with their roles), or change one. */
function GroupForm({
  schoolId,
  people,
  group,
  existingKinds,
  onDone,
}: {
  schoolId: string;
  people: Person[];
  group?: Group;
  existingKinds: GroupKind[];
  onDone: () => void;
}) {
  const initialKind: GroupKind =
    group?.kind ?? (existingKinds.includes('council') ? 'subject_group' : 'council');
  const [kind, setKind] = useState<GroupKind>(initialKind);
  const [nameTouched, setNameTouched] = useState(!!group);
  const [base, setBase] = useState<GroupDraft>(() =>
    group ? draftOf(group) : { name: GROUP_KIND_LABELS[initialKind], members: [] },
  );
  const [version, setVersion] = useState(group?.version ?? 0);
  const [draft, setDraft] = useState<GroupDraft>(base);
  const create = useCreateGroup(schoolId);
  const update = useUpdateGroup(schoolId);
  const mutation = group ? update : create;
  const errors = fieldErrorsOf(mutation.error);
  const current = conflictCurrentOf<Group>(update.error);
  const roles = memberRolesFor(kind);
  const formRef = useRef<HTMLFormElement>(null);
  const nameOf = (personId: string) =>
    people.find((p) => p.id === personId)?.fullName ?? t.unknownPerson;

  useEffect(() => {
    formRef.current?.scrollIntoView({ block: 'nearest' });
  }, []);

  const onKindChange = (next: GroupKind) => {
    setKind(next);
    const allowed = memberRolesFor(next);
    setDraft((d) => ({
      name: nameTouched ? d.name : GROUP_KIND_LABELS[next],
      members: d.members.map((m) =>
        allowed.includes(m.memberRole) ? m : { ...m, memberRole: 'member' },
      ),
    }));
  };

  const addMember = () => {
    const free = people.find(
      (person) => person.isActive && !draft.members.some((m) => m.personId === person.id),
    );
    if (!free) return;
    const hasChair = draft.members.some(
      (m) => m.memberRole === 'chair' || m.memberRole === 'leader',
    );
    const first = roles[0] ?? 'member';
    setDraft((d) => ({
      ...d,
      members: [...d.members, { personId: free.id, memberRole: hasChair ? 'member' : first }],
    }));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (group) {
      update.mutate({ groupId: group.id, ...draft, version }, { onSuccess: onDone });
    } else {
      create.mutate({ kind, ...draft }, { onSuccess: onDone });
    }
  };

  const resolveConflict = (keepMine: boolean) => {
    if (!current) return;
    const theirs = draftOf(current);
    setDraft(keepMine ? mergeDrafts(base, theirs, draft) : theirs);
    setBase(theirs);
    setVersion(current.version);
    update.reset();
  };

  const title = group ? t.editOf(group.name) : t.add;
  const formatMembers = (value: GroupDraft[keyof GroupDraft]) =>
    (value as GroupDraft['members'])
      .map((m) => `${nameOf(m.personId)} (${memberRoleLabel(kind, m.memberRole)})`)
      .join('\n');

  return (
    <form
      ref={formRef}
      className="card panel form"
      onSubmit={onSubmit}
      aria-label={title}
      data-testid="group-form"
    >
      <p className="panel__title">{title}</p>
      {current ? (
        <ConflictNotice
          fields={conflictFields(
            [
              { key: 'name', label: t.name },
              { key: 'members', label: t.members, format: formatMembers },
            ],
            base,
            draftOf(current),
            draft,
          )}
          onUseTheirs={() => resolveConflict(false)}
          onKeepMine={() => resolveConflict(true)}
        />
      ) : null}
      <div className="form-grid">
        <SelectField
          label={t.kind}
          name="kind"
          value={kind}
          disabled={!!group}
          hint={group ? t.kindFixed : undefined}
          onChange={(event) => onKindChange(event.target.value as GroupKind)}
          error={errors.kind}
        >
          {GROUP_KINDS.map((value) => (
            <option key={value} value={value}>
              {GROUP_KIND_LABELS[value]}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t.name}
          name="name"
          value={draft.name}
          required
          onChange={(event) => {
            setNameTouched(true);
            setDraft((d) => ({ ...d, name: event.target.value }));
          }}
          error={errors.name}
        />
      </div>
      <FieldSet
        legend={t.members}
        hint={kind === 'council' ? t.councilHint : undefined}
        error={errors.members}
      >
        {draft.members.length === 0 ? <p className="muted">{t.noMembers}</p> : null}
        <ol className="member-list">
          {draft.members.map((member, index) => (
            <li key={index} className="member-row" data-testid="member-row">
              <SelectField
                label={t.memberPerson(index + 1)}
                value={member.personId}
                onChange={(event) =>
                  setDraft((d) => ({
                    ...d,
                    members: d.members.map((m, i) =>
                      i === index ? { ...m, personId: event.target.value } : m,
                    ),
                  }))
                }
              >
                {people
                  .filter(
                    (person) =>
                      person.id === member.personId ||
                      !draft.members.some((m) => m.personId === person.id),
                  )
                  .map((person) => (
                    <option key={person.id} value={person.id}>
                      {person.fullName}
                      {person.position ? ` — ${person.position}` : ''}
                    </option>
                  ))}
              </SelectField>
              <SelectField
                label={t.memberRole(index + 1)}
                value={member.memberRole}
                onChange={(event) =>
                  setDraft((d) => ({
                    ...d,
                    members: d.members.map((m, i) =>
                      i === index ? { ...m, memberRole: event.target.value as MemberRole } : m,
                    ),
                  }))
                }
              >
                {roles.map((role) => (
                  <option key={role} value={role}>
                    {memberRoleLabel(kind, role)}
                  </option>
                ))}
              </SelectField>
              <button
                type="button"
                className="button button--small button--ghost button--danger-text member-row__remove"
                onClick={() =>
                  setDraft((d) => ({ ...d, members: d.members.filter((_, i) => i !== index) }))
                }
                aria-label={t.removeMember(nameOf(member.personId))}
              >
                {t.remove}
              </button>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="button button--small button--secondary"
          onClick={addMember}
          disabled={draft.members.length >= people.filter((p) => p.isActive).length}
        >
          {t.addMember}
        </button>
        {people.length === 0 ? <p className="field__hint">{t.noPeopleYet}</p> : null}
      </FieldSet>
      <OtherFieldErrors errors={errors} shown={['kind', 'name', 'members']} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={mutation.isPending || !!current}>
          {group ? vi.common.save : t.create}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {vi.common.cancel}
        </button>
      </div>
    </form>
  );
}
