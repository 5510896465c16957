import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, errorMessageOf, fieldErrorsOf } from '../../api/api-error.ts';
import { routeUrl, type RouteResponse } from '../../api/http-client.ts';
import { vi } from '../../i18n/vi.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { Badge } from '../../ui/badge.tsx';
import { TextAreaField, TextField } from '../../ui/form.tsx';
import { ConfirmDialog, Modal } from '../../ui/modal.tsx';
import { EmptyState } from '../../ui/status.tsx';
import { hrefs } from '../shell/app-routes.ts';
import { compareCodes } from './assessment-logic.ts';
import type { AssessmentContext } from './assessment-screen.tsx';
import {
  useCreateEvidence,
  useDeleteEvidence,
  useImportEvidence,
  useRenumberEvidence,
  useUpdateEvidence,
  type EvidenceItem,
} from './assessments.queries.ts';
import { EvidenceFileLinks, EvidenceUpload } from './evidence-files.tsx';

const t = vi.assessment.evidence;

/** Lower-case without diacritics ("Quyết định" → "quyet dinh"), for the search box. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/đ/gu, 'd')
    .replace(/Đ/gu, 'D')
    .toLowerCase();
}

/** Whether an evidence matches the search words (name, code, số/ngày, issuer), diacritics ignored. */
export function matchesEvidence(
  item: Pick<EvidenceItem, 'name' | 'code' | 'issued' | 'issuer'>,
  query: string,
): boolean {
  const words = foldText(query).split(/\s+/u).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = foldText(`${item.code} ${item.name} ${item.issued} ${item.issuer}`);
  return words.every((word) => haystack.includes(word));
}

/** "1.1, 1.3" → ["1.1", "1.3"] (spaces, semicolons and commas separate). */
export function parseCriterionCodes(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/u).filter(Boolean))];
}

/** Where a text mentioning a code is, in words: "Tiêu chí 1.1 — Mô tả hiện trạng". */
export function placeLabel(m: { kind: string; key: string; field: string }): string {
  const fields: Record<string, string> = vi.assessment.fields;
  const [field, level] = m.field.split('.');
  const what =
    field === 'levelDescriptions' && level
      ? vi.assessment.levelDescription(Number(level))
      : (fields[field ?? ''] ?? vi.assessment.standardFields[field ?? ''] ?? m.field);
  switch (m.kind) {
    case 'criterion':
      return `Tiêu chí ${m.key} — ${what}`;
    case 'standard':
      return `Tiêu chuẩn ${m.key} — ${what}`;
    case 'level4':
      return `Mức 4, yêu cầu ${m.key} — ${what}`;
    default:
      return `Báo cáo — ${what}`;
  }
}

