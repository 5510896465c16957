import { useState } from 'react';
import { CopyButton } from '../../ui/copy-button.tsx';
import { ConfirmDialog } from '../../ui/modal.tsx';
import { useSession } from '../auth/session.ts';
import {
  usePlanPublication,
  usePublishPlan,
  useWithdrawPublication,
} from './public-disclosure.queries.ts';
import { viPublic as t } from './vi-public.ts';
import './public-disclosure.css';

const when = (iso: string) =>
  new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });

/** The QR code (SVG from the server) as an image: no markup of the answer is injected. */
export function QrImage({ svg, alt }: { svg: string; alt: string }) {
  return (
    <img
      className="public-qr"
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
      alt={alt}
      width={160}
      height={160}
    />
  );
}

/**
 * "Công khai" on an approved plan (issue 14): publish (with the assessment summary if chosen), the
 * page's address with a copy button and its QR code, withdraw. The principal acts; others read.
 */
export function PublicationPanel({ planId, planStatus }: { planId: string; planStatus: string }) {
  const state = usePlanPublication(planId);
  const publish = usePublishPlan(planId);
  const withdraw = useWithdrawPublication(planId);
  const session = useSession();
  const [withAssessment, setWithAssessment] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const roles = session.data?.user?.roles ?? [];
  const canPublish = roles.some((r) => r.role === 'admin' || r.role === 'principal');
  const data = state.data;
  if (!data) return null;
  const live = data.live;
  if (planStatus !== 'approved' && !live) return null;

  return (
    <section
      className="card public-panel"
      aria-labelledby="public-panel-title"
      data-testid="publication-panel"
    >
      <h2 id="public-panel-title" className="panel__title">
        {t.panelTitle}
      </h2>
      <p className="muted">{t.panelIntro}</p>
      {live ? (
        <div className="public-panel__live" data-testid="publication-live">
          <QrImage svg={live.qrSvg} alt={t.qrAlt} />
          <div className="stack">
            <p>
              <strong>{t.published}</strong> —{' '}
              {t.publishedBy(live.publishedByName, when(live.publishedAt))}
            </p>
            <label className="public-panel__address">
              <span>{t.address}</span>
              <input
                readOnly
                value={live.url}
                data-testid="publication-url"
                onFocus={(e) => e.target.select()}
              />
            </label>
            <div className="button-row">
              <CopyButton text={live.url} label={t.copy} />
              <a
                className="button button--secondary button--small"
                href={live.url}
                target="_blank"
                rel="noreferrer"
              >
                {live.url.replace(/^https?:\/\//, '')}
              </a>
            </div>
            {live.includeAssessment ? <p className="muted">{t.withAssessment}</p> : null}
            {live.pdf ? null : <p className="muted">{t.noPdf}</p>}
            {data.liveIsOlderRevision ? (
              <p className="notice notice--info" data-testid="publication-older">
                {t.olderRevision}
              </p>
            ) : null}
          </div>
        </div>
      ) : (
        <p data-testid="publication-none">{t.notPublished}</p>
      )}
      {canPublish ? (
        <div className="stack">
          {planStatus === 'approved' ? (
            <>
              {data.assessmentAvailable ? (
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={withAssessment}
                    onChange={(e) => setWithAssessment(e.target.checked)}
                    data-testid="publication-with-assessment"
                  />{' '}
                  {t.includeAssessment}
                </label>
              ) : (
                <p className="muted">{t.noAssessment}</p>
              )}
            </>
          ) : null}
          <div className="button-row">
            {planStatus === 'approved' ? (
              <button
                type="button"
                className="button button--primary"
                disabled={publish.isPending}
                onClick={() => publish.mutate(withAssessment && data.assessmentAvailable)}
                data-testid="publication-publish"
              >
                {publish.isPending ? t.publishing : live ? t.republish : t.publish}
              </button>
            ) : null}
            {live ? (
              <button
                type="button"
                className="button button--danger"
                onClick={() => setConfirming(true)}
                data-testid="publication-withdraw"
              >
                {t.withdraw}
              </button>
            ) : null}
          </div>
        </div>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={t.withdraw}
          message={t.withdrawConfirm}
          confirmLabel={t.withdraw}
          isPending={withdraw.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={() => withdraw.mutate(undefined, { onSettled: () => setConfirming(false) })}
        />
      ) : null}
    </section>
  );
}
