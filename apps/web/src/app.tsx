import { vi } from './i18n/vi.ts';
import { AppLink } from './ui/app-link.tsx';
import { FrameworkBrowser } from './features/frameworks/framework-browser.tsx';

/** The page frame: skip link, header, the screen, footer. */
export function App() {
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {vi.app.skipToContent}
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <AppLink className="brand" href="/" aria-label={`${vi.app.name} — ${vi.app.tagline}`}>
            <span className="brand__mark" aria-hidden="true">
              CT
            </span>
            <span className="brand__text">
              <span className="brand__name">{vi.app.name}</span>
              <span className="brand__tagline">{vi.app.tagline}</span>
            </span>
          </AppLink>
          <nav aria-label={vi.app.mainNav} className="app-nav">
            <AppLink href="/" className="app-nav__link" aria-current="page">
              {vi.frameworks.pageTitle}
            </AppLink>
          </nav>
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <FrameworkBrowser />
      </main>
      <footer className="app-footer">
        <p>{vi.app.footer}</p>
      </footer>
    </div>
  );
}
