import type { Ref } from 'react';
import { vi } from '../../i18n/vi.ts';
import { Badge } from '../../ui/badge.tsx';
import { Highlight } from '../../ui/highlight.tsx';
import { SourceText } from './source-text.tsx';
import type {
  CriterionLevel,
  FrameworkDetail,
  FrameworkCriterion,
  FrameworkIndicator,
  FrameworkStandard,
} from './framework.types.ts';

const t = vi.criterion;

/** The verification badge of a criterion or Mức 4 item. */
export function VerificationBadge({ verified, note }: { verified: boolean; note?: string | null }) {
  return verified ? (
    <Badge tone="success" title={note ?? undefined} testId="verification-badge">
      {t.verified}
    </Badge>
  ) : (
    <Badge tone="warning" title={note ?? undefined} testId="verification-badge">
      {t.unverified}
    </Badge>
  );
}

/** One criterion: its requirements grouped by Mức, repealed ones struck through, then data, evidence, notes and sources. */
export function CriterionDetail({
  standard,
  criterion,
  levels,
  words,
  sources,
  headingRef,
}: {
  standard: FrameworkStandard;
  criterion: FrameworkCriterion;
  /** The levels of the framework ([1, 2, 3] or [1, 2]): a level missing from the criterion still gets its section. */
  levels: readonly number[];
  words: readonly string[];
  /** The framework's cited sources, to spell out a criterion source given as ids ("S1a, S2a"). */
  sources: FrameworkDetail['sources'];
  headingRef: Ref<HTMLHeadingElement>;
}) {
  const byLevel = new Map(criterion.levels.map((level) => [level.level, level]));
  return (
    <article className="detail" aria-labelledby="criterion-heading" data-testid="criterion-detail">
      <p className="detail__context">
        {t.inStandard(standard.code, standard.title)}
        {standard.titleVariants.map((variant) => (
          <span key={`${variant.source}:${variant.text}`} className="detail__context-variant">
            {t.standardVariant(variant.source, variant.text)}
          </span>
        ))}
      </p>
      <h2 id="criterion-heading" className="detail__title" tabIndex={-1} ref={headingRef}>
        <span className="detail__code">Tiêu chí {criterion.code}</span>{' '}
        <Highlight text={criterion.title} words={words} />
      </h2>
      <p className="detail__badges">
        {criterion.mandatory ? (
          <Badge tone="accent" title={t.mandatoryTitle} testId="mandatory-badge">
            {t.mandatory}
          </Badge>
        ) : null}
        <VerificationBadge verified={criterion.verified} note={criterion.verificationNote} />
      </p>

      {criterion.titleVariants.length > 0 ? (
        <ul className="variants" data-testid="title-variants">
          {criterion.titleSource ? (
            <li className="variants__source">{t.titleSource(criterion.titleSource)}</li>
          ) : null}
          {criterion.titleVariants.map((variant) => (
            <li key={`${variant.source}:${variant.text}`}>
              <span className="variants__label">{t.titleVariant(variant.source)}:</span>{' '}
              <Highlight text={variant.text} words={words} />
            </li>
          ))}
        </ul>
      ) : null}

      {levels.map((level) => (
        <LevelSection key={level} level={level} data={byLevel.get(level)} words={words} />
      ))}

      {criterion.quantitative.length > 0 ? (
        <section className="detail__section" aria-labelledby="quantitative-heading">
          <h3 id="quantitative-heading">{t.quantitative}</h3>
          <ul className="bullets">
            {criterion.quantitative.map((item) => (
              <li key={item}>
                <Highlight text={item} words={words} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {criterion.suggestedEvidence.length > 0 ? (
        <section className="detail__section" aria-labelledby="evidence-heading">
          <h3 id="evidence-heading">{t.suggestedEvidence}</h3>
          <ul className="bullets">
            {criterion.suggestedEvidence.map((item) => (
              <li key={item}>
                <Highlight text={item} words={words} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {criterion.notes.length > 0 ? (
        <section className="detail__section" aria-labelledby="notes-heading">
          <h3 id="notes-heading">{t.notes}</h3>
          <ul className="bullets">
            {criterion.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <section
        className="detail__section detail__provenance"
        aria-labelledby="provenance-heading"
        data-testid="provenance"
      >
        <h3 id="provenance-heading">
          {t.source} · {t.verification}
        </h3>
        <dl className="facts facts--compact">
          <div className="facts__row">
            <dt>{t.source}</dt>
            <dd>
              <CriterionSource source={criterion.source} sources={sources} />
            </dd>
          </div>
          <div className="facts__row">
            <dt>{t.verification}</dt>
            <dd>
              <VerificationBadge verified={criterion.verified} note={criterion.verificationNote} />
              {criterion.verificationNote ? (
                <span className="facts__sub">{criterion.verificationNote}</span>
              ) : null}
            </dd>
          </div>
        </dl>
      </section>
    </article>
  );
}

/**
 * A criterion's source: TT57 criteria cite source ids ("S1a, S1b, S2a") that the framework's
 * source list spells out; 2018 criteria cite the source directly.
 */
function CriterionSource({
  source,
  sources,
}: {
  source: string;
  sources: FrameworkDetail['sources'];
}) {
  const ids = source.split(/\s*[,;]\s*/).filter(Boolean);
  const cited = ids.map((id) => sources.find((candidate) => candidate.id === id));
  if (ids.length === 0 || cited.some((item) => item === undefined))
    return <SourceText source={source} />;
  return (
    <ul className="plain-list cited-sources">
      {cited.map((item) =>
        item ? (
          <li key={item.id}>
            <strong>{item.id}</strong>: <SourceText source={item.ref} />
          </li>
        ) : null,
      )}
    </ul>
  );
}

function LevelSection({
  level,
  data,
  words,
}: {
  level: number;
  data: CriterionLevel | undefined;
  words: readonly string[];
}) {
  const headingId = `level-${level}-heading`;
  const hasRequirements = data !== undefined && data.hasRequirements && data.indicators.length > 0;
  return (
    <section className="level" aria-labelledby={headingId} data-testid={`level-${level}`}>
      <h3 id={headingId} className="level__title">
        <span className={`level__pill level__pill--${level}`}>{t.level(level)}</span>
      </h3>
      {hasRequirements ? (
        <ul className="indicators">
          {data.indicators.map((indicator, index) => (
            <IndicatorItem
              key={indicator.key ?? `p${index}`}
              level={level}
              indicator={indicator}
              words={words}
            />
          ))}
        </ul>
      ) : (
        <p className="muted level__none">{t.noRequirements}</p>
      )}
    </section>
  );
}

/**
 * The citation part of a provision ("điểm a khoản 2 Điều 13"), without the explanation the data
 * adds after it in parentheses ("(Mức 2, tiêu chí 2.2, chỉ báo a: …)").
 */
export function provisionCitation(provision: string): string {
  const index = provision.indexOf(' (');
  return index > 0 ? provision.slice(0, index) : provision;
}

function IndicatorItem({
  level,
  indicator,
  words,
}: {
  level: number;
  indicator: FrameworkIndicator;
  words: readonly string[];
}) {
  const repealed = indicator.repealed;
  const text = <Highlight text={indicator.text} words={words} />;
  return (
    <li
      className={`indicator${repealed ? ' indicator--repealed' : ''}${indicator.key ? '' : ' indicator--unlettered'}`}
      data-testid={`indicator-${level}-${indicator.key ?? 'text'}`}
    >
      {indicator.key ? <span className="indicator__key">{indicator.key})</span> : null}
      <div className="indicator__body">
        {repealed ? (
          <>
            <span className="visually-hidden">{t.repealedPrefix} </span>
            <del className="indicator__text">{text}</del>
            <p className="indicator__repeal" data-testid="repeal-note" title={repealed.provision}>
              {t.repealed(repealed.by, provisionCitation(repealed.provision))}
            </p>
            {/^inferred/i.test(repealed.mappingConfidence) ? (
              <p className="indicator__repeal-detail">{t.repealInferred}</p>
            ) : null}
          </>
        ) : (
          <span className="indicator__text">{text}</span>
        )}
      </div>
    </li>
  );
}
