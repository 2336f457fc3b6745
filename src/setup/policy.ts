import { definePolicy } from '../core/auth/policy.js';
import { STAFF } from '../core/auth/roles.js';

/**
 * The set-up state is public (what it shows, the profile and the register's size, is public too);
 * adopting a template records the first profile version, which is staff's act on the profile page.
 */
export const setupPolicy = definePolicy({
  readState: { admits: 'anyone' },
  adoptTemplate: { admits: STAFF },
});
