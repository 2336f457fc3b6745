import { definePolicy } from '../core/auth/policy.js';
import { STAFF } from '../core/auth/roles.js';

/** The association's profile (statutes in configuration) is public; staff record a new version. */
export const profilePolicy = definePolicy({
  recordVersion: { admits: STAFF },
});
