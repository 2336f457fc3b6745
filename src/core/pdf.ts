import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

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

/** A pdfmake document definition rendered to PDF bytes (minutes, consultation reports). */
export function renderPdf(doc: object): Promise<Buffer> {
  return pdfmake.createPdf(doc).getBuffer();
}
