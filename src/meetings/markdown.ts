import { Marked, type Token, type Tokens } from 'marked';

const SAFE_URL = /^(https?:|mailto:|\/(?![/\\])|#)/i;
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Markdown for minutes and letters, rendered without raw HTML and with only web, mail and local
 * links: staff write the text, every visitor reads it.
 */
const marked = new Marked({
  gfm: true,
  renderer: {
    html: () => '',
    link({ href, text, tokens }: Tokens.Link) {
      const label = tokens ? this.parser.parseInline(tokens) : escapeHtml(text);
      return SAFE_URL.test(href) ? `<a href="${escapeHtml(href)}">${label}</a>` : label;
    },
    image: ({ text }: Tokens.Image) => escapeHtml(text),
  },
});

/**
 * User text (a motion's title, a person's or member's name) made literal for a markdown
 * document: emphasis, links, HTML, headings and lists in it stay characters, and GFM does not
 * turn a bare address into a link. Line breaks become spaces, so the text cannot start a block.
 */
export function escapeMarkdown(value: string): string {
  return (
    value
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this strips
      .replace(/[\u0000-\u001f\u007f]+/g, ' ')
      .replace(/ {2,}/g, ' ')
      // Every character that can open or close markup, and & (an entity would render as its character).
      .replace(/[\\`*_{}[\]<>#|~&@!]/g, '\\$&')
      // GFM's bare links: www.x.nl and scheme://host.
      .replace(/\b(www)\./gi, '$1\\.')
      .replace(/:\/\//g, '\\://')
      // At the start of a line these begin a list, a quote or a heading underline.
      .replace(/^(\s*)([-+=]|\d+[.)])/, (_, space: string, marker: string) => `${space}${marker.replace(/[-+=.)]/, '\\$&')}`)
  );
}

export function renderMarkdown(markdown: string): string {
  return marked.parse(markdown, { async: false });
}

/** The markdown as blocks for a PDF: headings, paragraphs and list items, in order. */
export interface Block {
  kind: 'heading' | 'paragraph' | 'item';
  depth: number;
  text: string;
}

export function blocksOf(markdown: string): Block[] {
  return marked.lexer(markdown).flatMap((token): Block[] => {
    if (token.type === 'heading') return [{ kind: 'heading', depth: token.depth, text: plainText(token.tokens ?? []) }];
    if (token.type === 'paragraph') return [{ kind: 'paragraph', depth: 0, text: plainText(token.tokens ?? []) }];
    if (token.type === 'list') return (token.items as Tokens.ListItem[]).map((item) => ({ kind: 'item' as const, depth: 0, text: plainText(item.tokens) }));
    return [];
  });
}

/** The text a reader sees of inline tokens: markup gone, escaped characters as themselves. */
function plainText(tokens: Token[]): string {
  const walk = (list: Token[]): string =>
    list
      .map((token) => {
        if (token.type === 'br') return ' ';
        if ('tokens' in token && token.tokens) return walk(token.tokens);
        return 'text' in token ? String(token.text) : '';
      })
      .join('');
  return walk(tokens).replace(/\s+/g, ' ').trim();
}
