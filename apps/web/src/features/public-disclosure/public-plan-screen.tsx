import { useRef } from 'react';
import { routeUrl } from '../../api/http-client.ts';
import { ApiError, errorMessageOf } from '../../api/api-error.ts';
import { useDocumentTitle } from '../../ui/page.tsx';
import { EmptyState, LoadingState } from '../../ui/status.tsx';
import { usePublicPlan, useVerifyCopy } from './public-disclosure.queries.ts';
import { viPublic as t } from './vi-public.ts';
import './public-disclosure.css';

const day = (iso: string) =>
  new Date(iso).toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });

/**
 * The public page of a published plan, `/cong-khai/:slug` (issue 14): no sign-in. School, plan
 * header, the rows (cards on a phone), the assessment summary when published with it, the DOCX/PDF
 * downloads and the check of a copy.
 */
export function PublicPlanScreen({ slug }: { slug: string }) {
  const page = usePublicPlan(slug);
  useDocumentTitle(page.data ? `${t.panelTitle} — ${page.data.school.name}` : t.pageTitle);
  if (page.isPending) return <LoadingState label={t.loading} />;
  if (page.isError || !page.data) {
    const gone = page.error instanceof ApiError && [400, 404].includes(page.error.status);
    return (
      <EmptyState
        title={gone ? t.notFoundTitle : errorMessageOf(page.error)}
        testId="public-not-found"
      >
        <p>{t.notFoundText}</p>
      </EmptyState>
    );
  }
  const p = page.data;
  const href = (format: 'docx' | 'pdf') =>
    routeUrl('downloadPublicPlan', { params: { slug: p.slug }, query: { format } });
  return (
    <article className="public-page stack" data-testid="public-plan">
      <header className="public-page__head">
        <p className="muted">{p.school.governingBody}</p>
        <h1 className="public-page__school" data-testid="public-school">
          {p.school.name}
        </h1>
        <p className="public-page__title">
          <strong>{p.plan.title}</strong> {p.plan.subtitle}
        </p>
        {p.plan.revisionLine ? <p className="muted">{p.plan.revisionLine}</p> : null}
        <p className="muted">{[p.plan.numberLine, p.plan.dateLine].filter(Boolean).join(' · ')}</p>
        <p className="muted">
          {t.schoolYear(p.plan.schoolYear)} · {t.approvedAt(day(p.plan.approvedAt))} ·{' '}
          {t.publishedAt(day(p.publishedAt))}
        </p>
      </header>

      <section className="card" aria-labelledby="public-downloads">
        <h2 id="public-downloads" className="panel__title">
          {t.downloads}
        </h2>
        <div className="button-row">
          <a
            className="button button--primary"
            href={href('docx')}
            data-testid="public-download-docx"
            download
          >
            {t.downloadDocx}
          </a>
          {p.documents.pdf ? (
            <a
              className="button button--secondary"
              href={href('pdf')}
              data-testid="public-download-pdf"
              download
            >
              {t.downloadPdf}
            </a>
          ) : null}
        </div>
      </section>

      <VerifyCopy slug={p.slug} />

      {p.assessment ? (
        <section
          className="card"
          aria-labelledby="public-assessment"
          data-testid="public-assessment"
        >
          <h2 id="public-assessment" className="panel__title">
            {t.assessmentTitle} ({p.assessment.schoolYear})
          </h2>
          <p>
            <strong>{t.schoolLevel(p.assessment.schoolLevel)}</strong>
          </p>
          <ul>
            {p.assessment.summary.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {p.assessment.standards.map((s) => (
            <details key={s.code} className="public-standard">
              <summary>
                Tiêu chuẩn {s.code}: {s.title}
              </summary>
              <ul>
                {s.criteria.map((c) => (
                  <li key={c.code}>
                    {c.code} {c.title} — <strong>{t.criterionLevel(c.level)}</strong>
                  </li>
                ))}
              </ul>
            </details>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="public-rows" className="stack">
        <h2 id="public-rows" className="panel__title">
          {t.rowsTitle}
        </h2>
        <table className="public-rows" data-testid="public-rows">
          <thead>
            <tr>
              <th scope="col">{t.cols.ordinal}</th>
              <th scope="col">{t.cols.criterion}</th>
              <th scope="col">{t.cols.content}</th>
              <th scope="col">{t.cols.tasks}</th>
              <th scope="col">{t.cols.time}</th>
              <th scope="col">{t.cols.lead}</th>
              <th scope="col">{t.cols.budget}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr key={r.ordinal}>
                <td data-label={t.cols.ordinal}>{r.ordinal}</td>
                <td data-label={t.cols.criterion}>{r.criterionCode ?? ''}</td>
                <td data-label={t.cols.content}>{r.content || r.target}</td>
                <td data-label={t.cols.tasks}>{r.tasks}</td>
                <td data-label={t.cols.time}>{r.time}</td>
                <td data-label={t.cols.lead}>{r.lead}</td>
                <td data-label={t.cols.budget}>{r.budget}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <p className="muted public-page__hash">
        {t.hash}: <code>{p.plan.contentHash}</code>
      </p>
    </article>
  );
}

function VerifyCopy({ slug }: { slug: string }) {
  const verify = useVerifyCopy(slug);
  const input = useRef<HTMLInputElement>(null);
  const result = verify.data;
  return (
    <section className="card" aria-labelledby="public-verify" data-testid="public-verify">
      <h2 id="public-verify" className="panel__title">
        {t.verifyTitle}
      </h2>
      <p className="muted">{t.verifyIntro}</p>
      <label className="public-verify__pick">
        <span>{t.verifyChoose}</span>
        <input
          ref={input}
          type="file"
          accept=".docx,.pdf,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          data-testid="public-verify-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) verify.mutate(file);
          }}
        />
      </label>
      <div aria-live="polite">
        {verify.isPending ? <p>{t.verifying}</p> : null}
        {verify.isError ? (
          <p className="notice notice--error" data-testid="public-verify-error">
            {errorMessageOf(verify.error)}
          </p>
        ) : null}
        {result && !verify.isPending ? (
          <div
            className={`notice ${result.match ? 'notice--success' : 'notice--error'}`}
            data-testid="public-verify-result"
            data-match={result.match ? 'true' : 'false'}
          >
            <p>
              <strong>{result.match ? t.matchTitle : t.mismatchTitle}</strong>
            </p>
            <p>{result.message}</p>
          </div>
        ) : null}
      </div>
    </section>
  );
}
