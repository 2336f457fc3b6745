import { Marked, type Tokens } from 'marked';

const SAFE_URL = /^(https?:|mailto:|\/(?![/\\])|#)/i;
const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Markdown for minutes and letters, rendered without raw HTML and with only web, mail and local
 * links: staff write the text, every visitor reads it.
 */
const marked = new Marked({
  gfm: true,
  renderer: {
    html: () => '',
    link({ href, text, tokens }: Tokens.Link) {
      const label = tokens ? this.parser.parseInline(tokens) : escape(text);
      return SAFE_URL.test(href) ? `<a href="${escape(href)}">${label}</a>` : label;
    },
    image: ({ text }: Tokens.Image) => escape(text),
  },
});

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
  const strip = (raw: string) => raw.replace(/\*\*|__|`/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').trim();
  return marked.lexer(markdown).flatMap((token): Block[] => {
    if (token.type === 'heading') return [{ kind: 'heading', depth: token.depth, text: strip(token.text) }];
    if (token.type === 'paragraph') return [{ kind: 'paragraph', depth: 0, text: strip(token.text) }];
    if (token.type === 'list') return (token.items as Tokens.ListItem[]).map((item) => ({ kind: 'item' as const, depth: 0, text: strip(item.text) }));
    return [];
  });
}
