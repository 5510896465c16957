import { ROLE_LABELS } from '@caitien/core';
import { useId } from 'react';
import { vi } from '../../i18n/vi.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { navigate } from '../../ui/use-location-search.ts';
import { usePopover } from '../../ui/use-popover.ts';
import { useLogout } from '../auth/auth.queries.ts';
import type { CurrentUser } from '../auth/session.ts';
import { hrefs } from './app-routes.ts';

const t = vi.userMenu;

/** The signed-in user in the header, with Đổi mật khẩu, Phiên đăng nhập and Đăng xuất. */
export function UserMenu({ user }: { user: CurrentUser }) {
  const { open, rootRef, buttonRef, toggle, close } = usePopover();
  const menuId = useId();
  const logout = useLogout();

  const role = user.roles[0];
  const roleLine = role
    ? `${ROLE_LABELS[role.role]}${role.unitName ? ` · ${role.unitName}` : ''}`
    : t.noRole;

  return (
    <div className="user-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu__button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => {
          toggle();
        }}
        data-testid="user-menu-button"
      >
        <span className="user-menu__avatar" aria-hidden="true">
          {initials(user.displayName)}
        </span>
        <span className="user-menu__name">{user.displayName}</span>
        <span className="user-menu__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open ? (
        <div id={menuId} className="user-menu__panel" data-testid="user-menu">
          <div className="user-menu__who">
            <p className="user-menu__display-name">{user.displayName}</p>
            <p className="user-menu__meta">{user.username}</p>
            <p className="user-menu__meta">{roleLine}</p>
          </div>
          <ul className="user-menu__list">
            <li>
              <AppLink href={hrefs.changePassword()} className="user-menu__item">
                {t.changePassword}
              </AppLink>
            </li>
            <li>
              <AppLink href={hrefs.sessions} className="user-menu__item">
                {t.sessions}
              </AppLink>
            </li>
            <li>
              <button
                type="button"
                className="user-menu__item"
                disabled={logout.isPending}
                onClick={() =>
                  logout.mutate('this', {
                    onSuccess: () => {
                      close();
                      navigate(hrefs.login());
                    },
                  })
                }
              >
                {t.signOut}
              </button>
            </li>
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/** "NH" from "Nguyễn Văn Hùng": first letters of the family and the given name. */
function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words.at(-1)?.[0] ?? '') : '';
  return `${first}${last}`.toLocaleUpperCase('vi');
}
