import { describe, expect, it } from 'vitest';
import { blocksOf, escapeMarkdown, renderMarkdown } from './markdown.js';

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

  describe('escapeMarkdown: user text stays text', () => {
    const hostile = [
      '**vet** en _schuin_ en `code`',
      '[Klik hier](https://evil.example) ![beeld](https://evil.example/x.png)',
      '<img src=x onerror=alert(1)> <b>vet</b> &amp; &lt;',
      '# Kop\n- lijst\n> citaat',
      'www.evil.example en https://evil.example en iemand@evil.example',
      '1. genummerd',
      '- opsomming',
      'a | b | c ~~weg~~ \\ backslash',
    ];
    for (const value of hostile) {
      it(`renders ${JSON.stringify(value)} literally in a line of the minutes`, () => {
        const literal = value.replace(/\s+/g, ' ');
        const html = renderMarkdown(`Motie "${escapeMarkdown(value)}" aangenomen.`);
        const shown = `Motie "${literal}" aangenomen.`.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
        expect(html).toBe(`<p>${shown}</p>\n`);
        expect(blocksOf(`Motie "${escapeMarkdown(value)}" aangenomen.`)).toEqual([{ kind: 'paragraph', depth: 0, text: `Motie "${literal}" aangenomen.` }]);
      });
    }

    it('keeps a value literal at the start of a line too', () => {
      for (const value of ['1. genummerd', '- opsomming', '+ plus', '# kop', '> citaat', '=== onderstreept']) {
        expect(renderMarkdown(`intro\n${escapeMarkdown(value)}`)).toBe(`<p>intro\n${value.replace('>', '&gt;')}</p>\n`);
      }
    });

    it('leaves ordinary names and titles readable', () => {
      expect(escapeMarkdown("Motie over de Wet open overheid (Woo) 2024-01, 's-Gravenhage")).toBe(
        "Motie over de Wet open overheid (Woo) 2024-01, 's-Gravenhage",
      );
    });
  });
});
