import { useQueryClient } from '@tanstack/react-query';
import { CriterionComments } from '../comments/comment-panel.tsx';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, conflictCurrentOf, errorMessageOf } from '../../api/api-error.ts';
import { queryKeys } from '../../api/query-keys.ts';
import { vi } from '../../i18n/vi.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { Badge } from '../../ui/badge.tsx';
import { ConflictNotice, conflictFields, mergeDrafts } from '../../ui/conflict-notice.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/form.tsx';
import { hrefs } from '../shell/app-routes.ts';
import {
  citedCodes,
  insertCitation,
  isLevelLocked,
  levelLabel,
  markChanges,
  marksShown,
  sameMarks,
  segmentCitations,
  toggledMark,
  withMark,
  type CitableEvidence,
  type Marks,
} from './assessment-logic.ts';
import type { AssessmentContext, Framework } from './assessment-screen.tsx';
import {
  useCiteEvidence,
  useCreateEvidence,
  useCriterionHistory,
  useEvidenceMentions,
  useSaveCriterion,
  useUnciteEvidence,
  type AssessmentCriterion,
  type AssessmentDetail,
} from './assessments.queries.ts';
import { EvidenceFileLinks, EvidenceUpload } from './evidence-files.tsx';

const t = vi.assessment;

type CriterionDetail = Framework['standards'][number]['criteria'][number];
type CriterionResult = AssessmentDetail['results']['criteria'][string];

/** What the panel edits of a criterion. */
interface Draft {
  marks: Marks;
  description: string;
  levelDescriptions: Record<string, string>;
  strengths: string;
  weaknesses: string;
  improvementPlan: string;
}

const TEXT_FIELDS = ['description', 'strengths', 'weaknesses', 'improvementPlan'] as const;
type TextField_ = (typeof TEXT_FIELDS)[number];

function draftOf(c: AssessmentCriterion): Draft {
  return {
    marks: c.marks,
    description: c.description,
    levelDescriptions: c.levelDescriptions,
    strengths: c.strengths,
    weaknesses: c.weaknesses,
    improvementPlan: c.improvementPlan,
  };
}

/** The server refused a mark by rule (not a stale save): its message says which rule. */
function isMarkRefusal(error: ApiError): boolean {
  const details = error.details;
  return (
    typeof details === 'object' &&
    details !== null &&
    (details as { reason?: unknown }).reason === 'mark_refused'
  );
}

function marksText(marks: Marks): string {
  return Object.entries(marks)
    .map(([key, value]) => `${key}: ${value ? t.met : t.notMet}`)
    .join(', ');
}

/** The mark key of an indicator: "1.a", or "2" for an unlettered level (TT57). */
function markKey(level: number, key: string | null): string {
  return key === null ? String(level) : `${level}.${key}`;
}

/** Đạt / Không đạt; a second click on the chosen answer takes it back ("chưa đánh giá"). */
export function MarkToggle({
  label,
  value,
  disabled,
  onChange,
  testId,
}: {
  label: string;
  value: boolean | undefined;
  disabled: boolean;
  onChange: (value: boolean | undefined) => void;
  testId?: string;
}) {
  return (
    <div
      className="mark-toggle"
      role="group"
      aria-label={t.markGroup(label)}
      data-testid={testId ?? 'mark-toggle'}
      data-value={value === undefined ? 'unmarked' : value ? 'met' : 'not-met'}
    >
      <button
        type="button"
        className="mark-toggle__button mark-toggle__button--met"
        aria-pressed={value === true}
        disabled={disabled}
        onClick={() => onChange(toggledMark(value, true))}
      >
        {t.met}
      </button>
      <button
        type="button"
        className="mark-toggle__button mark-toggle__button--not-met"
        aria-pressed={value === false}
        disabled={disabled}
        onClick={() => onChange(toggledMark(value, false))}
      >
        {t.notMet}
      </button>
    </div>
  );
}

