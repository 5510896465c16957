import { useState } from 'react';
import { errorMessageOf } from '../../api/api-error.ts';
import { vi } from '../../i18n/vi.ts';
import { Badge } from '../../ui/badge.tsx';
import { TextAreaField } from '../../ui/form.tsx';
import { EmptyState } from '../../ui/status.tsx';
import { levelLabel } from './assessment-logic.ts';
import type { AssessmentContext } from './assessment-screen.tsx';
import type { AssessmentDetail } from './assessments.queries.ts';
import { useSaveLevel4, useSaveStandard } from './assessments.queries.ts';
import { CitationNotes, CriterionPanel, MarkToggle } from './criterion-panel.tsx';

const t = vi.assessment;

/** The texts of a standard (the contract's STANDARD_TEXT_FIELDS; shared's schemas stay out of the bundle). */
const STANDARD_TEXT_FIELDS = [
  'intro',
  'conclusion',
  'strengths',
  'limitations',
  'causes',
  'trend',
  'priorities',
] as const;

/** The `tc` value of a standard's general texts and of the Mức 4 items. */
const standardKey = (code: string) => `TC${code}`;
const LEVEL4_KEY = 'muc4';

/** Who a criterion is assigned to, by name. */
export function assigneeName(
  assessment: AssessmentDetail,
  criterion: { assigneeMemberId: string | null; assigneeGroupId: string | null } | undefined,
): string | null {
  if (!criterion) return null;
  const member = assessment.council.members.find((m) => m.id === criterion.assigneeMemberId);
  if (member) return member.name;
  const group = assessment.council.groups.find((g) => g.id === criterion.assigneeGroupId);
  return group ? group.name : null;
}

function levelTone(level: number | null | undefined, max: number) {
  if (level === null || level === undefined) return 'neutral' as const;
  if (level <= 0) return 'danger' as const;
  return level >= max ? ('success' as const) : ('info' as const);
}

