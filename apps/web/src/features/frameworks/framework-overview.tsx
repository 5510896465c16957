import { circularName, formatDate, vi } from '../../i18n/vi.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { frameworkHref, type FrameworkLocation } from './framework-url.ts';
import { schoolLevelsLabel } from './framework-labels.ts';
import { SourceText } from './source-text.tsx';
import type { FrameworkDetail } from './framework.types.ts';

const t = vi.frameworks;

/** The framework's identity: circular, version and dates, counts, amendments and sources. */
export function FrameworkOverview({ framework, location }: { framework: FrameworkDetail; location: FrameworkLocation }) {
  const stats: Array<{ key: string; value: number; label: string; tone?: 'warning' }> = [
    { key: 'standards', value: framework.standardCount, label: t.counts.standards },
    { key: 'criteria', value: framework.criterionCount, label: t.counts.criteria },
  ];
  if (framework.mandatoryCriterionCount > 0)
    stats.push({ key: 'mandatory', value: framework.mandatoryCriterionCount, label: t.counts.mandatory });
  if (framework.level4ItemCount > 0)
    stats.push({ key: 'level4', value: framework.level4ItemCount, label: t.counts.level4 });
  if (framework.unverifiedCriterionCount > 0)
    stats.push({
      key: 'unverified',
      value: framework.unverifiedCriterionCount,
      label: t.counts.unverified,
      tone: 'warning',
    });

  return (
    <section className="card overview" aria-labelledby="framework-name" data-testid="framework-overview">
      {framework.isCurrent ? null : (
        <div className="notice notice--warning" role="note" data-testid="superseded-notice">
          <p>{t.supersededBanner(formatDate(framework.effectiveTo))}</p>
          <AppLink href={frameworkHref({ ...location, framework: framework.code })}>{t.viewCurrent}</AppLink>
        </div>
      )}
      <p className="overview__eyebrow">
        <span className="overview__code">{framework.code}</span>
        <span aria-hidden="true"> · </span>
        {t.version(framework.version)} ({framework.isCurrent ? t.current : t.superseded})
      </p>
      <h2 id="framework-name" className="overview__name">
        {framework.name}
      </h2>

      <dl className="facts">
        <div className="facts__row">
          <dt>{t.circular}</dt>
          <dd>
            <strong>{circularName(framework.circular.number)}</strong>
            {framework.circular.title ? <span className="facts__sub">{framework.circular.title}</span> : null}
          </dd>
        </div>
        <div className="facts__row">
          <dt>
            {t.issuedOn} / {t.effectiveOn}
          </dt>
          <dd>
            {formatDate(framework.circular.issuedOn)} / {formatDate(framework.circular.effectiveOn)}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t.version(framework.version)}</dt>
          <dd>
            {t.appliesFrom} {formatDate(framework.effectiveFrom)}{' '}
            {framework.effectiveTo ? `${t.appliesUntil} ${formatDate(framework.effectiveTo)}` : t.appliesOpen}
            {framework.changeNote ? <span className="facts__sub">{framework.changeNote}</span> : null}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t.schoolLevels}</dt>
          <dd>{schoolLevelsLabel(framework.schoolLevels)}</dd>
        </div>
        {framework.amendments.length > 0 ? (
          <div className="facts__row">
            <dt>{t.amendments}</dt>
            <dd>
              <ul className="plain-list">
                {framework.amendments.map((amendment) => (
                  <li key={amendment.number}>
                    <strong>{circularName(amendment.number)}</strong>
                    {amendment.issuedOn ? ` (${t.issuedOn.toLowerCase()} ${formatDate(amendment.issuedOn)}` : ''}
                    {amendment.effectiveOn ? `, ${t.effectiveOn.toLowerCase()} ${formatDate(amendment.effectiveOn)})` : amendment.issuedOn ? ')' : ''}
                    {amendment.title ? <span className="facts__sub">{amendment.title}</span> : null}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
      </dl>

      <ul className="stats" data-testid="framework-counts">
        {stats.map((stat) => (
          <li key={stat.key} className={`stat${stat.tone ? ` stat--${stat.tone}` : ''}`} data-testid={`count-${stat.key}`}>
            <span className="stat__value">{t.formatCount(stat.value)}</span>
            <span className="stat__label">{stat.label}</span>
          </li>
        ))}
      </ul>

      {framework.circular.note || framework.sources.length > 0 ? (
        <details className="disclosure">
          <summary>{t.sources(framework.sources.length)}</summary>
          {framework.circular.note ? (
            <p className="muted">
              <strong>{t.note}:</strong> {framework.circular.note}
            </p>
          ) : null}
          <ul className="sources">
            {framework.sources.map((source) => (
              <li key={source.id}>
                <SourceText source={source.ref} />
                {source.note ? <span className="facts__sub">{source.note}</span> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