/** Minh chứng: the evidence list with its actions. */
export function EvidenceSection({
  context,
  highlighted,
}: {
  context: AssessmentContext;
  highlighted: string | null;
}) {
  const { assessment, editable, evidence } = context;
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<EvidenceItem | 'new' | null>(null);
  const [deleting, setDeleting] = useState<EvidenceItem | null>(null);
  const [refused, setRefused] = useState<{
    item: EvidenceItem;
    codes: string[];
    places: string[];
  } | null>(null);
  const [renumbering, setRenumbering] = useState(false);
  const [importing, setImporting] = useState(false);
  const remove = useDeleteEvidence(assessment.id);
  const shown = evidence.filter((e) => matchesEvidence(e, query));
  const criterionTitles = new Map(
    context.framework.standards.flatMap((s) => s.criteria.map((c) => [c.code, c.title])),
  );

  useEffect(() => {
    if (!highlighted) return;
    document.getElementById(`evidence-${highlighted}`)?.scrollIntoView({ block: 'center' });
  }, [highlighted, evidence.length]);

  function confirmDelete(item: EvidenceItem) {
    remove.mutate(item.id, {
      onSuccess: () => setDeleting(null),
      onError: (error) => {
        setDeleting(null);
        if (error instanceof ApiError && error.status === 409) {
          const details = (error.details ?? {}) as {
            criterionCodes?: string[];
            mentions?: { kind: string; key: string; field: string }[];
          };
          setRefused({
            item,
            codes: details.criterionCodes ?? [],
            places: (details.mentions ?? []).map(placeLabel),
          });
        }
      },
    });
  }

  return (
    <section className="stack" aria-labelledby="evidence-title" data-testid="evidence-section">
      <div className="section-head">
        <div>
          <h2 id="evidence-title" className="section-head__title">
            {t.title}
          </h2>
          <p className="muted">{t.intro}</p>
        </div>
        <div className="section-head__actions evidence-actions">
          <a
            className="button button--secondary button--small"
            href={routeUrl('downloadEvidenceList', {
              params: { assessmentId: assessment.id },
              query: { format: 'docx' },
            })}
            data-testid="evidence-download-docx"
          >
            {t.downloadDocx}
          </a>
          <a
            className="button button--secondary button--small"
            href={routeUrl('downloadEvidenceList', {
              params: { assessmentId: assessment.id },
              query: { format: 'xlsx' },
            })}
            data-testid="evidence-download-xlsx"
          >
            {t.downloadXlsx}
          </a>
          {editable ? (
            <>
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => setImporting(true)}
                data-testid="evidence-import-open"
              >
                {t.import}
              </button>
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => setRenumbering(true)}
                data-testid="evidence-renumber-open"
              >
                {t.renumber}
              </button>
              <button
                type="button"
                className="button button--small"
                onClick={() => setEditing('new')}
                data-testid="evidence-add"
              >
                {t.add}
              </button>
            </>
          ) : null}
        </div>
      </div>
      <div className="toolbar">
        <TextField
          label={t.search}
          type="search"
          placeholder={t.searchPlaceholder}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          className="toolbar__search"
        />
        <span className="toolbar__count muted">
          {shown.length}/{evidence.length}
        </span>
      </div>
      {evidence.length === 0 ? (
        <EmptyState title={t.empty} />
      ) : shown.length === 0 ? (
        <EmptyState title={t.noMatch} />
      ) : (
        <div className="table-wrap">
          <table className="table table--cards evidence-table" data-testid="evidence-table">
            <thead>
              <tr>
                <th scope="col">{t.columns.code}</th>
                <th scope="col">{t.columns.name}</th>
                <th scope="col">{t.columns.issued}</th>
                <th scope="col">{t.columns.issuer}</th>
                <th scope="col">{t.columns.criteria}</th>
                <th scope="col">{t.columns.files}</th>
                <th scope="col">
                  <span className="visually-hidden">{t.columns.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <tr
                  key={e.id}
                  id={`evidence-${e.id}`}
                  data-testid="evidence-row"
                  data-code={e.code}
                  className={highlighted === e.id ? 'is-highlighted' : undefined}
                >
                  <th scope="row" data-label={t.columns.code}>
                    <div className="evidence-code-cell">
                      <span className="evidence-code">{e.code}</span>
                      {e.previousCode ? (
                        <span className="muted evidence-previous">
                          {t.previousCode(e.previousCode)}
                        </span>
                      ) : null}
                      {e.carried ? <Badge tone="info">{t.carried}</Badge> : null}
                    </div>
                  </th>
                  <td data-label={t.columns.name} className="pre-line">
                    {e.name}
                    {e.note ? <div className="muted">{e.note}</div> : null}
                  </td>
                  <td data-label={t.columns.issued}>{e.issued}</td>
                  <td data-label={t.columns.issuer}>{e.issuer}</td>
                  <td data-label={t.columns.criteria}>
                    {[...e.criterionCodes].sort(compareCodes).map((code, index) => (
                      <span key={code}>
                        {index > 0 ? ', ' : ''}
                        <AppLink
                          href={hrefs.assessment(assessment.id, {
                            section: 'tieu-chi',
                            criterion: code,
                          })}
                        >
                          {code}
                        </AppLink>
                      </span>
                    ))}
                  </td>
                  <td data-label={t.columns.files}>
                    <EvidenceFileLinks
                      assessmentId={assessment.id}
                      evidence={e}
                      editable={editable}
                    />
                    {editable ? <EvidenceUpload assessmentId={assessment.id} evidence={e} /> : null}
                  </td>
                  <td className="table__actions">
                    {editable ? (
                      <div className="plan-list__actions">
                        <button
                          type="button"
                          className="button button--small button--secondary"
                          onClick={() => setEditing(e)}
                        >
                          {t.edit}
                        </button>
                        <button
                          type="button"
                          className="button button--small button--ghost button--danger-text"
                          onClick={() => setDeleting(e)}
                          data-testid="evidence-delete"
                        >
                          {t.delete}
                        </button>
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing ? (
        <EvidenceDialog
          context={context}
          item={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t.confirmDeleteTitle(deleting.code)}
          message={t.confirmDelete}
          confirmLabel={t.delete}
          tone="danger"
          onConfirm={() => confirmDelete(deleting)}
          onCancel={() => setDeleting(null)}
        />
      ) : null}
      {refused ? (
        <Modal
          title={t.deleteRefusedTitle}
          onClose={() => setRefused(null)}
          testId="evidence-delete-refused"
          size="small"
        >
          <p>
            <strong>{refused.item.code}</strong> — {t.deleteRefused}
          </p>
          <ul className="tight-list">
            {refused.codes.map((code) => (
              <li key={code}>
                <AppLink
                  href={hrefs.assessment(assessment.id, { section: 'tieu-chi', criterion: code })}
                  onNavigate={() => setRefused(null)}
                >
                  {vi.assessment.criterion(code, criterionTitles.get(code) ?? '')}
                </AppLink>
              </li>
            ))}
            {refused.places.map((place) => (
              <li key={place}>{place}</li>
            ))}
          </ul>
        </Modal>
      ) : null}
      {renumbering ? (
        <RenumberDialog assessmentId={assessment.id} onClose={() => setRenumbering(false)} />
      ) : null}
      {importing ? (
        <ImportDialog assessmentId={assessment.id} onClose={() => setImporting(false)} />
      ) : null}
    </section>
  );
}

function EvidenceDialog({
  context,
  item,
  onClose,
}: {
  context: AssessmentContext;
  item: EvidenceItem | null;
  onClose: () => void;
}) {
  const isTt57 = context.assessment.regime === '2026';
  const create = useCreateEvidence(context.assessment.id);
  const update = useUpdateEvidence(context.assessment.id);
  const [form, setForm] = useState({
    name: item?.name ?? '',
    issued: item?.issued ?? '',
    issuer: item?.issuer ?? '',
    note: item?.note ?? '',
    link: item?.link ?? '',
    criteria: item ? item.criterionCodes.join(', ') : '',
    box: item?.box ? String(item.box) : '',
  });
  const mutation = item ? update : create;
  const errors = fieldErrorsOf(mutation.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const box = form.box.trim() === '' ? undefined : Number(form.box);
    const texts = {
      name: form.name,
      issued: form.issued,
      issuer: form.issuer,
      note: form.note,
      link: form.link,
    };
    if (item) {
      const changed = Object.fromEntries(
        Object.entries(texts).filter(([key, value]) => item[key as keyof typeof texts] !== value),
      );
      update.mutate(
        {
          evidenceId: item.id,
          version: item.version,
          ...changed,
          ...(!isTt57 && box !== undefined && box !== item.box ? { box } : {}),
        },
        { onSuccess: onClose },
      );
    } else {
      create.mutate(
        {
          ...texts,
          criterionCodes: parseCriterionCodes(form.criteria),
          ...(!isTt57 && box !== undefined ? { box } : {}),
        },
        { onSuccess: onClose },
      );
    }
  }

  return (
    <Modal
      title={item ? t.editTitle(item.code) : t.addTitle}
      onClose={onClose}
      testId="evidence-dialog"
    >
      <form className="stack" onSubmit={submit} noValidate>
        <TextAreaField
          label={t.name}
          required
          rows={2}
          value={form.name}
          onChange={(event) => setForm({ ...form, name: event.target.value })}
          error={errors.name}
        />
        <TextField
          label={t.issued}
          value={form.issued}
          onChange={(event) => setForm({ ...form, issued: event.target.value })}
          error={errors.issued}
        />
        <TextField
          label={t.issuer}
          value={form.issuer}
          onChange={(event) => setForm({ ...form, issuer: event.target.value })}
          error={errors.issuer}
        />
        {item ? null : (
          <TextField
            label={t.criteria}
            hint={t.criteriaHint}
            required
            value={form.criteria}
            onChange={(event) => setForm({ ...form, criteria: event.target.value })}
            error={errors.criterionCodes ?? errors['criterionCodes.0']}
          />
        )}
        {isTt57 ? null : (
          <TextField
            label={t.box}
            inputMode="numeric"
            value={form.box}
            onChange={(event) => setForm({ ...form, box: event.target.value })}
            error={errors.box}
          />
        )}
        <TextField
          label={t.link}
          value={form.link}
          onChange={(event) => setForm({ ...form, link: event.target.value })}
          error={errors.link}
        />
        <TextAreaField
          label={t.note}
          rows={2}
          value={form.note}
          onChange={(event) => setForm({ ...form, note: event.target.value })}
          error={errors.note}
        />
        {mutation.isError && Object.keys(errors).length === 0 ? (
          <p className="form-alert" role="alert">
            {errorMessageOf(mutation.error)}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {vi.assessment.cancel}
          </button>
          <button type="submit" className="button" disabled={mutation.isPending}>
            {t.save}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** Đánh số lại: the changes first (old → new), then applied on request. */
function RenumberDialog({ assessmentId, onClose }: { assessmentId: string; onClose: () => void }) {
  const renumber = useRenumberEvidence(assessmentId);
  const [preview, setPreview] = useState<RouteResponse<'renumberEvidence'> | null>(null);
  const { mutate } = renumber;
  useEffect(() => {
    mutate(true, { onSuccess: setPreview });
  }, [mutate]);
  const result = renumber.data ?? preview;
  return (
    <Modal title={t.renumberTitle} onClose={onClose} testId="renumber-dialog" size="large">
      <div className="stack">
        <p>{t.renumberIntro}</p>
        {renumber.isPending && !result ? <p className="muted">{vi.common.loading}</p> : null}
        {renumber.isError ? (
          <p className="form-alert" role="alert">
            {errorMessageOf(renumber.error)}
          </p>
        ) : null}
        {result ? (
          result.changes.length === 0 ? (
            <p data-testid="renumber-none">{t.renumberNone}</p>
          ) : (
            <>
              {result.applied ? (
                <p className="notice notice--success" data-testid="renumber-done">
                  {t.renumberDone(result.changes.length)}{' '}
                  {t.renumberTexts(result.rewrittenTexts.length)}
                </p>
              ) : (
                <p className="muted">{t.renumberTexts(result.rewrittenTexts.length)}</p>
              )}
              <div className="table-wrap">
                <table className="table table--compact" data-testid="renumber-changes">
                  <thead>
                    <tr>
                      <th scope="col">{t.oldCode}</th>
                      <th scope="col">{t.newCode}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.changes.map((c) => (
                      <tr key={c.evidenceId} data-testid="renumber-change">
                        <td>{c.oldCode}</td>
                        <td>→ {c.newCode}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )
        ) : null}
        <div className="form-actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {vi.common.close}
          </button>
          {result && !result.applied && result.changes.length > 0 ? (
            <button
              type="button"
              className="button"
              disabled={renumber.isPending}
              onClick={() => renumber.mutate(false)}
              data-testid="renumber-apply"
            >
              {t.renumberApply(result.changes.length)}
            </button>
          ) : null}
        </div>
      </div>
    </Modal>
  );
}

/** Nhập danh mục: a Word/Excel list, previewed, then written on request. */
function ImportDialog({ assessmentId, onClose }: { assessmentId: string; onClose: () => void }) {
  const importList = useImportEvidence(assessmentId);
  const [file, setFile] = useState<File | null>(null);
  const result = importList.data;
  return (
    <Modal title={t.importTitle} onClose={onClose} testId="evidence-import-dialog" size="large">
      <div className="stack">
        <p>{t.importIntro}</p>
        <div className="field">
          <label className="field__label" htmlFor="evidence-import-file">
            {t.importFile}
          </label>
          <input
            id="evidence-import-file"
            type="file"
            accept=".xlsx,.docx,.doc,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              importList.reset();
            }}
            data-testid="evidence-import-file"
          />
        </div>
        {importList.isError ? (
          <p className="form-alert" role="alert">
            {errorMessageOf(importList.error)}
          </p>
        ) : null}
        {result ? (
          <div className="stack" data-testid="evidence-import-result">
            <p className={result.applied ? 'notice notice--success' : 'notice notice--info'}>
              {result.applied
                ? t.importApplied(result.counts.create + result.counts.uncited)
                : t.importCounts(
                    result.counts.create,
                    result.counts.merge,
                    result.counts.uncited,
                    result.counts.skip,
                  )}
            </p>
            {result.warnings.length > 0 ? (
              <ul className="tight-list notice notice--warning">
                {result.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            ) : null}
            <div className="table-wrap import-preview">
              <table className="table table--compact">
                <thead>
                  <tr>
                    <th scope="col">{t.columns.code}</th>
                    <th scope="col">{t.columns.name}</th>
                    <th scope="col">{t.columns.issued}</th>
                    <th scope="col">{t.columns.criteria}</th>
                    <th scope="col">{vi.assessment.propose.reason}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.entries.map((entry, index) => (
                    <tr key={`${entry.code}-${index}`} data-testid="evidence-import-entry">
                      <td className="evidence-code">
                        {entry.code}
                        {entry.sourceCode && entry.sourceCode !== entry.code ? (
                          <div className="muted">{entry.sourceCode}</div>
                        ) : null}
                      </td>
                      <td className="pre-line">{entry.name}</td>
                      <td>{entry.issued}</td>
                      <td>{entry.criterionCodes.join(', ')}</td>
                      <td>
                        {t.importActions[entry.action] ?? entry.action}
                        {entry.warnings.map((w) => (
                          <div key={w} className="muted">
                            ⚠ {w}
                          </div>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ) : null}
        <div className="form-actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {vi.common.close}
          </button>
          <button
            type="button"
            className="button button--secondary"
            disabled={!file || importList.isPending}
            onClick={() => file && importList.mutate({ file, apply: false })}
            data-testid="evidence-import-preview"
          >
            {t.importPreview}
          </button>
          {result && !result.applied ? (
            <button
              type="button"
              className="button"
              disabled={!file || importList.isPending}
              onClick={() => file && importList.mutate({ file, apply: true })}
              data-testid="evidence-import-apply"
            >
              {t.importApply}
            </button>
          ) : null}
        </div>
      </div>
    </Modal>
  );
}
