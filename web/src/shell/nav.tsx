import { useLocation } from 'react-router';
import { Paragraph } from '@utrecht/component-library-react';
import { AppLink } from './components';

/** The link back to the list a page belongs to, above its title. */
export function BackLink({ to, children }: { to: string; children: string }) {
  return (
    <Paragraph className="vd-back">
      <AppLink to={to}>{children}</AppLink>
    </Paragraph>
  );
}

/** The links between the pages of one thing (a meeting, a consultation); the current one marked. */
export function PageNav({ label, links }: { label: string; links: readonly { to: string; label: string }[] }) {
  const { pathname } = useLocation();
  return (
    <nav aria-label={label} className="vd-meeting-nav">
      <ul className="vd-meeting-nav__list">
        {links.map((link) => (
          <li key={link.to}>
            <AppLink to={link.to} aria-current={pathname === link.to ? 'page' : undefined}>
              {link.label}
            </AppLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
