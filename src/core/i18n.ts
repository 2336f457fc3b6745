export type Language = 'nl' | 'en';
export type LocalText = Record<Language, string>;

/**
 * Picks Dutch or English from an Accept-Language header by quality value.
 * Dutch only when asked for: the API speaks English unless the client prefers nl.
 */
export function pickLanguage(header: string | undefined): Language {
  if (!header) return 'en';
  let best: { lang: Language; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.trim().split(';');
    const q = Number(
      params
        .find((p) => p.trim().startsWith('q='))
        ?.trim()
        .slice(2) ?? '1',
    );
    const base = tag.trim().toLowerCase().split('-')[0];
    if (base !== 'nl' && base !== 'en') continue;
    if (!best || q > best.q) best = { lang: base, q };
  }
  return best?.lang ?? 'en';
}

/** Fills {name} placeholders. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}
