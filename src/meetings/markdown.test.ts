import { describe, expect, it } from 'vitest';
import { blocksOf, renderMarkdown } from './markdown.js';

describe('minutes markdown', () => {
  it('renders headings and emphasis but no raw HTML or script links', () => {
    const html = renderMarkdown('# Notulen\n\n**De ALV** stemt in.<script>alert(1)</script>\n\n[klik](javascript:alert(1)) en [site](https://vng.nl)');
    expect(html).toContain('<h1>Notulen</h1>');
    expect(html).toContain('<strong>De ALV</strong>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<a href="https://vng.nl">site</a>');
  });

  it('gives the blocks for a PDF in order', () => {
    expect(blocksOf('## 1. Opening\n\nDe voorzitter **opent** de vergadering.\n\n- Utrecht\n- Middelburg')).toEqual([
      { kind: 'heading', depth: 2, text: '1. Opening' },
      { kind: 'paragraph', depth: 0, text: 'De voorzitter opent de vergadering.' },
      { kind: 'item', depth: 0, text: 'Utrecht' },
      { kind: 'item', depth: 0, text: 'Middelburg' },
    ]);
  });
});
