import {
  SCHOOL_LEVEL_LABELS,
  SCHOOL_LEVELS,
  UNIT_KIND_LABELS,
  type SchoolLevel,
} from '@caitien/core';
import { useState, type FormEvent } from 'react';
import { conflictCurrentOf, fieldErrorsOf } from '../../api/api-error.ts';
import { vi } from '../../i18n/vi.ts';
import { ConflictNotice, conflictFields, mergeDrafts } from '../../ui/conflict-notice.tsx';
import { CheckboxField, FieldSet, OtherFieldErrors, TextField } from '../../ui/form.tsx';
import { AppLink } from '../../ui/app-link.tsx';
import { QueryFailure } from '../../ui/page.tsx';
import { LoadingState } from '../../ui/status.tsx';
import { useAccess } from '../auth/use-access.ts';
import { useUnitRoots } from '../units/units.queries.ts';
import type { Unit } from '../auth/access.ts';
import { useSchoolProfile, useUpdateSchoolProfile, type SchoolProfile } from './school.queries.ts';

const t = vi.profile;

/** The editable part of a profile, as the form holds it. */
interface ProfileDraft {
  officialName: string;
  schoolLevels: SchoolLevel[];
  governingBody: string;
  placeName: string;
  documentSymbol: string;
  address: string;
  phone: string;
  email: string;
  sites: Array<{ name: string; address: string }>;
  supervisingUnitIds: string[];
}

function draftOf(profile: SchoolProfile): ProfileDraft {
  return {
    officialName: profile.officialName,
    schoolLevels: [...profile.schoolLevels],
    governingBody: profile.governingBody,
    placeName: profile.placeName,
    documentSymbol: profile.documentSymbol,
    address: profile.address,
    phone: profile.phone,
    email: profile.email,
    sites: profile.sites.map((site) => ({ ...site })),
    supervisingUnitIds: [...profile.supervisingUnitIds],
  };
}

const levelsText = (levels: readonly SchoolLevel[]) =>
  levels.map((level) => SCHOOL_LEVEL_LABELS[level]).join(', ');

/** Trường → Hồ sơ trường: what the official documents print; principal and administrator edit it. */
export function SchoolProfileTab({
  schoolId,
  nested = true,
}: {
  schoolId: string;
  nested?: boolean;
}) {
  const profile = useSchoolProfile(schoolId);
  const { access, unit } = useAccess(schoolId);
  const roots = useUnitRoots();
  const [editing, setEditing] = useState(false);

  if (profile.isPending) return <LoadingState label={vi.common.loading} />;
  if (profile.isError)
    return (
      <QueryFailure
        title={t.loadError}
        error={profile.error}
        onRetry={() => void profile.refetch()}
        nested={nested}
      />
    );
  const canEdit = access?.can('school.update', schoolId) ?? false;
  const school = unit.data;

  if (editing)
    return (
      <ProfileForm
        profile={profile.data}
        supervisorOptions={supervisorOptions(profile.data, school, roots.data?.items ?? [])}
        onDone={() => setEditing(false)}
      />
    );
  return (
    <ProfileView profile={profile.data} onEdit={canEdit ? () => setEditing(true) : undefined} />
  );
}

/**
 * Offices the school may report to: its own ancestors, the user's own offices (their roots), the
 * current ones — never a list of every office in the country.
 */
function supervisorOptions(
  profile: SchoolProfile,
  school: Unit | undefined,
  units: readonly Unit[],
): Array<{ id: string; name: string; kind: Unit['kind'] }> {
  const options = new Map<string, { id: string; name: string; kind: Unit['kind'] }>();
  for (const ancestor of school?.ancestors ?? []) options.set(ancestor.id, ancestor);
  for (const unit of units) if (unit.kind !== 'school') options.set(unit.id, unit);
  for (const unit of profile.supervisingUnits) options.set(unit.id, unit);
  return [...options.values()];
}

