/** The rule registry: every rule, in the order their diagnostics are produced. Codes are stable. */
import type { Rule } from '../rule';
import { syntax } from './syntax';
import { invalidStrategy } from './invalid-strategy';
import { tooManyAll } from './too-many-all';
import { unusedDisableDirective } from './unused-disable-directive';

export const ALL_RULES: readonly Rule[] = [syntax, invalidStrategy, tooManyAll, unusedDisableDirective];
