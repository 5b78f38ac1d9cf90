import { ruleTable } from '../helpers/rule-tester';
import { unknownDestination } from '../../server/src/engine/lint/rules/unknown-destination';
import { config, entry, space, CRM_SPACE, GOOGLE, SNAP } from '../helpers/config';

ruleTable(unknownDestination, {
  valid: [
    { name: 'Facebook', text: config({ entries: [entry('email', 'last', 'EMAIL')] }) },
    { name: 'Google Ads', text: config({ slug: GOOGLE }) },
    { name: 'Snap', text: config({ slug: SNAP }) },
    { name: 'a destination of the space', text: config({ slug: 'crm-function' }), space: space(CRM_SPACE) },
    { name: 'no slug is missing-property\'s', text: '{ "audience": { "key": "a" }, "destination": {} }' },
    { name: 'a slug of the wrong type is invalid-type\'s', text: '{ "audience": { "key": "a" }, "destination": { "slug": 7 } }' },
  ],
  invalid: [
    {
      name: 'a typo of a built-in slug',
      text: config({ slug: 'personas-facebok-custom-audiences' }),
      errors: [
        {
          message: 'Unknown destination "personas-facebok-custom-audiences": no built-in catalog and no "destinations" entry of idsync.space.json has it, so its identifiers are not checked. Did you mean "personas-facebook-custom-audiences"?',
          range: [2, 27, 2, 62],
        },
      ],
      output: config({ slug: 'personas-facebook-custom-audiences' }),
    },
    {
      name: 'nothing close',
      text: config({ slug: 'my-crm' }),
      errors: [
        {
          message: 'Unknown destination "my-crm": no built-in catalog and no "destinations" entry of idsync.space.json has it, so its identifiers are not checked. Check the slug in Segment, or describe the destination under "destinations" in idsync.space.json so its identifiers can be checked.',
          range: [2, 27, 2, 35],
        },
      ],
      output: null,
    },
    {
      name: 'a typo of a space destination',
      text: config({ slug: 'crm-functoin' }),
      space: space(CRM_SPACE),
      errors: [{ message: /Did you mean "crm-function"\?$/, range: [2, 27, 2, 41] }],
      output: config({ slug: 'crm-function' }),
    },
    {
      name: 'a space destination is unknown without its space',
      text: '{ "journey": { "name": "j" }, "destination": { "slug": "crm-function" } }',
      errors: [{ message: /^Unknown destination "crm-function"/, range: [0, 55, 0, 69] }],
      output: null,
    },
  ],
});
