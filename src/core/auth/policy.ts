import type { FastifyRequest } from 'fastify';
import { problems } from '../errors.js';
import type { Role } from './roles.js';

/**
 * Policies: one place per feature that says who may do what (as Outline's server/policies).
 * A rule names the roles it admits; a rule with a condition also looks at the resource, which the
 * handler or store loads first. Routes guard with `policy.guard(action)`, handlers and stores ask
 * `policy.can(subject, action, resource)` or `policy.authorize(...)`, and the OpenAPI document states
 * each guarded route's rule (see http/app.ts), so what is documented is what is enforced.
 */

/** Who acts: the signed-in person with their roles, or nobody (the public). */
export type Subject = { readonly id: string; readonly roles: readonly Role[] } | null;

/** Any signed-in person; the public; or a set of roles (defined once, in roles.ts). */
export type Admits = readonly Role[] | 'signed-in' | 'anyone';

export interface Rule<Resource = never> {
  readonly admits: Admits;
  /**
   * A finer condition on the resource, for subjects the role set does not admit outright
   * (for instance: a representative for their own member). Stated in `when` for the documentation.
   */
  readonly unless?: (subject: NonNullable<Subject>, resource: Resource) => boolean;
  readonly when?: string;
}

/** A preValidation hook (so 401/403 come before 400) that carries its rule for the OpenAPI document. */
export type Guard = ((request: FastifyRequest) => Promise<void>) & { readonly admits: Admits; readonly when?: string | undefined };

// biome-ignore lint/suspicious/noExplicitAny: a rule's resource type is per action; any lets one record hold them all
type Rules = Record<string, Rule<any>>;
/** The resource argument: none for a role-only rule, the rule's resource for a conditional one. */
// biome-ignore lint/suspicious/noExplicitAny: only the resource parameter is inferred
type ResourceArgs<R> = R extends { unless: (subject: any, resource: infer T) => boolean } ? [resource: T] : [];

export const hasAnyRole = (subject: Subject, roles: readonly Role[]) => !!subject && subject.roles.some((role) => roles.includes(role));

function admitted(admits: Admits, subject: Subject): boolean {
  if (admits === 'anyone') return true;
  if (!subject) return false;
  return admits === 'signed-in' || hasAnyRole(subject, admits);
}

export const subjectOf = (request: FastifyRequest): Subject => request.session?.person ?? null;

export interface Policy<R extends Rules> {
  readonly rules: R;
  can<A extends keyof R & string>(subject: Subject, action: A, ...resource: ResourceArgs<R[A]>): boolean;
  /** Throws 401 for the public and 403 for a signed-in person the rule does not admit. */
  authorize<A extends keyof R & string>(subject: Subject, action: A, ...resource: ResourceArgs<R[A]>): void;
  /**
   * The route guard. A rule with a condition lets its role set through only when `unless` is absent;
   * otherwise the guard admits any signed-in person and the handler authorizes with the resource.
   */
  guard<A extends keyof R & string>(action: A): Guard;
}

export function definePolicy<R extends Rules>(rules: R): Policy<R> {
  const can = (subject: Subject, action: keyof R, resource?: unknown): boolean => {
    const rule = rules[action] as Rule<unknown>;
    if (admitted(rule.admits, subject)) return true;
    return !!subject && !!rule.unless && resource !== undefined && rule.unless(subject, resource);
  };
  const authorize = (subject: Subject, action: keyof R, resource?: unknown) => {
    if (can(subject, action, resource)) return;
    throw subject ? problems.forbidden() : problems.unauthenticated();
  };
  return {
    rules,
    can: (subject, action, ...resource) => can(subject, action, (resource as unknown[])[0]),
    authorize: (subject, action, ...resource) => authorize(subject, action, (resource as unknown[])[0]),
    guard(action) {
      const rule = rules[action] as Rule<unknown>;
      // A conditional rule is settled in the handler, which has the resource; the guard asks sign-in.
      const admits: Admits = rule.unless ? (rule.admits === 'anyone' ? 'anyone' : 'signed-in') : rule.admits;
      const guard = async (request: FastifyRequest) => {
        const subject = subjectOf(request);
        if (admitted(admits, subject)) return;
        throw subject ? problems.forbidden() : problems.unauthenticated();
      };
      return Object.assign(guard, { admits: rule.admits, when: rule.when });
    },
  };
}
