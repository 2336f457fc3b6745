import { longDate } from '../core/dates.js';
import { renderPdf } from '../core/pdf.js';
import { OVERDUE_LABEL, STATUS_LABELS } from './rules.js';
import type { Report } from './schemas.js';

const cell = (text: string, extra: object = {}) => ({ text, fontSize: 8, ...extra });

/**
 * The "stand van zaken" as a PDF paper for the next general meeting: per meeting, every open
 * follow-up with its owner, due date, status (by its Dutch name), the overdue mark and the last update.
 */
export function reportPdf(report: Report, title: string): Promise<Buffer> {
  const sections = report.meetings.flatMap((meeting) => [
    { text: `${meeting.title}, ${longDate(meeting.date, 'nl')}`, fontSize: 13, bold: true, margin: [0, 12, 0, 4] },
    meeting.followUps.length === 0
      ? { text: 'Geen openstaande opvolging.', fontSize: 9, italics: true }
      : {
          table: {
            headerRows: 1,
            widths: ['*', 'auto', 'auto', 'auto', '*'],
            body: [
              ['Onderwerp', 'Eigenaar', 'Termijn', 'Status', 'Laatste voortgang'].map((t) => cell(t, { bold: true })),
              ...meeting.followUps.map((f) => [
                cell(f.title),
                cell(f.owner.label ? `${f.owner.name} (${f.owner.label})` : f.owner.name),
                cell(f.overdue ? `${longDate(f.dueDate, 'nl')}\n${OVERDUE_LABEL.nl}` : longDate(f.dueDate, 'nl'), f.overdue ? { bold: true } : {}),
                cell(STATUS_LABELS[f.status].nl),
                cell(f.lastUpdate ? `${longDate(f.lastUpdate.postedAt.slice(0, 10), 'nl')}: ${f.lastUpdate.text}` : 'Nog geen voortgang gemeld.'),
              ]),
            ],
          },
          layout: 'lightHorizontalLines',
        },
  ]);
  return renderPdf({
    info: { title, creator: 'Verenigd' },
    content: [
      { text: title, fontSize: 18, bold: true },
      {
        text: `Openstaande moties, besluiten en toezeggingen van de laatste twee algemene ledenvergaderingen vóór ${longDate(report.before, 'nl')}.`,
        fontSize: 10,
        margin: [0, 2, 0, 6],
      },
      ...(report.meetings.length === 0 ? [{ text: 'Er zijn geen eerdere vergaderingen.', fontSize: 10 }] : sections),
    ],
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    pageMargins: [48, 48, 48, 48],
  });
}
