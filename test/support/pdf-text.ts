import { inflateSync } from 'node:zlib';

/**
 * The text a PDF made by pdfmake (pdfkit) shows: its content streams
 * decompressed and every glyph mapped back through its font's ToUnicode table, a line per line of
 * text. Enough to check what
 * a reader sees; not a general PDF parser.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const objects = new Map<string, { dict: string; stream: Buffer | null }>();
  for (const match of raw.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) {
    const body = match[2]!;
    const start = body.indexOf('stream');
    if (start === -1) {
      objects.set(match[1]!, { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, start);
    const dataStart = body.startsWith('\r\n', start + 6) ? start + 8 : start + 7;
    const data = Buffer.from(body.slice(dataStart, body.lastIndexOf('endstream')).replace(/\r?\n$/, ''), 'latin1');
    objects.set(match[1]!, { dict, stream: dict.includes('/FlateDecode') ? inflateSync(data) : data });
  }
  // Font resource names (/F1) to their glyph-to-text tables.
  const toUnicode = new Map<string, Map<string, string>>();
  const cmapOf = (fontId: string) => {
    const ref = objects.get(fontId)?.dict.match(/\/ToUnicode (\d+) 0 R/)?.[1];
    const stream = ref ? objects.get(ref)?.stream : null;
    return stream ? parseCmap(stream.toString('latin1')) : new Map<string, string>();
  };
  for (const { dict } of objects.values()) for (const m of dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) toUnicode.set(m[1]!, cmapOf(m[2]!));

  const lines: string[] = [];
  for (const { dict, stream } of objects.values()) {
    if (!stream || dict.includes('/Subtype') || dict.includes('/Length1')) continue;
    const content = stream.toString('latin1');
    if (!content.includes(' Tf')) continue;
    let font = new Map<string, string>();
    for (const op of content.matchAll(/\/(F\d+)\s+[\d.]+\s+Tf|\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      if (op[1]) font = toUnicode.get(op[1]) ?? new Map();
      else {
        const hexes = op[2] !== undefined ? [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!) : [op[3]!];
        lines.push(hexes.map((hex) => decode(hex, font)).join(''));
      }
    }
  }
  // pdfmake writes a run per word, a space after all but the last word of a line.
  return lines.reduce((text, run) => (text === '' || text.endsWith(' ') ? text + run : `${text}\n${run}`), '');
}

function decode(hex: string, cmap: Map<string, string>): string {
  let text = '';
  for (let i = 0; i < hex.length; i += 4) text += cmap.get(hex.slice(i, i + 4).toLowerCase()) ?? '';
  return text;
}

const utf16 = (hex: string) => {
  let text = '';
  for (let i = 0; i < hex.length; i += 4) text += String.fromCharCode(Number.parseInt(hex.slice(i, i + 4), 16));
  return text;
};

function parseCmap(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const code = (n: number) => n.toString(16).padStart(4, '0');
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(m[1]!.toLowerCase().padStart(4, '0'), utf16(m[2]!));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const from = Number.parseInt(m[1]!, 16);
      const to = Number.parseInt(m[2]!, 16);
      if (m[3]!.startsWith('[')) {
        const targets = [...m[3]!.matchAll(/<([0-9a-fA-F]+)>/g)].map((t) => t[1]!);
        for (const [i, target] of targets.entries()) map.set(code(from + i), utf16(target));
      } else {
        const base = m[3]!.slice(1, -1);
        const last = Number.parseInt(base.slice(-4), 16);
        for (let c = from; c <= to; c++) map.set(code(c), utf16(base.slice(0, -4) + code(last + c - from)));
      }
    }
  }
  return map;
}
