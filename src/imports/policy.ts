import { definePolicy } from '../core/auth/policy.js';
import { STAFF } from '../core/auth/roles.js';

/** Population imports change vote weights: association staff only. */
export const importPolicy = definePolicy({
  importPopulation: { admits: STAFF },
  readImports: { admits: STAFF },
});
