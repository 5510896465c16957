import { vi } from '../../i18n/vi.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { hrefs } from './app-routes.ts';

/** Quản trị → Đơn vị | Tài khoản | Tác vụ nền. */
export function AdminTabs({ current }: { current: 'units' | 'users' | 'backgroundWork' }) {
  const tabs = [
    { key: 'units', href: hrefs.units, label: vi.nav.units },
    { key: 'users', href: hrefs.users, label: vi.nav.users },
    { key: 'backgroundWork', href: hrefs.backgroundWork, label: vi.nav.backgroundWork },
  ] as const;
  return (
    <nav className="section-nav" aria-label={vi.nav.admin}>
      <ul className="tabs">
        {tabs.map((tab) => (
          <li key={tab.key}>
            <AppLink
              href={tab.href}
              className={`tabs__link ${tab.key === current ? 'is-selected' : ''}`}
              aria-current={tab.key === current ? 'page' : undefined}
            >
              {tab.label}
            </AppLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
