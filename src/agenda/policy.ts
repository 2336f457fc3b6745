import { definePolicy } from '../core/auth/policy.js';
import { STAFF } from '../core/auth/roles.js';

/** The agenda and its public papers are public; association staff keep them; closed items and papers are for signed-in users. */
export const agendaPolicy = definePolicy({
  manageAgenda: { admits: STAFF },
  managePapers: { admits: STAFF },
  readNonPublic: { admits: 'signed-in' },
});
