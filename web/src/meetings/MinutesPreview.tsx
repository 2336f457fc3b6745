import { useDeferredValue, useMemo } from 'react';
import { Heading } from '@utrecht/component-library-react';
import { Marked } from 'marked';
import { useI18n } from '../i18n';

/**
 * The minutes as readers will see them, beside the text staff write. The server renders the stored
 * version (src/meetings/markdown.ts); this preview follows its rules: no raw HTML, only web, mail and
 * local links, images as their text, headings two levels down under the page's own.
 */
const SAFE = /^(https?:|mailto:|\/(?![/\\])|#)/i;
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const preview = new Marked({
  gfm: true,
  renderer: {
    html: () => '',
    link({ href, text, tokens }) {
      const label = tokens ? this.parser.parseInline(tokens) : escapeHtml(text);
      return SAFE.test(href) ? `<a href="${escapeHtml(href)}">${label}</a>` : label;
    },
    image: ({ text }) => escapeHtml(text),
    heading({ tokens, depth }) {
      const level = Math.min(depth + 2, 6);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
  },
});

export function MinutesPreview({ body }: { body: string }) {
  const { t } = useI18n();
  // Typing stays quick in long minutes: the preview follows when the browser has time.
  const text = useDeferredValue(body);
  const html = useMemo(() => preview.parse(text, { async: false }), [text]);
  return (
    // Focusable, so that a keyboard can scroll a long preview.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take keyboard focus (WCAG 2.1.1, axe scrollable-region-focusable)
    <section className="vd-minutes-preview" aria-labelledby="minutes-preview" tabIndex={0}>
      <Heading level={4} id="minutes-preview">
        {t('minutes.preview')}
      </Heading>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: rendered above with raw HTML dropped and only safe links; the CSP forbids inline script as well */}
      <div className="vd-minutes utrecht-rich-text" data-testid="minutes-preview" dangerouslySetInnerHTML={{ __html: html }} />
    </section>
  );
}
