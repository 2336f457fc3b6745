import { definePolicy } from '../core/auth/policy.js';
import { STAFF } from '../core/auth/roles.js';

/** The register is public to read; association staff keep it (members, populations, networks, reorganisations). */
export const registerPolicy = definePolicy({
  createMember: { admits: STAFF },
  changeMember: { admits: STAFF },
  recordPopulation: { admits: STAFF },
  setNetworks: { admits: STAFF },
  createNetwork: { admits: STAFF },
  recordReorganisation: { admits: STAFF },
});
