import type { Ref } from 'react';
import { vi } from '../../i18n/vi.ts';
import { Highlight } from '../../ui/highlight.tsx';
import { VerificationBadge } from './criterion-detail.tsx';
import { SourceText } from './source-text.tsx';
import type { Level4Item } from './framework.types.ts';

const t = vi.level4;

/** The Mức 4 list of a 2018 framework (Điều 22): a school at Mức 3 reaches Mức 4 when it meets all of them. */
export function Level4Panel({
  items,
  words,
  headingRef,
}: {
  items: readonly Level4Item[];
  words: readonly string[];
  headingRef: Ref<HTMLHeadingElement>;
}) {
  return (
    <article className="detail" aria-labelledby="criterion-heading" data-testid="level4-panel">
      <h2 id="criterion-heading" className="detail__title" tabIndex={-1} ref={headingRef}>
        {t.heading}
      </h2>
      <p className="muted">{t.intro}</p>
      {items.length === 0 ? (
        <p className="muted">{t.empty}</p>
      ) : (
        <ol className="level4-list">
          {items.map((item) => (
            <li key={item.key} className="level4-item" data-testid={`level4-item-${item.key}`}>
              <p className="level4-item__head">
                <span className="level4-item__ref">{item.ref}</span>
                <VerificationBadge verified={item.verified} />
              </p>
              <p className="level4-item__text">
                <Highlight text={item.text} words={words} />
              </p>
              <p className="level4-item__source">
                {vi.criterion.source}: <SourceText source={item.source} />
              </p>
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}
