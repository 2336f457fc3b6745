import { definePolicy } from './auth/policy.js';
import { AUDIT_READERS } from './auth/roles.js';

/** The audit trail is read by staff and the vote-counting committee; nobody writes it through the API. */
export const auditPolicy = definePolicy({
  readAuditTrail: { admits: AUDIT_READERS },
});
