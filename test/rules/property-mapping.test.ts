import { ruleTable } from '../helpers/rule-tester';
import { propertyMapping } from '../../server/src/engine/lint/rules/property-mapping';
import { config, entry, space, CRM_SPACE } from '../helpers/config';

const one = (id: string) => config({ entries: [entry(id, 'last', 'EMAIL')] });
const range = (id: string): [number, number, number, number] => [4, 20, 4, 22 + id.length];

ruleTable(propertyMapping, {
  valid: [
    { name: 'an identifier', text: one('email') },
    { name: 'a custom identifier with "traits" in its name', text: one('traits_id'), space: space('{ "customIdentifiers": ["traits_id"] }') },
  ],
  invalid: [
    {
      name: 'a trait path of an identifier',
      text: one('traits.email'),
      errors: [{ message: '"traits.email" is a trait path, not an identifier type: ID Sync would add its values to profiles as identifiers. Use the identifier "email".', range: range('traits.email') }],
      output: one('email'),
    },
    {
      name: 'a property path',
      text: one('properties.plan'),
      errors: [
        {
          message: '"properties.plan" is a property path, not an identifier type: ID Sync would add its values to profiles as identifiers. Map properties with Destination Actions mappings (Segment\'s recommendation), or declare a custom identifier for it.',
          range: range('properties.plan'),
        },
      ],
      output: null,
    },
    {
      name: 'a context path',
      text: one('context.device.advertisingId'),
      errors: [{ message: /^"context.device.advertisingId" is a context path, not an identifier type: .* or declare a custom identifier for it\.$/, range: range('context.device.advertisingId') }],
      output: null,
    },
    {
      name: 'a trait path of a custom identifier of the space',
      text: one('traits.crm_id'),
      space: space(CRM_SPACE),
      errors: [{ message: /Use the identifier "crm_id"\.$/, range: range('traits.crm_id') }],
      output: one('crm_id'),
    },
  ],
});