/** The codes a text cites, linked to their evidence; unknown codes warned (never removed). */
export function CitationNotes({
  text,
  known,
  assessmentId,
}: {
  text: string;
  known: ReadonlyMap<string, CitableEvidence>;
  assessmentId?: string;
}) {
  const codes = citedCodes(text, known);
  if (codes.length === 0) return null;
  return (
    <div className="citations" data-testid="citations">
      <span className="citations__label">{t.citedTitle}</span>
      <ul className="citations__list">
        {codes.map((c) =>
          c.evidence ? (
            <li key={c.code} className="citation citation--known" data-testid="citation">
              {assessmentId ? (
                <AppLink
                  href={hrefs.assessment(assessmentId, {
                    section: 'minh-chung',
                    evidence: c.evidence.id,
                  })}
                  title={c.evidence.name}
                >
                  {c.code}
                </AppLink>
              ) : (
                <span title={c.evidence.name}>{c.code}</span>
              )}
              <span className="citation__name">{c.evidence.name}</span>
            </li>
          ) : (
            <li
              key={c.code}
              className="citation citation--unknown"
              data-testid="citation-unknown"
              role="note"
            >
              ⚠ {t.unknownCode(c.code)}
            </li>
          ),
        )}
      </ul>
    </div>
  );
}

/**
 * A text as the reader sees it (approved assessment, or a reader without the right to edit): the
 * codes it cites are links to their evidence, unknown codes are marked; every character is kept.
 */
function CitedText({
  label,
  text,
  known,
  assessmentId,
}: {
  label: ReactNode;
  text: string;
  known: ReadonlyMap<string, CitableEvidence>;
  assessmentId: string;
}) {
  return (
    <div className="field">
      <p className="field__label">{label}</p>
      <p className="pre-line cited-text" data-testid="cited-text">
        {text.trim() === ''
          ? '—'
          : segmentCitations(text, known).map((segment, index) =>
              segment.kind === 'text' ? (
                <span key={index}>{segment.text}</span>
              ) : segment.evidence ? (
                <AppLink
                  key={index}
                  href={hrefs.assessment(assessmentId, {
                    section: 'minh-chung',
                    evidence: segment.evidence.id,
                  })}
                  title={segment.evidence.name}
                  className="cited-text__code"
                >
                  {segment.text}
                </AppLink>
              ) : (
                <mark
                  key={index}
                  className="cited-text__unknown"
                  title={t.unknownCode(segment.code)}
                >
                  {segment.text}
                </mark>
              ),
            )}
      </p>
    </div>
  );
}

function FieldLabel({ label, carried }: { label: string; carried: boolean }): ReactNode {
  return (
    <>
      {label}
      {carried ? (
        <>
          {' '}
          <Badge tone="info" testId="carried-mark">
            {t.carried}
          </Badge>
        </>
      ) : null}
    </>
  );
}

/**
 * One criterion: its indicators (2018) or Mức 1 / Mức 2 (TT57) with Đạt/Không đạt, the texts with
 * the codes they cite, the computed level, the evidence, the history. Marks save at once (with any
 * text typed before); texts save with "Lưu tiêu chí". In the what-if view marks are only tried.
 */
