/**
 * The per-site rule registry (style.md §1.11): one module per page family, listed here in order.
 * A rule answers for the pages it knows and returns `undefined` for the rest, which then go to the
 * generic classifier (peers.md Lessons: a per-site rule outranks keywords).
 */
import { classifyFields } from '../classify';
import type { FieldClassification, FieldDescriptor, PageContext } from '../descriptor';
import { microsoftSignIn } from './microsoft-signin';

export interface SiteRule {
  /** Module name, also the prefix of its reasons. */
  readonly name: string;
  applies(page: PageContext): boolean;
  /** Pure, like the generic classifier; `undefined` falls through. */
  classify(fields: readonly FieldDescriptor[], page: PageContext): FieldClassification | undefined;
}

export const siteRules: readonly SiteRule[] = [microsoftSignIn];

/** The first applicable site rule's answer, else the generic classifier's. */
export function classifyPage(fields: readonly FieldDescriptor[], page: PageContext): FieldClassification {
  for (const rule of siteRules) {
    const answer = rule.applies(page) ? rule.classify(fields, page) : undefined;
    if (answer) return answer;
  }
  return classifyFields(fields, page);
}
