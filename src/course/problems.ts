import { problems, text } from '../core/errors.js';
import type { CourseRefusal } from './rules.js';

/** The problems the course answers with: a refusal of the subject (422) or of the moment (409). */
export const refuse = (nl: string, en: string, field = 'subjects') => problems.invalid(text(nl, en), [{ name: field, code: 'refused', reason: text(nl, en) }]);

export const conflict = (nl: string, en: string) => problems.conflict(text(nl, en));

export const notInSession = () => conflict('De vergadering is niet geopend.', 'The meeting is not in session.');

/** A refusal of the pure course rules as the problem the API answers with. */
export function courseProblem(refusal: CourseRefusal) {
  return refusal.status === 'conflict' ? conflict(refusal.nl, refusal.en) : refuse(refusal.nl, refusal.en, refusal.field);
}