export function CriterionPanel({
  context,
  detail,
  criterion,
  result,
}: {
  context: AssessmentContext;
  detail: CriterionDetail;
  criterion: AssessmentCriterion;
  result: CriterionResult | null;
}) {
  const { assessment, editable, tried, known } = context;
  const isTt57 = assessment.regime === '2026';
  const queryClient = useQueryClient();
  const save = useSaveCriterion(assessment.id);
  const [base, setBase] = useState(criterion);
  const [draft, setDraft] = useState<Draft>(() => draftOf(criterion));
  const [markError, setMarkError] = useState<{
    level: number;
    message: string;
    rule: boolean;
  } | null>(null);
  const [insertTarget, setInsertTarget] = useState<string>(
    isTt57 ? 'levelDescriptions.1' : 'description',
  );
  const conflict = conflictCurrentOf<AssessmentCriterion>(save.error);
  const mentions = useEvidenceMentions(assessment.id);
  // The server's findings on the saved texts; unknown codes are shown live under each text.
  const mentionWarnings = (mentions.data?.warnings ?? []).filter(
    (w) =>
      w.location.kind === 'criterion' &&
      w.location.key === criterion.criterionCode &&
      w.kind !== 'unknown_code',
  );
  const carried = new Set(base.carriedFields);
  const baseDraft = draftOf(base);
  const dirtyTexts = TEXT_FIELDS.filter((f) => draft[f] !== base[f]);
  const dirtyLevels =
    JSON.stringify(draft.levelDescriptions) !== JSON.stringify(base.levelDescriptions);
  const isDirty = dirtyTexts.length > 0 || dirtyLevels || !sameMarks(draft.marks, base.marks);
  const trying = tried !== null;
  const shownMarks = trying ? marksShown(tried, criterion.criterionCode, draft.marks) : draft.marks;
  const fieldLabels = isTt57 ? { ...t.fields, ...t.fieldsTt57 } : t.fields;

  function send(
    extra: { marks?: Marks; assignee?: { memberId: string | null; groupId: string | null } },
    changedLevel?: number,
  ) {
    const marks = markChanges(extra.marks ?? draft.marks, base.marks);
    const body = {
      criterionCode: criterion.criterionCode,
      version: base.version,
      ...Object.fromEntries(dirtyTexts.map((f) => [f, draft[f]])),
      ...(dirtyLevels ? { levelDescriptions: draft.levelDescriptions } : {}),
      ...(marks ? { marks } : {}),
      ...(extra.assignee ? { assignee: extra.assignee } : {}),
    };
    setMarkError(null);
    save.mutate(body, {
      onError: (error) => {
        if (extra.marks) setDraft((d) => ({ ...d, marks: base.marks }));
        // A refused mark (409 "mark_refused": Mức 2 before Mức 1, Đạt without a cited code) is
        // told beside the level; a stale save (409 with the current content) by the conflict.
        if (changedLevel !== undefined && error instanceof ApiError && !conflictCurrentOf(error))
          setMarkError({
            level: changedLevel,
            message: errorMessageOf(error),
            rule: isMarkRefusal(error),
          });
      },
    });
  }

  function mark(level: number, key: string, value: boolean | undefined) {
    if (trying) {
      context.onTry(criterion.criterionCode, key, value);
      return;
    }
    const marks = withMark(draft.marks, key, value);
    setDraft({ ...draft, marks });
    send({ marks }, level);
  }

  function insertCode(code: string) {
    if (insertTarget.startsWith('levelDescriptions.')) {
      const level = insertTarget.split('.')[1] ?? '1';
      setDraft({
        ...draft,
        levelDescriptions: {
          ...draft.levelDescriptions,
          [level]: insertCitation(draft.levelDescriptions[level] ?? '', code),
        },
      });
    } else {
      const field = insertTarget as TextField_;
      setDraft({ ...draft, [field]: insertCitation(draft[field], code) });
    }
  }

  const targetLabel = insertTarget.startsWith('levelDescriptions.')
    ? t.levelDescription(Number(insertTarget.split('.')[1]))
    : fieldLabels[insertTarget as TextField_];

  const levels = detail.levels.filter((l) => l.indicators.length > 0);
  const assigneeValue = criterion.assigneeMemberId
    ? `m:${criterion.assigneeMemberId}`
    : criterion.assigneeGroupId
      ? `g:${criterion.assigneeGroupId}`
      : '';

  return (
    <section
      className="card criterion-panel"
      data-testid="criterion-panel"
      data-code={criterion.criterionCode}
      aria-labelledby="criterion-panel-title"
    >
      <header className="criterion-panel__head">
        <h2 id="criterion-panel-title" className="criterion-panel__title">
          {t.criterion(detail.code, detail.title)}{' '}
          {isTt57 && detail.mandatory ? <Badge tone="warning">{t.mandatory}</Badge> : null}
        </h2>
        <div className="criterion-panel__level" data-testid="criterion-computed-level">
          <span className="muted">{trying ? t.schoolLevelWhatIf : t.computedLevel}:</span>{' '}
          <strong>{levelLabel(result?.level, result?.atLeast)}</strong>
          {result?.reason ? <span className="muted"> — {result.reason}</span> : null}
        </div>
        {editable || assigneeValue ? (
          <SelectField
            label={t.assignee}
            value={assigneeValue}
            disabled={!editable || save.isPending}
            className="criterion-panel__assignee"
            onChange={(event) => {
              const value = event.target.value;
              send({
                assignee: {
                  memberId: value.startsWith('m:') ? value.slice(2) : null,
                  groupId: value.startsWith('g:') ? value.slice(2) : null,
                },
              });
            }}
          >
            <option value="">{t.assigneeNone}</option>
            {assessment.council.members.map((m) => (
              <option key={m.id} value={`m:${m.id}`}>
                {t.assigneeMember(m.name)}
              </option>
            ))}
            {assessment.council.groups.map((g) => (
              <option key={g.id} value={`g:${g.id}`}>
                {t.assigneeGroup(g.name)}
              </option>
            ))}
          </SelectField>
        ) : null}
      </header>

      <div className={`criterion-levels ${trying ? 'criterion-levels--what-if' : ''}`}>
        {levels.map((level) => {
          const locked = isLevelLocked(assessment.regime, shownMarks, level.level);
          const active = level.indicators.filter((i) => i.repealed === null);
          return (
            <section
              key={level.level}
              className={`criterion-level ${locked ? 'is-locked' : ''}`}
              data-testid="criterion-level-block"
              data-level={level.level}
              data-locked={locked ? 'true' : 'false'}
            >
              <h3 className="criterion-level__title">{t.levelHeading(level.level)}</h3>
              {isTt57 ? (
                <>
                  <p className="criterion-level__requirement">
                    <span className="muted">{t.requirement}: </span>
                    {active.map((i) => i.text).join(' ')}
                  </p>
                  {editable ? (
                    <>
                      <TextAreaField
                        label={
                          <FieldLabel
                            label={t.levelDescription(level.level)}
                            carried={carried.has('levelDescriptions')}
                          />
                        }
                        hint={t.descriptionHint(assessment.regime)}
                        rows={4}
                        value={draft.levelDescriptions[String(level.level)] ?? ''}
                        readOnly={!editable}
                        data-testid={`level-description-${level.level}`}
                        onFocus={() => setInsertTarget(`levelDescriptions.${level.level}`)}
                        onChange={(event) =>
                          setDraft({
                            ...draft,
                            levelDescriptions: {
                              ...draft.levelDescriptions,
                              [String(level.level)]: event.target.value,
                            },
                          })
                        }
                      />
                      <CitationNotes
                        text={draft.levelDescriptions[String(level.level)] ?? ''}
                        known={known}
                        assessmentId={assessment.id}
                      />
                    </>
                  ) : (
                    <CitedText
                      label={
                        <FieldLabel
                          label={t.levelDescription(level.level)}
                          carried={carried.has('levelDescriptions')}
                        />
                      }
                      text={draft.levelDescriptions[String(level.level)] ?? ''}
                      known={known}
                      assessmentId={assessment.id}
                    />
                  )}
                  {locked ? (
                    <p className="criterion-level__lock" data-testid="level-locked">
                      {t.level2Locked}
                    </p>
                  ) : null}
                  <MarkToggle
                    label={t.levelHeading(level.level)}
                    value={shownMarks[String(level.level)]}
                    disabled={locked || (!editable && !trying) || save.isPending}
                    onChange={(value) => mark(level.level, String(level.level), value)}
                    testId={`mark-${level.level}`}
                  />
                </>
              ) : (
                <ul className="criterion-indicators">
                  {level.indicators.map((indicator) => {
                    const key = markKey(level.level, indicator.key);
                    return (
                      <li
                        key={key}
                        className={`criterion-indicator ${indicator.repealed ? 'is-repealed' : ''}`}
                        data-testid="indicator"
                        data-key={key}
                      >
                        <p className="criterion-indicator__text">
                          {indicator.key ? <strong>{indicator.key}) </strong> : null}
                          {indicator.text}
                          {indicator.repealed ? (
                            <span className="muted"> ({indicator.repealed.effect})</span>
                          ) : null}
                        </p>
                        {indicator.repealed ? null : (
                          <MarkToggle
                            label={`${t.levelHeading(level.level)} ${indicator.key ?? ''}`.trim()}
                            value={shownMarks[key]}
                            disabled={(!editable && !trying) || save.isPending}
                            onChange={(value) => mark(level.level, key, value)}
                            testId={`mark-${key}`}
                          />
                        )}
                      </li>
                    );
                  })}
                </ul>
              )}
              {markError?.level === level.level ? (
                <div className="form-alert" role="alert" data-testid="mark-error">
                  <p>{markError.message}</p>
                  {markError.rule ? <p className="muted">{t.evidenceRule}</p> : null}
                </div>
              ) : null}
            </section>
          );
        })}
        {carried.has('marks') ? (
          <p>
            <Badge tone="info" testId="carried-mark">
              {t.carried}
            </Badge>{' '}
            <span className="muted">{t.fields.marks}</span>
          </p>
        ) : null}
      </div>

      {(isTt57 ? (['strengths', 'weaknesses', 'improvementPlan'] as const) : TEXT_FIELDS).map(
        (field) => (
          <div key={field} className="criterion-text">
            {editable ? (
              <>
                <TextAreaField
                  label={<FieldLabel label={fieldLabels[field]} carried={carried.has(field)} />}
                  hint={field === 'description' ? t.descriptionHint(assessment.regime) : undefined}
                  rows={field === 'description' ? 6 : 3}
                  value={draft[field]}
                  readOnly={!editable}
                  data-testid={`field-${field}`}
                  onFocus={() => setInsertTarget(field)}
                  onChange={(event) => setDraft({ ...draft, [field]: event.target.value })}
                />
                <CitationNotes text={draft[field]} known={known} assessmentId={assessment.id} />
              </>
            ) : (
              <CitedText
                label={<FieldLabel label={fieldLabels[field]} carried={carried.has(field)} />}
                text={draft[field]}
                known={known}
                assessmentId={assessment.id}
              />
            )}
          </div>
        ),
      )}

      {mentionWarnings.length > 0 ? (
        <div className="notice notice--warning" data-testid="mention-warnings">
          <p>{t.mentionWarningsTitle}</p>
          <ul className="tight-list">
            {mentionWarnings.map((w, index) => (
              <li key={`${w.code}-${w.location.field}-${index}`}>{w.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {base.unknownEvidenceCodes.length > 0 ? (
        <p className="notice notice--warning" data-testid="server-unknown-codes">
          {t.serverUnknownCodes(base.unknownEvidenceCodes.join(', '))}
        </p>
      ) : null}
      {conflict ? (
        <ConflictNotice
          fields={conflictFields<Draft>(
            [
              { key: 'marks', label: t.fields.marks, format: (v) => marksText(v as Marks) },
              {
                key: 'levelDescriptions',
                label: t.fields.levelDescriptions,
                format: (v) =>
                  Object.entries(v as Record<string, string>)
                    .map(([level, text]) => `${t.levelHeading(Number(level))}: ${text}`)
                    .join('\n'),
              },
              { key: 'description', label: fieldLabels.description },
              { key: 'strengths', label: fieldLabels.strengths },
              { key: 'weaknesses', label: fieldLabels.weaknesses },
              { key: 'improvementPlan', label: fieldLabels.improvementPlan },
            ],
            baseDraft,
            draftOf(conflict),
            draft,
          )}
          onUseTheirs={() => {
            save.reset();
            queryClient.setQueryData<AssessmentDetail>(
              queryKeys.assessments.detail(assessment.id),
              (a) =>
                a
                  ? {
                      ...a,
                      criteria: a.criteria.map((c) =>
                        c.criterionCode === conflict.criterionCode ? conflict : c,
                      ),
                    }
                  : a,
            );
            void queryClient.invalidateQueries({
              queryKey: queryKeys.assessments.detail(assessment.id),
            });
          }}
          onKeepMine={() => {
            save.reset();
            setDraft(mergeDrafts(baseDraft, draftOf(conflict), draft));
            setBase(conflict);
          }}
        />
      ) : null}
      {save.isError && !conflict && !markError ? (
        <p className="form-alert" role="alert" data-testid="criterion-save-error">
          {errorMessageOf(save.error)}
        </p>
      ) : null}
      {editable ? (
        <div className="form-actions criterion-panel__actions">
          {isDirty ? <span className="save-state">{t.unsaved}</span> : null}
          <button
            type="button"
            className="button"
            disabled={!isDirty || save.isPending}
            onClick={() => send({})}
            data-testid="criterion-save"
          >
            {save.isPending ? t.saving : t.save}
          </button>
        </div>
      ) : null}

      <CriterionEvidence
        context={context}
        criterionCode={criterion.criterionCode}
        targetLabel={targetLabel}
        onInsert={insertCode}
      />
      <CriterionHistory assessmentId={assessment.id} criterionCode={criterion.criterionCode} />
      <CriterionComments assessmentId={assessment.id} criterionCode={criterion.criterionCode} />
    </section>
  );
}

/** The evidence this criterion uses: insert its code, attach files or a photo, add or cite more. */
function CriterionEvidence({
  context,
  criterionCode,
  targetLabel,
  onInsert,
}: {
  context: AssessmentContext;
  criterionCode: string;
  targetLabel: string;
  onInsert: (code: string) => void;
}) {
  const { assessment, editable, evidence } = context;
  const mine = evidence.filter((e) => e.criterionCodes.includes(criterionCode));
  const others = evidence.filter((e) => !e.criterionCodes.includes(criterionCode));
  const cite = useCiteEvidence(assessment.id);
  const uncite = useUnciteEvidence(assessment.id);
  const create = useCreateEvidence(assessment.id);
  const [citing, setCiting] = useState('');
  const [adding, setAdding] = useState(false);
  const [form, setForm] = useState({ name: '', issued: '', issuer: '' });

  function add(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      { ...form, criterionCodes: [criterionCode] },
      {
        onSuccess: () => {
          setForm({ name: '', issued: '', issuer: '' });
          setAdding(false);
        },
      },
    );
  }

  return (
    <section className="criterion-evidence" data-testid="criterion-evidence">
      <h3 className="criterion-level__title">{t.criterionEvidenceTitle}</h3>
      {mine.length === 0 ? <p className="muted">{t.criterionEvidenceEmpty}</p> : null}
      <ul className="criterion-evidence__list">
        {mine.map((e) => (
          <li
            key={e.id}
            className="criterion-evidence__item"
            data-testid="criterion-evidence-item"
            data-code={e.code}
          >
            <div>
              <AppLink
                href={hrefs.assessment(assessment.id, { section: 'minh-chung', evidence: e.id })}
                className="evidence-code"
              >
                {e.code}
              </AppLink>{' '}
              {e.name}
              {e.issued ? <span className="muted"> — {e.issued}</span> : null}
            </div>
            <EvidenceFileLinks assessmentId={assessment.id} evidence={e} editable={editable} />
            {editable ? (
              <div className="criterion-evidence__actions">
                <button
                  type="button"
                  className="button button--small"
                  title={`${t.insertCodeInto(e.code)} — ${targetLabel}`}
                  onClick={() => onInsert(e.code)}
                  data-testid="insert-code"
                >
                  {t.insertCode}
                </button>
                <EvidenceUpload assessmentId={assessment.id} evidence={e} />
                <button
                  type="button"
                  className="button button--small button--ghost"
                  onClick={() => uncite.mutate({ evidenceId: e.id, criterionCode })}
                >
                  {t.uncite}
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {editable ? (
        <div className="criterion-evidence__more">
          {others.length > 0 ? (
            <div className="inline-form">
              <SelectField
                label={t.citeExisting}
                value={citing}
                onChange={(event) => setCiting(event.target.value)}
                className="inline-form__field"
              >
                <option value="">{t.citeExistingPlaceholder}</option>
                {others.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.code} — {e.name}
                  </option>
                ))}
              </SelectField>
              <button
                type="button"
                className="button button--small button--secondary"
                disabled={!citing || cite.isPending}
                onClick={() =>
                  cite.mutate(
                    { evidenceId: citing, criterionCode },
                    { onSuccess: () => setCiting('') },
                  )
                }
              >
                {t.cite}
              </button>
            </div>
          ) : null}
          {adding ? (
            <form
              className="stack criterion-evidence__form"
              onSubmit={add}
              data-testid="criterion-evidence-form"
            >
              <TextField
                label={t.evidence.name}
                required
                value={form.name}
                onChange={(event) => setForm({ ...form, name: event.target.value })}
              />
              <TextField
                label={t.evidence.issued}
                value={form.issued}
                onChange={(event) => setForm({ ...form, issued: event.target.value })}
              />
              <TextField
                label={t.evidence.issuer}
                value={form.issuer}
                onChange={(event) => setForm({ ...form, issuer: event.target.value })}
              />
              {create.isError ? (
                <p className="form-alert" role="alert">
                  {errorMessageOf(create.error)}
                </p>
              ) : null}
              <div className="form-actions">
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => setAdding(false)}
                >
                  {t.cancel}
                </button>
                <button type="submit" className="button" disabled={create.isPending}>
                  {t.evidence.save}
                </button>
              </div>
            </form>
          ) : (
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => setAdding(true)}
              data-testid="criterion-evidence-add"
            >
              {t.addEvidenceHere}
            </button>
          )}
        </div>
      ) : null}
    </section>
  );
}

/** The same criterion in the school's earlier assessments, loaded when opened. */
function CriterionHistory({
  assessmentId,
  criterionCode,
}: {
  assessmentId: string;
  criterionCode: string;
}) {
  const [open, setOpen] = useState(false);
  const history = useCriterionHistory(assessmentId, criterionCode, open);
  return (
    <details
      className="criterion-history"
      onToggle={(event) => setOpen(event.currentTarget.open)}
      data-testid="criterion-history"
    >
      <summary>{t.history}</summary>
      {history.isPending && open ? <p className="muted">{vi.common.loading}</p> : null}
      {history.isError ? <p className="form-alert">{errorMessageOf(history.error)}</p> : null}
      {history.data ? (
        history.data.items.length === 0 ? (
          <p className="muted">{t.historyEmpty}</p>
        ) : (
          <ol className="criterion-history__list">
            {history.data.items.map((item) => (
              <li key={`${item.assessmentId}`} className="criterion-history__item">
                <p>
                  <strong>
                    {t.historyItem(
                      item.schoolYear,
                      item.revisionNumber,
                      item.frameworkCode,
                      item.criterionCode,
                    )}
                  </strong>{' '}
                  · {t.historyLevel(levelLabel(item.level))} ·{' '}
                  {t.statuses[item.status] ?? item.status}
                </p>
                {Object.keys(item.marks).length > 0 ? (
                  <p className="muted">{marksText(item.marks)}</p>
                ) : null}
                {[
                  item.description,
                  ...Object.values(item.levelDescriptions),
                  item.weaknesses,
                  item.improvementPlan,
                ]
                  .filter((text) => text.trim() !== '')
                  .map((text, index) => (
                    <p key={index} className="pre-line">
                      {text}
                    </p>
                  ))}
              </li>
            ))}
          </ol>
        )
      ) : null}
    </details>
  );
}
