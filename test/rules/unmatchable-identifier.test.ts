import { ruleTable } from '../helpers/rule-tester';
import { unmatchableIdentifier } from '../../server/src/engine/lint/rules/unmatchable-identifier';
import { config, entry, at, space, CRM_SPACE, GOOGLE, SNAP } from '../helpers/config';

ruleTable(unmatchableIdentifier, {
  valid: [
    { name: 'matchable ids', text: config({ entries: [entry('email', 'last', 'EMAIL'), entry('ios.idfa', 'last', 'MADID'), entry('user_id', 'last', 'EXTERN_ID')] }) },
    { name: 'not an ad list', text: config({ slug: 'crm-function', entries: [entry('anonymous_id', 'last', 'email')] }), space: space(CRM_SPACE) },
    { name: 'unknown destination', text: config({ slug: 'nowhere', entries: [entry('anonymous_id')] }) },
    // segment-docs src/connections/destinations/catalog/actions-facebook-custom-audiences/index.md: "Map External ID to a
    // unique user identifier from your system (like User ID, CRM ID, or anonymous ID.)"
    { name: 'anonymous_id to Facebook (Actions) External ID, as the docs suggest', text: config({ slug: 'actions-facebook-custom-audiences', entries: [entry('anonymous_id', 'last', 'external_id')] }) },
    { name: 'anonymous_id to the classic EXTERN_ID, the same Facebook field', text: config({ entries: [entry('anonymous_id', 'last', 'EXTERN_ID')] }) },
  ],
  invalid: [
    {
      name: 'anonymous_id to Facebook as an email',
      text: config({ entries: [entry('anonymous_id', 'last', 'EMAIL')] }),
      errors: [
        {
          message: 'Facebook Custom Audiences matches people by contact details and advertising ids, and "anonymous_id" is a Segment-generated browser or device cookie id that no ad platform knows: it will match no one. Remove this entry, or send email, phone or a mobile advertising id.',
          range: at(4, 'anonymous_id', 'last', 'EMAIL').externalId,
        },
      ],
    },
    {
      name: 'a push token to an External ID key: only anonymous_id is spared there',
      text: config({ slug: 'actions-facebook-custom-audiences', entries: [entry('ios.push_token', 'last', 'external_id')] }),
      errors: [{ message: /"ios.push_token" is a push-notification token/, range: at(4, 'ios.push_token', 'last', 'external_id').externalId }],
    },
    {
      name: 'anonymous_id without mapTo on a free-text ad list',
      text: config({ slug: 'actions-facebook-custom-audiences', entries: [entry('anonymous_id')] }),
      errors: [{ message: /"anonymous_id" is a Segment-generated browser or device cookie id/, range: at(4, 'anonymous_id').externalId }],
    },
    {
      name: 'a push token to Snap',
      text: config({ slug: SNAP, entries: [entry('email', 'last', 'email'), entry('ios.push_token', 'last', 'ios_idfa')] }),
      errors: [{ message: /"ios.push_token" is a push-notification token, not an advertising or contact identifier: it will match no one\./, range: at(5, 'ios.push_token', 'last', 'ios_idfa').externalId }],
    },
    {
      name: 'group_id and ga_client_id to Google Ads',
      text: config({ slug: GOOGLE, entries: [entry('group_id', 'last', 'email'), entry('ga_client_id', 'last', 'email')] }),
      errors: [
        { message: /"group_id" is an account \(group\) id, not a person:/, range: at(4, 'group_id', 'last', 'email').externalId },
        { message: /"ga_client_id" is a Google Analytics cookie id/, range: at(5, 'ga_client_id', 'last', 'email').externalId },
      ],
    },
  ],
});
