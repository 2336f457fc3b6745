import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { blocksOf } from './markdown.js';

const require = createRequire(import.meta.url);
// pdfmake 0.3 on the server: its bundled Roboto files, and nothing else from the disk.
const pdfmake = require('pdfmake') as {
  setFonts(fonts: object): void;
  setLocalAccessPolicy(allow: (path: string) => boolean): void;
  createPdf(doc: object): { getBuffer(): Promise<Buffer> };
};
const FONTS_DIR = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
pdfmake.setFonts({
  Roboto: {
    normal: join(FONTS_DIR, 'Roboto-Regular.ttf'),
    bold: join(FONTS_DIR, 'Roboto-Medium.ttf'),
    italics: join(FONTS_DIR, 'Roboto-Italic.ttf'),
    bolditalics: join(FONTS_DIR, 'Roboto-MediumItalic.ttf'),
  },
});
pdfmake.setLocalAccessPolicy((path) => path.startsWith(FONTS_DIR));

const HEADING_SIZE: Record<number, number> = { 1: 18, 2: 14, 3: 12 };

/** The minutes as a PDF: their markdown's headings, paragraphs and lists, with a status line. */
export async function minutesPdf(markdown: string, footer: string): Promise<Buffer> {
  const content = blocksOf(markdown).map((block) => {
    if (block.kind === 'heading') return { text: block.text, fontSize: HEADING_SIZE[block.depth] ?? 11, bold: true, margin: [0, 12, 0, 4] };
    if (block.kind === 'item') return { ul: [block.text], margin: [0, 0, 0, 2] };
    return { text: block.text, margin: [0, 0, 0, 6] };
  });
  const doc = {
    info: { title: 'Notulen', creator: 'Verenigd' },
    content,
    footer: (page: number, pages: number) => ({ text: `${footer} · ${page}/${pages}`, alignment: 'center', fontSize: 8, margin: [0, 10, 0, 0] }),
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    pageMargins: [56, 56, 56, 56],
  };
  return pdfmake.createPdf(doc).getBuffer();
}
