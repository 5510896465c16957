import { circularName, formatDate, vi } from '../../i18n/vi.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { frameworkHref, type FrameworkLocation } from './framework-url.ts';
import { schoolLevelsLabel } from './framework-labels.ts';
import { SourceText } from './source-text.tsx';
import type { FrameworkDetail } from './framework.types.ts';

const t = vi.frameworks;

/**
 * The framework's identity in a few lines (circular, version and its period, school levels,
 * counts), with the long texts — titles, notes, amendments, sources — behind a disclosure so the
 * criteria stay within reach on a phone.
 */
export function FrameworkOverview({
  framework,
  location,
}: {
  framework: FrameworkDetail;
  location: FrameworkLocation;
}) {
  const stats: Array<{ key: string; value: number; label: string; tone?: 'warning' }> = [
    { key: 'standards', value: framework.standardCount, label: t.counts.standards },
    { key: 'criteria', value: framework.criterionCount, label: t.counts.criteria },
  ];
  if (framework.mandatoryCriterionCount > 0)
    stats.push({
      key: 'mandatory',
      value: framework.mandatoryCriterionCount,
      label: t.counts.mandatory,
    });
  if (framework.level4ItemCount > 0)
    stats.push({ key: 'level4', value: framework.level4ItemCount, label: t.counts.level4 });
  if (framework.unverifiedCriterionCount > 0)
    stats.push({
      key: 'unverified',
      value: framework.unverifiedCriterionCount,
      label: t.counts.unverified,
      tone: 'warning',
    });
  const { circular } = framework;

  return (
    <section
      className="card overview"
      aria-labelledby="framework-name"
      data-testid="framework-overview"
    >
      {framework.isCurrent ? null : (
        <div className="notice notice--warning" role="note" data-testid="superseded-notice">
          <p>{t.supersededBanner(formatDate(framework.effectiveTo))}</p>
          <AppLink href={frameworkHref({ ...location, framework: framework.code })}>
            {t.viewCurrent}
          </AppLink>
        </div>
      )}
      <p className="overview__eyebrow">
        <span className="overview__code">{framework.code}</span>
        <span aria-hidden="true"> · </span>
        {t.version(framework.version)} ({framework.isCurrent ? t.current : t.superseded})
        <span aria-hidden="true"> · </span>
        {t.versionPeriod(
          formatDate(framework.effectiveFrom),
          framework.effectiveTo ? formatDate(framework.effectiveTo) : null,
        )}
      </p>
      <h2 id="framework-name" className="overview__name">
        {framework.name}
      </h2>
      <p className="overview__legal">
        <strong>{circularName(circular.number)}</strong>{' '}
        <span className="muted">
          ({t.circularDates(formatDate(circular.issuedOn), formatDate(circular.effectiveOn))})
        </span>
        {framework.amendments.length > 0 ? (
          <>
            {', '}
            {t.amendedBy}{' '}
            {framework.amendments.map((amendment, index) => (
              <span key={amendment.number}>
                {index > 0 ? ', ' : ''}
                <strong>{circularName(amendment.number)}</strong>
              </span>
            ))}
          </>
        ) : null}
        <span aria-hidden="true"> · </span>
        <span>
          {t.schoolLevels}: {schoolLevelsLabel(framework.schoolLevels)}
        </span>
      </p>

      <ul className="stats" data-testid="framework-counts">
        {stats.map((stat) => (
          <li
            key={stat.key}
            className={`stat${stat.tone ? ` stat--${stat.tone}` : ''}`}
            data-testid={`count-${stat.key}`}
          >
            <span className="stat__value">{t.formatCount(stat.value)}</span>
            <span className="stat__label">{stat.label}</span>
          </li>
        ))}
      </ul>

      <details className="disclosure" data-testid="framework-details">
        <summary>{t.moreDetails}</summary>
        <dl className="facts">
          <div className="facts__row">
            <dt>{t.circular}</dt>
            <dd>
              <strong>{circularName(circular.number)}</strong>
              {circular.title ? <span className="facts__sub">{circular.title}</span> : null}
              {circular.note ? <span className="facts__sub">{circular.note}</span> : null}
            </dd>
          </div>
          <div className="facts__row">
            <dt>
              {t.issuedOn} / {t.effectiveOn}
            </dt>
            <dd>
              {formatDate(circular.issuedOn)} / {formatDate(circular.effectiveOn)}
            </dd>
          </div>
          <div className="facts__row">
            <dt>{t.version(framework.version)}</dt>
            <dd>
              {t.versionPeriod(
                formatDate(framework.effectiveFrom),
                framework.effectiveTo ? formatDate(framework.effectiveTo) : null,
              )}
              {framework.changeNote ? (
                <span className="facts__sub">{framework.changeNote}</span>
              ) : null}
            </dd>
          </div>
          {framework.amendments.length > 0 ? (
            <div className="facts__row">
              <dt>{t.amendments}</dt>
              <dd>
                <ul className="plain-list">
                  {framework.amendments.map((amendment) => (
                    <li key={amendment.number}>
                      <strong>{circularName(amendment.number)}</strong> (
                      {t.circularDates(
                        formatDate(amendment.issuedOn),
                        formatDate(amendment.effectiveOn),
                      )}
                      )
                      {amendment.title ? (
                        <span className="facts__sub">{amendment.title}</span>
                      ) : null}
                      {amendment.note ? <span className="facts__sub">{amendment.note}</span> : null}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          ) : null}
          <div className="facts__row">
            <dt>{t.levels}</dt>
            <dd>{t.levelList(framework.levels)}</dd>
          </div>
          {framework.sources.length > 0 ? (
            <div className="facts__row">
              <dt>{t.sources(framework.sources.length)}</dt>
              <dd>
                <ul className="sources">
                  {framework.sources.map((source) => (
                    <li key={source.id}>
                      <SourceText source={source.ref} />
                      {source.note ? <span className="facts__sub">{source.note}</span> : null}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          ) : null}
        </dl>
      </details>
    </section>
  );
}
