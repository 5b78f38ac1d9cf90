import { ruleTable } from '../helpers/rule-tester';
import { destinationAlias } from '../../server/src/engine/lint/rules/destination-alias';
import { config, entry, space } from '../helpers/config';

ruleTable(destinationAlias, {
  valid: [
    { name: 'the canonical slug', text: config({ slug: 'actions-reddit-audiences' }) },
    { name: 'an event destination by its slug', text: config({ slug: 'mixpanel' }) },
    { name: 'an unknown slug is unknown-destination\'s', text: config({ slug: 'no-such-destination' }) },
    {
      name: 'a space destination named like an alias is the space\'s own',
      text: config({ slug: 'reddit-audiences', entries: [entry('email', 'last', 'email')] }),
      space: space('{ "destinations": { "reddit-audiences": { "displayName": "Reddit via a function", "identifiers": ["email"] } } }'),
    },
  ],
  invalid: [
    {
      name: 'the public catalog slug',
      text: config({ slug: 'reddit-audiences' }),
      errors: [
        {
          message: '"reddit-audiences" is another name of Reddit Audiences, whose canonical slug is "actions-reddit-audiences": both work, and the canonical one is what Segment\'s definition and idsync\'s catalogs use.',
          range: [2, 27, 2, 45],
        },
      ],
      output: config({ slug: 'actions-reddit-audiences' }),
    },
    {
      name: 'a previous name',
      text: config({ slug: 'personas-google-adwords' }),
      errors: [{ message: /^"personas-google-adwords" is another name of Google Ads Remarketing Lists, whose canonical slug is "adwords-remarketing-lists"/, range: [2, 27, 2, 52] }],
      output: config({ slug: 'adwords-remarketing-lists' }),
    },
  ],
});