/** Tiêu chí: the standards → criteria list beside the selected criterion's panel. */
export function CriteriaSection({
  context,
  results,
  selected,
  onSelect,
}: {
  context: AssessmentContext;
  results: AssessmentDetail['results'];
  selected: string | null;
  onSelect: (key: string | null) => void;
}) {
  const { assessment, framework } = context;
  const byCode = new Map(assessment.criteria.map((c) => [c.criterionCode, c]));
  const isTt57 = assessment.regime === '2026';
  const hasLevel4 = !isTt57 && framework.level4Items.length > 0;

  let pane: React.ReactNode = <EmptyState title={t.pickCriterion} />;
  if (selected === LEVEL4_KEY && hasLevel4) pane = <Level4Panel context={context} />;
  else if (selected?.startsWith('TC')) {
    const standard = framework.standards.find((s) => standardKey(s.code) === selected);
    const saved = assessment.standards.find((s) => `TC${s.standardCode}` === selected);
    if (standard && saved)
      pane = (
        <StandardPanel
          key={`${saved.standardCode}:${saved.version}`}
          context={context}
          title={t.standard(standard.code, standard.title)}
          saved={saved}
        />
      );
  } else if (selected) {
    const detail = framework.standards.flatMap((s) => s.criteria).find((c) => c.code === selected);
    const criterion = byCode.get(selected);
    if (detail && criterion)
      pane = (
        <CriterionPanel
          key={`${criterion.criterionCode}:${criterion.version}`}
          context={context}
          detail={detail}
          criterion={criterion}
          result={results.criteria[criterion.criterionCode] ?? null}
        />
      );
  }

  return (
    <div
      className={`assessment-workspace ${selected ? 'has-selection' : ''}`}
      data-testid="criteria-section"
    >
      <nav className="criteria-list card" aria-label={t.criteriaTitle}>
        <h2 className="panel__title">{t.criteriaTitle}</h2>
        {framework.standards.map((standard) => (
          <section key={standard.code} className="criteria-list__standard">
            <h3 className="criteria-list__standard-title">
              <button
                type="button"
                className={`criteria-list__standard-link ${selected === standardKey(standard.code) ? 'is-selected' : ''}`}
                onClick={() => onSelect(standardKey(standard.code))}
              >
                {t.standard(standard.code, standard.title)}
              </button>
            </h3>
            <ul className="criteria-list__items">
              {standard.criteria.map((c) => {
                const result = results.criteria[c.code];
                const saved = byCode.get(c.code);
                const assignee = assigneeName(assessment, saved);
                const carried = (saved?.carriedFields.length ?? 0) > 0;
                return (
                  <li key={c.code}>
                    <button
                      type="button"
                      className={`criteria-list__item ${selected === c.code ? 'is-selected' : ''}`}
                      aria-current={selected === c.code ? 'true' : undefined}
                      onClick={() => onSelect(c.code)}
                      data-testid="criterion-item"
                      data-code={c.code}
                    >
                      <span className="criteria-list__code">{c.code}</span>
                      <span className="criteria-list__title">
                        {c.title}
                        <span className="criteria-list__meta">
                          {assignee ?? t.noAssignee}
                          {carried ? ` · ${t.carried}` : ''}
                          {isTt57 && c.mandatory ? ` · ${t.mandatory}` : ''}
                        </span>
                      </span>
                      <span className="criteria-list__level" data-testid="criterion-level">
                        <Badge tone={levelTone(result?.level, result?.maxLevel ?? 3)}>
                          {levelLabel(result?.level, result?.atLeast)}
                        </Badge>
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
        {hasLevel4 ? (
          <section className="criteria-list__standard">
            <h3 className="criteria-list__standard-title">
              <button
                type="button"
                className={`criteria-list__standard-link ${selected === LEVEL4_KEY ? 'is-selected' : ''}`}
                onClick={() => onSelect(LEVEL4_KEY)}
              >
                {t.level4Title}
              </button>
            </h3>
          </section>
        ) : null}
      </nav>
      <div className="criterion-pane">
        {selected ? (
          <button
            type="button"
            className="link-button criterion-pane__back"
            onClick={() => onSelect(null)}
          >
            {t.backToCriteria}
          </button>
        ) : null}
        {pane}
      </div>
    </div>
  );
}

/** The general texts of one standard (2018 Mở đầu/Kết luận; TT57 strengths … priorities). */
function StandardPanel({
  context,
  title,
  saved,
}: {
  context: AssessmentContext;
  title: string;
  saved: AssessmentDetail['standards'][number];
}) {
  const isTt57 = context.assessment.regime === '2026';
  const fields = STANDARD_TEXT_FIELDS.filter((f) =>
    isTt57 ? f !== 'intro' && f !== 'conclusion' : f === 'intro' || f === 'conclusion',
  );
  const [draft, setDraft] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((f) => [f, saved[f]])),
  );
  const save = useSaveStandard(context.assessment.id);
  const changed = fields.filter((f) => draft[f] !== saved[f]);
  return (
    <section className="card criterion-panel" data-testid="standard-panel">
      <h2 className="criterion-panel__title">{title}</h2>
      <p className="muted">{t.standardTexts}</p>
      {fields.map((field) => (
        <TextAreaField
          key={field}
          label={t.standardFields[field] ?? field}
          value={draft[field] ?? ''}
          rows={4}
          readOnly={!context.editable}
          onChange={(event) => setDraft({ ...draft, [field]: event.target.value })}
        />
      ))}
      {save.isError ? (
        <p className="form-alert" role="alert">
          {errorMessageOf(save.error)}
        </p>
      ) : null}
      {context.editable ? (
        <div className="form-actions">
          <button
            type="button"
            className="button"
            disabled={changed.length === 0 || save.isPending}
            onClick={() =>
              save.mutate({
                standardCode: saved.standardCode,
                version: saved.version,
                ...Object.fromEntries(changed.map((f) => [f, draft[f]])),
              })
            }
          >
            {t.saveStandard}
          </button>
        </div>
      ) : null}
    </section>
  );
}

/** 2018: the Mức 4 items, each Đạt/Không đạt with its description. */
function Level4Panel({ context }: { context: AssessmentContext }) {
  const { assessment, framework } = context;
  return (
    <section className="card criterion-panel" data-testid="level4-panel">
      <h2 className="criterion-panel__title">{t.level4Title}</h2>
      {framework.level4Items.map((item) => {
        const saved = assessment.level4.find((l) => l.key === item.key);
        if (!saved) return null;
        return (
          <Level4Item
            key={`${saved.key}:${saved.version}`}
            context={context}
            item={item}
            saved={saved}
          />
        );
      })}
    </section>
  );
}

function Level4Item({
  context,
  item,
  saved,
}: {
  context: AssessmentContext;
  item: AssessmentContext['framework']['level4Items'][number];
  saved: AssessmentDetail['level4'][number];
}) {
  const save = useSaveLevel4(context.assessment.id);
  const [description, setDescription] = useState(saved.description);
  return (
    <div className="level4-entry" data-testid="level4-item">
      <p className="level4-entry__text">
        <strong>{t.level4Item(item.ref)}:</strong> {item.text}
        {saved.carriedFields.length > 0 ? (
          <>
            {' '}
            <Badge tone="info">{t.carried}</Badge>
          </>
        ) : null}
      </p>
      <MarkToggle
        label={t.level4Item(item.ref)}
        value={saved.met ?? undefined}
        disabled={!context.editable || save.isPending}
        onChange={(value) =>
          save.mutate({ itemKey: saved.key, met: value ?? null, version: saved.version })
        }
      />
      <TextAreaField
        label={t.level4Description}
        value={description}
        rows={3}
        readOnly={!context.editable}
        onChange={(event) => setDescription(event.target.value)}
      />
      <CitationNotes text={description} known={context.known} />
      {save.isError ? (
        <p className="form-alert" role="alert">
          {errorMessageOf(save.error)}
        </p>
      ) : null}
      {context.editable && description !== saved.description ? (
        <button
          type="button"
          className="button button--small"
          onClick={() => save.mutate({ itemKey: saved.key, description, version: saved.version })}
        >
          {t.level4Save}
        </button>
      ) : null}
    </div>
  );
}
