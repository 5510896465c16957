import { useEffect, useRef } from 'react';
import { vi } from '../../i18n/vi.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { Highlight } from '../../ui/highlight.tsx';
import { excerpt, type FilteredFramework } from './framework-filter.ts';
import { frameworkHref, LEVEL4_SECTION, type FrameworkLocation } from './framework-url.ts';

const t = vi.tree;

/**
 * Scrolls the list's own scroll box (two-pane layout) so the open criterion is visible, e.g. after
 * following a link to criterion 5.4. Never scrolls the page: on a phone the list is not a box.
 */
function revealSelected(nav: HTMLElement | null) {
  const box = nav?.parentElement;
  const link = nav?.querySelector<HTMLElement>('a[aria-current="page"]');
  if (!box || !link || box.scrollHeight <= box.clientHeight) return;
  const boxRect = box.getBoundingClientRect();
  const linkRect = link.getBoundingClientRect();
  if (linkRect.top < boxRect.top || linkRect.bottom > boxRect.bottom) {
    box.scrollTop += linkRect.top - boxRect.top - box.clientHeight / 3;
  }
}

/**
 * The tree Tiêu chuẩn → Tiêu chí as links (each criterion has its own URL), filtered by the search,
 * with the Mức 4 list at the end for 2018 frameworks.
 */
export function CriterionNav({
  filtered,
  location,
  words,
  onOpen,
}: {
  filtered: FilteredFramework;
  location: FrameworkLocation;
  words: readonly string[];
  onOpen: () => void;
}) {
  const navRef = useRef<HTMLElement>(null);
  useEffect(() => {
    revealSelected(navRef.current);
  }, [location.framework, location.criterion]);

  return (
    <nav
      ref={navRef}
      className="tree"
      aria-labelledby="criterion-nav-heading"
      id="criterion-nav"
      data-testid="criterion-nav"
    >
      <h2 id="criterion-nav-heading" className="visually-hidden">
        {t.navLabel}
      </h2>
      {filtered.standards.map(({ standard, criteria }) => (
        <section
          key={standard.code}
          className="tree__standard"
          aria-labelledby={`standard-${standard.code}`}
        >
          <h3
            id={`standard-${standard.code}`}
            className="tree__standard-title"
            data-testid={`standard-${standard.code}`}
          >
            <span className="tree__standard-code">Tiêu chuẩn {standard.code}</span>
            <span className="tree__standard-name">
              <Highlight text={standard.title} words={words} />
            </span>
          </h3>
          <ul className="tree__criteria">
            {criteria.map(({ criterion, snippet }) => {
              const isSelected = location.criterion === criterion.code;
              return (
                <li key={criterion.code}>
                  <AppLink
                    href={frameworkHref({ ...location, criterion: criterion.code })}
                    className={`tree__link${isSelected ? ' is-selected' : ''}`}
                    aria-current={isSelected ? 'page' : undefined}
                    data-testid={`criterion-link-${criterion.code}`}
                    onNavigate={onOpen}
                  >
                    <span className="tree__code">{criterion.code}</span>
                    <span className="tree__text">
                      <span className="tree__title">
                        <Highlight text={criterion.title} words={words} />
                      </span>
                      {snippet ? (
                        <span className="tree__snippet">
                          <Highlight text={excerpt(snippet, words, 110)} words={words} />
                        </span>
                      ) : null}
                    </span>
                    <span className="tree__flags">
                      {criterion.mandatory ? (
                        <span className="flag flag--mandatory" title={vi.criterion.mandatoryTitle}>
                          {vi.criterion.mandatory}
                        </span>
                      ) : null}
                      {criterion.verified ? null : (
                        <span className="flag flag--unverified" title={vi.criterion.unverified}>
                          <span aria-hidden="true">?</span>
                          <span className="visually-hidden">{vi.criterion.unverified}</span>
                        </span>
                      )}
                    </span>
                  </AppLink>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      {filtered.level4Items.length > 0 ? (
        <div className="tree__standard tree__standard--level4">
          <AppLink
            href={frameworkHref({ ...location, criterion: LEVEL4_SECTION })}
            className={`tree__link tree__link--level4${location.criterion === LEVEL4_SECTION ? ' is-selected' : ''}`}
            aria-current={location.criterion === LEVEL4_SECTION ? 'page' : undefined}
            data-testid="level4-link"
            onNavigate={onOpen}
          >
            <span className="tree__code">M4</span>
            <span className="tree__text">
              <span className="tree__title">{t.level4Link(filtered.level4Items.length)}</span>
            </span>
          </AppLink>
        </div>
      ) : null}
    </nav>
  );
}
