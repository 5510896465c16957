import { circularName, vi } from '../../i18n/vi.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { Badge } from '../../ui/badge.tsx';
import { frameworkHref } from './framework-url.ts';
import {
  frameworkParam,
  groupByRegime,
  schoolLevelsLabel,
  versionsOf,
} from './framework-labels.ts';
import type { FrameworkSummary } from './framework.types.ts';

const t = vi.frameworks;

/** The landing view: every framework as a card, grouped by regime, with links to each version. */
export function FrameworkCatalogue({ items }: { items: readonly FrameworkSummary[] }) {
  const groups = groupByRegime(items);
  return (
    <div className="catalogue" data-testid="framework-catalogue">
      <p className="catalogue__hint">{t.chooseHint}</p>
      {groups.map((group) => (
        <section
          key={group.regime}
          className="catalogue__group"
          aria-labelledby={`regime-${group.regime}`}
        >
          <h2 id={`regime-${group.regime}`} className="catalogue__heading">
            {t.regimeHeading[group.regime]}
          </h2>
          <p className="muted">{t.regimeHint[group.regime]}</p>
          <ul className="catalogue__cards">
            {group.frameworks.map((framework) => (
              <li key={framework.code}>
                <FrameworkCard framework={framework} versions={versionsOf(items, framework.code)} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function FrameworkCard({
  framework,
  versions,
}: {
  framework: FrameworkSummary;
  versions: FrameworkSummary[];
}) {
  const older = versions.filter((version) => !version.isCurrent);
  return (
    <article className="card framework-card" data-testid={`framework-card-${framework.code}`}>
      <p className="framework-card__eyebrow">
        <span className="framework-card__code">{framework.code}</span>
        <span>{circularName(framework.circularNumber)}</span>
      </p>
      <h3 className="framework-card__title">
        <AppLink
          href={frameworkHref({ framework: framework.code })}
          className="framework-card__link"
        >
          {schoolLevelsLabel(framework.schoolLevels)}
        </AppLink>
      </h3>
      <p className="framework-card__name">{framework.name}</p>
      <p className="framework-card__counts">
        {framework.standardCount} {t.counts.standards} · {framework.criterionCount}{' '}
        {t.counts.criteria}
        {framework.mandatoryCriterionCount > 0
          ? ` (${framework.mandatoryCriterionCount} bắt buộc)`
          : ''}{' '}
        · {t.levelList(framework.levels)}
        {framework.level4ItemCount > 0 ? ` + ${framework.level4ItemCount} ${t.counts.level4}` : ''}
      </p>
      <p className="framework-card__versions">
        <Badge tone="success">{t.versionOption(framework.version, true)}</Badge>
        {older.map((version) => (
          <AppLink
            key={version.id}
            href={frameworkHref({ framework: frameworkParam(version) })}
            className="version-link"
          >
            {t.versionOption(version.version, false)}
          </AppLink>
        ))}
      </p>
    </article>
  );
}
