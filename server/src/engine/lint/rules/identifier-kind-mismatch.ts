import type { Rule } from '../rule';
import { stringValue } from '../../json';
import type { IdentifierKind } from '../../catalogs/catalog';
import type { Fix } from '../../types';
import { identifierKind, keyKind } from '../../catalogs/catalog';
import { externalIdChangeMakesError } from './limits';

/** Keys whose kind this rule checks: the destination matches them against people's contact details or advertising ids. */
const CHECKED: readonly IdentifierKind[] = ['email', 'phone', 'advertising-id'];

const KIND_NAMES: Record<IdentifierKind, string> = {
  email: 'an email address',
  phone: 'a phone number',
  'advertising-id': 'a mobile advertising id (IDFA/AAID)',
  'device-id': 'a device id',
  'user-id': 'a user id',
  'anonymous-id': 'an anonymous id',
  other: 'another kind of identifier',
};

/** The advertising id of the same platform as a device id (ios.id -> ios.idfa). */
const ADVERTISING_COUNTERPART: Record<string, string> = { 'ios.id': 'ios.idfa', 'android.id': 'android.idfa' };

/**
 * An identifier of one kind mapped to a destination key that expects another: a device id
 * (`ios.id`, `android.id`: `context.device.id`) sent as an advertising id (`MADID`, `mobile_id`,
 * `ios_idfa`), `user_id` sent as an email. The destination normalises, hashes and matches the
 * value as the key's kind, so it matches no one. Kinds come from `identifiers.json` (`kind`) and,
 * for keys, from `expects`, else `mobileAdId`, else the identifier the key is suggested for.
 * Identifiers that unmatchable-identifier already reports on an ad list are left to it.
 */
export const identifierKindMismatch: Rule = {
  code: 'identifier-kind-mismatch',
  defaultSeverity: 'warning',
  description: 'An identifier of one kind is mapped to a destination key that expects another (a device id as an advertising id, user_id as an email).',
  fixable: true,
  check(ctx) {
    const dest = ctx.destination;
    if (!dest) return;
    const catalog = ctx.catalogs.identifiers;
    for (const entry of ctx.model.entries) {
      const externalId = stringValue(entry.externalId);
      if (externalId === undefined || !entry.externalId) continue;
      const key = entry.mapTo ? stringValue(entry.mapTo) : dest.input === 'freeText' ? externalId : undefined;
      if (key === undefined || !Object.prototype.hasOwnProperty.call(dest.keys, key)) continue;
      const expected = keyKind(catalog, dest.keys[key]);
      const actual = identifierKind(catalog, externalId);
      if (!expected || !actual || actual === expected || !CHECKED.includes(expected)) continue;
      const info = Object.prototype.hasOwnProperty.call(catalog.identifiers, externalId) ? catalog.identifiers[externalId] : undefined;
      if (dest.adList && info?.unmatchable) continue;
      let message: string;
      let replacement: string | undefined;
      if (actual === 'device-id' && expected === 'advertising-id') {
        replacement = ADVERTISING_COUNTERPART[externalId];
        message = `"${externalId}" is a device id (context.device.id), not an advertising id: ${dest.displayName} matches "${key}" against mobile advertising ids (IDFA/AAID), so it will match no one.${replacement ? ` Map "${replacement}" instead.` : ''}`;
      } else if (actual === 'user-id' && expected === 'email') {
        replacement = 'email';
        message = `"${externalId}" is your own user id, not an email address: ${dest.displayName} normalises and matches "${key}" as an email, so it matches no one unless your user ids are email addresses. Map "email" instead.`;
      } else {
        message = `"${externalId}" is ${KIND_NAMES[actual]}, but ${dest.displayName}'s "${key}" expects ${KIND_NAMES[expected]}: the value will match no one.`;
      }
      const fixes: Fix[] = [];
      const taken = (id: string) => ctx.model.entries.some((e) => e !== entry && stringValue(e.externalId) === id);
      if (replacement && !taken(replacement) && !externalIdChangeMakesError(ctx, entry, replacement)) {
        fixes.push({ title: `Change to "${replacement}"`, edits: ctx.replaceString(entry.externalId, replacement), isPreferred: true });
      }
      ctx.report({ node: entry.externalId, message, fixes });
    }
  },
};
