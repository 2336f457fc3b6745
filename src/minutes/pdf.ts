import { renderPdf } from '../core/pdf.js';
import { blocksOf } from '../meetings/markdown.js';

const HEADING_SIZE: Record<number, number> = { 1: 18, 2: 14, 3: 12 };

/** The minutes (or another paper written in markdown) as a PDF: headings, paragraphs and lists, with a status line. */
export async function minutesPdf(markdown: string, footer: string, title = 'Notulen'): Promise<Buffer> {
  const content = blocksOf(markdown).map((block) => {
    if (block.kind === 'heading') return { text: block.text, fontSize: HEADING_SIZE[block.depth] ?? 11, bold: true, margin: [0, 12, 0, 4] };
    if (block.kind === 'item') return { ul: [block.text], margin: [0, 0, 0, 2] };
    return { text: block.text, margin: [0, 0, 0, 6] };
  });
  const doc = {
    info: { title, creator: 'Verenigd' },
    content,
    footer: (page: number, pages: number) => ({ text: `${footer} · ${page}/${pages}`, alignment: 'center', fontSize: 8, margin: [0, 10, 0, 0] }),
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    pageMargins: [56, 56, 56, 56],
  };
  return renderPdf(doc);
}
