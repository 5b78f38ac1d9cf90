/** The rule registry: every rule, in the order their diagnostics are produced. Codes are stable. */
import type { Rule } from '../rule';
import { syntax } from './syntax';
import { duplicateProperty } from './duplicate-property';
import { unknownProperty } from './unknown-property';
import { invalidType } from './invalid-type';
import { missingProperty } from './missing-property';
import { conflictingProperties } from './conflicting-properties';
import { unknownDestination } from './unknown-destination';
import { destinationAlias } from './destination-alias';
import { defaultSetupIgnoresIdentifiers } from './default-setup-ignores-identifiers';
import { emptyCustomizedSetup } from './empty-customized-setup';
import { existingAudience } from './existing-audience';
import { invalidStrategy } from './invalid-strategy';
import { tooManyAll } from './too-many-all';
import { allOnSingleValue } from './all-on-single-value';
import { tooManyIdentifiers } from './too-many-identifiers';
import { unknownIdentifier } from './unknown-identifier';
import { propertyMapping } from './property-mapping';
import { duplicateIdentifier } from './duplicate-identifier';
import { mobileIdsDisabled } from './mobile-ids-disabled';
import { unmatchableIdentifier } from './unmatchable-identifier';
import { missingMapTo } from './missing-map-to';
import { unknownDestinationIdentifier } from './unknown-destination-identifier';
import { keyConvention } from './key-convention';
import { duplicateMapTo } from './duplicate-map-to';
import { destinationLimit } from './destination-limit';
import { unusedDisableDirective } from './unused-disable-directive';
import { sampleProfile } from './sample-profile';
import { identifierKindMismatch } from './identifier-kind-mismatch';
import { listKeyTypeMismatch } from './list-key-type-mismatch';
import { identifierTypeKey } from './identifier-type-key';

export const ALL_RULES: readonly Rule[] = [
  // The file itself
  syntax,
  duplicateProperty,
  unknownProperty,
  invalidType,
  missingProperty,
  conflictingProperties,
  // The connection
  unknownDestination,
  destinationAlias,
  defaultSetupIgnoresIdentifiers,
  emptyCustomizedSetup,
  existingAudience,
  // The entries
  invalidStrategy,
  tooManyAll,
  allOnSingleValue,
  tooManyIdentifiers,
  unknownIdentifier,
  propertyMapping,
  duplicateIdentifier,
  mobileIdsDisabled,
  // The entries against the destination catalog
  unmatchableIdentifier,
  identifierKindMismatch,
  missingMapTo,
  unknownDestinationIdentifier,
  keyConvention,
  duplicateMapTo,
  destinationLimit,
  listKeyTypeMismatch,
  identifierTypeKey,
  // The sample profiles (read by the front door)
  sampleProfile,
  // After the suppressions
  unusedDisableDirective,
];
