import type { AnchorHTMLAttributes } from 'react';
import { useLinkClick } from './use-location-search.ts';

interface AppLinkProps extends AnchorHTMLAttributes<HTMLAnchorElement> {
  href: string;
  /** Runs after an in-page navigation (e.g. to move focus to what the link opened). */
  onNavigate?: () => void;
}

/** A real link (shareable, opens in a new tab on ctrl/cmd-click) that navigates in place on a plain click. */
export function AppLink({ onNavigate, onClick, ...props }: AppLinkProps) {
  const handleClick = useLinkClick(onNavigate);
  return (
    <a
      {...props}
      onClick={(event) => {
        onClick?.(event);
        handleClick(event);
      }}
    />
  );
}
