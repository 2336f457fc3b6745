/** Calendar dates as 'YYYY-MM-DD' strings: the register thinks in days, in Dutch time. */
export type IsoDate = string;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  if (!DATE.test(value) || value < '0001-01-01') return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Today in the association's time zone. */
export function today(timeZone = 'Europe/Amsterdam', now: Date = new Date()): IsoDate {
  let format = dayFormats.get(timeZone);
  // en-CA formats as YYYY-MM-DD.
  if (!format) dayFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(now);
}
// Creating a DateTimeFormat costs about a millisecond; today() runs on every authenticated request.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** "18 november 2016" or "18 November 2016": dates as minutes and letters write them. */
export function longDate(date: IsoDate, lang: 'nl' | 'en'): string {
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}