function ProfileView({
  profile,
  onEdit,
}: {
  profile: SchoolProfile;
  onEdit?: (() => void) | undefined;
}) {
  const rows: Array<[string, string, string]> = [
    ['officialName', t.officialName, profile.officialName],
    ['schoolLevels', t.schoolLevels, levelsText(profile.schoolLevels)],
    ['governingBody', t.governingBody, profile.governingBody],
    ['placeName', t.placeName, profile.placeName],
    ['documentSymbol', t.documentSymbol, profile.documentSymbol],
    ['address', t.address, profile.address],
    ['phone', t.phone, profile.phone],
    ['email', t.email, profile.email],
    [
      'supervisingUnits',
      t.supervisingUnits,
      profile.supervisingUnits.map((unit) => unit.name).join('; '),
    ],
  ];
  return (
    <div className="profile-layout">
      <section className="card panel" aria-labelledby="profile-title" data-testid="school-profile">
        <div className="panel__head">
          <h2 id="profile-title" className="panel__title">
            {t.title}
          </h2>
          {onEdit ? (
            <button type="button" className="button" onClick={onEdit}>
              {t.edit}
            </button>
          ) : null}
        </div>
        <dl className="facts">
          {rows.map(([key, label, value]) => (
            <div className="facts__row" key={key} data-testid={`profile-${key}`}>
              <dt>{label}</dt>
              <dd className={value ? 'pre-line' : 'muted'}>{value || t.notSet}</dd>
            </div>
          ))}
          <div className="facts__row" data-testid="profile-frameworks">
            <dt>{t.frameworks}</dt>
            <dd>
              {profile.frameworks.length === 0 ? (
                <span className="muted">{t.frameworksNeedLevels}</span>
              ) : (
                <ul className="plain-list tight-list">
                  {profile.frameworks.map((item) => (
                    <li key={`${item.schoolLevel}-${item.schoolYear}`}>
                      {t.frameworkFor(SCHOOL_LEVEL_LABELS[item.schoolLevel], item.schoolYear)}{' '}
                      {item.frameworkCode ? (
                        <AppLink href={`/?framework=${encodeURIComponent(item.frameworkCode)}`}>
                          {item.frameworkCode}
                        </AppLink>
                      ) : (
                        <span className="muted">{t.noFramework}</span>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
          <div className="facts__row" data-testid="profile-sites">
            <dt>{t.sites}</dt>
            <dd>
              {profile.sites.length === 0 ? (
                <span className="muted">{t.noSites}</span>
              ) : (
                <ul className="bullets">
                  {profile.sites.map((site, index) => (
                    <li key={index}>
                      <strong>{site.name}</strong>
                      {site.address ? ` — ${site.address}` : ''}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
        </dl>
      </section>
      <DocumentHeaderPreview profile={profile} />
    </div>
  );
}

/**
 * How the header of the school's documents will read (Nghị định 30/2020: governing body over the
 * school name, "Số: …/KH-<ký hiệu>", the place and date line), so mistakes show before printing.
 */
function DocumentHeaderPreview({ profile }: { profile: ProfileDraft }) {
  return (
    <section className="card panel doc-preview" aria-labelledby="doc-preview-title">
      <h2 id="doc-preview-title" className="panel__title">
        {t.previewTitle}
      </h2>
      <div className="doc-preview__sheet" data-testid="document-header-preview">
        <div className="doc-preview__left">
          <p>{profile.governingBody || t.previewMissing(t.governingBody)}</p>
          <p className="doc-preview__school">
            {profile.officialName.toLocaleUpperCase('vi') || t.previewMissing(t.officialName)}
          </p>
          <p className="doc-preview__number">{t.previewNumber(profile.documentSymbol || '…')}</p>
        </div>
        <div className="doc-preview__right">
          <p className="doc-preview__nation">{t.previewNation}</p>
          <p className="doc-preview__motto">{t.previewMotto}</p>
          <p className="doc-preview__date">{t.previewDate(profile.placeName || '…')}</p>
        </div>
      </div>
      <p className="field__hint">{t.previewHint}</p>
    </section>
  );
}

const CONFLICT_LABELS: ReadonlyArray<{
  key: keyof ProfileDraft;
  label: string;
  format?: (value: ProfileDraft[keyof ProfileDraft]) => string;
}> = [
  { key: 'officialName', label: t.officialName },
  {
    key: 'schoolLevels',
    label: t.schoolLevels,
    format: (value) => levelsText(value as SchoolLevel[]),
  },
  { key: 'governingBody', label: t.governingBody },
  { key: 'placeName', label: t.placeName },
  { key: 'documentSymbol', label: t.documentSymbol },
  { key: 'address', label: t.address },
  { key: 'phone', label: t.phone },
  { key: 'email', label: t.email },
  {
    key: 'sites',
    label: t.sites,
    format: (value) =>
      (value as ProfileDraft['sites']).map((site) => `${site.name} — ${site.address}`).join('\n'),
  },
  {
    key: 'supervisingUnitIds',
    label: t.supervisingUnits,
    format: (value) => String((value as string[]).length),
  },
];

function ProfileForm({
  profile,
  supervisorOptions,
  onDone,
}: {
  profile: SchoolProfile;
  supervisorOptions: Array<{ id: string; name: string; kind: Unit['kind'] }>;
  onDone: () => void;
}) {
  // `base` is what the form started from; `version` goes with it (CONTRACTS.md "Concurrent edits").
  const [base, setBase] = useState(() => draftOf(profile));
  const [version, setVersion] = useState(profile.version);
  const [draft, setDraft] = useState(() => draftOf(profile));
  const save = useUpdateSchoolProfile(profile.schoolId);
  const errors = fieldErrorsOf(save.error);
  const current = conflictCurrentOf<SchoolProfile>(save.error);

  const set =
    <K extends keyof ProfileDraft>(key: K) =>
    (value: ProfileDraft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));
  const text = (
    key:
      | 'officialName'
      | 'governingBody'
      | 'placeName'
      | 'documentSymbol'
      | 'address'
      | 'phone'
      | 'email',
  ) =>
    ({
      name: key,
      value: draft[key],
      onChange: (event: { target: { value: string } }) => set(key)(event.target.value),
      error: errors[key],
    }) as const;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ ...draft, version }, { onSuccess: onDone });
  };

  const resolveConflict = (keepMine: boolean) => {
    if (!current) return;
    const theirs = draftOf(current);
    setDraft(keepMine ? mergeDrafts(base, theirs, draft) : theirs);
    setBase(theirs);
    setVersion(current.version);
    save.reset();
  };

  return (
    <div className="profile-layout">
      <form
        className="card panel form"
        onSubmit={onSubmit}
        aria-labelledby="profile-edit-title"
        data-testid="school-profile-form"
      >
        <h2 id="profile-edit-title" className="panel__title">
          {t.editTitle}
        </h2>
        {current ? (
          <ConflictNotice
            fields={conflictFields(CONFLICT_LABELS, base, draftOf(current), draft)}
            onUseTheirs={() => resolveConflict(false)}
            onKeepMine={() => resolveConflict(true)}
          />
        ) : null}
        <TextField
          label={t.officialName}
          required
          hint={t.officialNameHint}
          {...text('officialName')}
        />
        <FieldSet legend={t.schoolLevels} error={errors.schoolLevels} hint={t.schoolLevelsHint}>
          <div className="checkbox-grid">
            {SCHOOL_LEVELS.map((level) => (
              <CheckboxField
                key={level}
                label={SCHOOL_LEVEL_LABELS[level]}
                name="schoolLevels"
                value={level}
                checked={draft.schoolLevels.includes(level)}
                onChange={(event) =>
                  set('schoolLevels')(
                    event.target.checked
                      ? SCHOOL_LEVELS.filter((l) => l === level || draft.schoolLevels.includes(l))
                      : draft.schoolLevels.filter((l) => l !== level),
                  )
                }
              />
            ))}
          </div>
        </FieldSet>
        <div className="form-grid">
          <TextField
            label={t.governingBody}
            hint={t.governingBodyHint}
            {...text('governingBody')}
          />
          <TextField label={t.placeName} hint={t.placeNameHint} {...text('placeName')} />
          <TextField
            label={t.documentSymbol}
            hint={t.documentSymbolHint}
            {...text('documentSymbol')}
          />
        </div>
        <TextField label={t.address} autoComplete="street-address" {...text('address')} />
        <div className="form-grid">
          <TextField label={t.phone} type="tel" autoComplete="tel" {...text('phone')} />
          <TextField label={t.email} type="email" autoComplete="email" {...text('email')} />
        </div>
        <FieldSet legend={t.sites} hint={t.sitesHint} error={errors.sites}>
          {draft.sites.length === 0 ? <p className="muted">{t.noSites}</p> : null}
          <ol className="site-list">
            {draft.sites.map((site, index) => (
              <li key={index} className="site-row">
                <TextField
                  label={t.siteName(index + 1)}
                  name={`sites.${index}.name`}
                  value={site.name}
                  required
                  error={errors[`sites.${index}.name`]}
                  onChange={(event) =>
                    set('sites')(
                      draft.sites.map((s, i) =>
                        i === index ? { ...s, name: event.target.value } : s,
                      ),
                    )
                  }
                />
                <TextField
                  label={t.siteAddress(index + 1)}
                  name={`sites.${index}.address`}
                  value={site.address}
                  error={errors[`sites.${index}.address`]}
                  onChange={(event) =>
                    set('sites')(
                      draft.sites.map((s, i) =>
                        i === index ? { ...s, address: event.target.value } : s,
                      ),
                    )
                  }
                />
                <button
                  type="button"
                  className="button button--small button--ghost button--danger-text site-row__remove"
                  onClick={() => set('sites')(draft.sites.filter((_, i) => i !== index))}
                >
                  {t.removeSite}
                </button>
              </li>
            ))}
          </ol>
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() => set('sites')([...draft.sites, { name: '', address: '' }])}
          >
            {t.addSite}
          </button>
        </FieldSet>
        <FieldSet
          legend={t.supervisingUnits}
          hint={t.supervisingUnitsHint}
          error={errors.supervisingUnitIds}
        >
          {supervisorOptions.length === 0 ? <p className="muted">{t.noSupervisorOptions}</p> : null}
          {supervisorOptions.map((unit) => (
            <CheckboxField
              key={unit.id}
              label={unit.name}
              hint={UNIT_KIND_LABELS[unit.kind]}
              checked={draft.supervisingUnitIds.includes(unit.id)}
              onChange={(event) =>
                set('supervisingUnitIds')(
                  event.target.checked
                    ? [...draft.supervisingUnitIds, unit.id]
                    : draft.supervisingUnitIds.filter((id) => id !== unit.id),
                )
              }
            />
          ))}
        </FieldSet>
        <OtherFieldErrors
          errors={errors}
          shown={[
            'officialName',
            'schoolLevels',
            'governingBody',
            'placeName',
            'documentSymbol',
            'address',
            'phone',
            'email',
            'sites',
            'supervisingUnitIds',
          ]}
        />
        <div className="form-actions form-actions--sticky">
          <button type="submit" className="button" disabled={save.isPending || !!current}>
            {vi.common.save}
          </button>
          <button type="button" className="button button--secondary" onClick={onDone}>
            {vi.common.cancel}
          </button>
        </div>
      </form>
      <DocumentHeaderPreview profile={draft} />
    </div>
  );
}
