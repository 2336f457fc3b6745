import type { ProfileDocument } from './schemas.js';

/** The twelve provinces, as the CBS gemeentelijke indeling names them, with the Frisian name as an alias. */
export const PROVINCES: ProfileDocument['regions']['items'] = [
  { name: 'Drenthe', aliases: [] },
  { name: 'Flevoland', aliases: [] },
  { name: 'Friesland', aliases: ['Fryslân', 'Fryslan'] },
  { name: 'Gelderland', aliases: [] },
  { name: 'Groningen', aliases: [] },
  { name: 'Limburg', aliases: [] },
  { name: 'Noord-Brabant', aliases: [] },
  { name: 'Noord-Holland', aliases: [] },
  { name: 'Overijssel', aliases: [] },
  { name: 'Utrecht', aliases: [] },
  { name: 'Zeeland', aliases: [] },
  { name: 'Zuid-Holland', aliases: [] },
];
