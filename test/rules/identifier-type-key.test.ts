/**
 * Dynamic Yield by Mastercard Audiences: the audience setting Identifier Type must contain the name
 * of the identifier configured in Customized Setup (segment-docs
 * src/connections/destinations/catalog/actions-dynamic-yield-audiences/index.md, Customized
 * Identifier Setup step 4); the code folds case and underscores only for email, userId and
 * anonymousId, and reads any other value as traits_or_props[identifier_type], rejecting the event
 * without it (action-destinations
 * packages/destination-actions/src/destinations/dynamic-yield-audiences/syncAudience/index.ts, perform).
 */
import { ruleTable } from '../helpers/rule-tester';
import { identifierTypeKey } from '../../server/src/engine/lint/rules/identifier-type-key';
import { config, entry, at, space, GOOGLE } from '../helpers/config';

const DY = 'actions-dynamic-yield-audiences';
const NAME = 'Dynamic Yield By Mastercard Audiences';
const SPACE = space('{ "customIdentifiers": ["crm_id", "loyalty_id"] }');
const setting = (v: string) => [`"connectionSettings": { "identifier_type": "${v}" },`];
/** Range of the identifier_type value written by setting() on line 3. */
const valueRange = (v: string): [number, number, number, number] => [3, 45, 3, 47 + v.length];
const NOT_LISTED = 'which is not "email", "userId", "anonymousId", so it names the ID Sync key to send';

ruleTable(identifierTypeKey, {
  valid: [
    { name: 'email', text: config({ slug: DY, extra: setting('email'), entries: [entry('email', 'last', 'email')] }) },
    { name: 'user_id folds to userId (the event\'s own id)', text: config({ slug: DY, extra: setting('user_id'), entries: [entry('email', 'last', 'email')] }) },
    { name: 'AnonymousId folds to anonymousId, with Default Setup', text: config({ slug: DY, extra: [...setting('AnonymousId'), '"setup": "default",'] }) },
    { name: 'a custom key sent by an entry, exactly', text: config({ slug: DY, extra: setting('crm_id'), entries: [entry('email', 'last', 'email'), entry('crm_id', 'last', 'crm_id')] }), space: SPACE },
    { name: 'the key of an entry without mapTo is its externalId', text: config({ slug: DY, extra: setting('loyalty_id'), entries: [entry('loyalty_id', 'last')] }), space: SPACE },
    { name: 'no identifier_type set', text: config({ slug: DY, entries: [entry('crm_id', 'last', 'crm_id')] }), space: SPACE },
    { name: 'a destination whose setting does not name keys', text: config({ slug: GOOGLE, extra: ['"connectionSettings": { "externalIdType": "crm_id" },'], entries: [entry('email', 'last', 'email')] }) },
  ],
  invalid: [
    {
      name: 'the entry\'s key differs in case and underscores: the fix sets identifier_type to it',
      text: config({ slug: DY, extra: setting('crmId'), entries: [entry('crm_id', 'last', 'crm_id')] }),
      space: SPACE,
      errors: [{
        message: `connectionSettings.identifier_type is "crmId", but this entry's key is "crm_id": ${NAME} reads the entry whose Destination key is exactly "crmId" and rejects every event without it (case and underscores count). Make them equal.`,
        range: at(5, 'crm_id', 'last', 'crm_id').mapTo,
      }],
      output: config({ slug: DY, extra: setting('crm_id'), entries: [entry('crm_id', 'last', 'crm_id')] }),
    },
    {
      name: 'no entry sends the key; one entry sends a custom key: the fix names it',
      text: config({ slug: DY, extra: setting('loyalty'), entries: [entry('email', 'last', 'email'), entry('crm_id', 'last', 'crm_id')] }),
      space: SPACE,
      errors: [{
        message: `connectionSettings.identifier_type is "loyalty", ${NOT_LISTED}, but no entry sends "loyalty": ${NAME} reads the entry whose Destination key is exactly "loyalty" and rejects every event without it. Add an entry whose "mapTo" is "loyalty", or set identifier_type to one of "email", "userId", "anonymousId".`,
        range: valueRange('loyalty'),
      }],
      output: config({ slug: DY, extra: setting('crm_id'), entries: [entry('email', 'last', 'email'), entry('crm_id', 'last', 'crm_id')] }),
    },
    {
      name: 'no entry sends the key and none is a candidate: no fix',
      text: config({ slug: DY, extra: setting('loyalty_id'), entries: [entry('email', 'last', 'email')] }),
      errors: [{ message: new RegExp(`^connectionSettings\\.identifier_type is "loyalty_id", .* no entry sends "loyalty_id": .* Add an entry whose "mapTo" is "loyalty_id", or set`), range: valueRange('loyalty_id') }],
      output: null,
    },
    {
      name: 'Default Setup sends no ID Sync entry',
      text: config({ slug: DY, extra: [...setting('loyalty_id'), '"setup": "default",'], entries: [entry('loyalty_id', 'last', 'loyalty_id')] }),
      space: SPACE,
      errors: [{
        message: `connectionSettings.identifier_type is "loyalty_id", ${NOT_LISTED}, but no entry sends "loyalty_id": ${NAME} reads the entry whose Destination key is exactly "loyalty_id" and rejects every event without it. Default Setup sends no such entry: use Customized Setup with an entry whose "mapTo" is "loyalty_id", or set identifier_type to one of "email", "userId", "anonymousId".`,
        range: valueRange('loyalty_id'),
      }],
      output: null,
    },
  ],
});
