/**
 * The `.idsync.json` format as data: which properties each object has, their types and
 * descriptions. Used by the structural rules, and by completion and hover.
 */

export type JsonType = 'string' | 'boolean' | 'number' | 'object' | 'array';

export interface PropSpec {
  type: JsonType;
  description: string;
  enum?: readonly string[];
  /** For objects: their properties. */
  object?: ObjectSpec;
  /** For arrays: the item shape. */
  items?: { type: JsonType; object?: ObjectSpec };
}

export interface ObjectSpec {
  /** Name used in messages, e.g. "an idSyncConfiguration entry". */
  name: string;
  props: Record<string, PropSpec>;
  /** Open objects accept any key (their known keys come from the catalog). */
  open?: boolean;
}

export const AUDIENCE: ObjectSpec = {
  name: 'audience',
  props: {
    key: { type: 'string', description: 'The audience key in Segment (e.g. `vip_customers`).' },
    id: { type: 'string', description: 'The audience id in Segment (`aud_...`), needed to push the file through the Public API.' },
    name: { type: 'string', description: 'The audience name, for readers.' },
    existing: {
      type: 'boolean',
      description:
        'True when the audience already syncs to this destination: an ID Sync change then applies only to new data (no resync), after about five minutes, and cannot be undone.',
    },
  },
};

export const JOURNEY: ObjectSpec = {
  name: 'journey',
  props: {
    name: { type: 'string', description: 'The journey name.' },
    id: { type: 'string', description: 'The journey id in Segment.' },
    step: { type: 'string', description: 'The journey step that sends to the destination.' },
  },
};

export const DESTINATION: ObjectSpec = {
  name: 'destination',
  props: {
    slug: { type: 'string', description: "The destination's Segment slug: the key of its catalog (e.g. `personas-facebook-custom-audiences`). Required." },
    id: { type: 'string', description: 'The destination instance id in Segment, needed to push the file through the Public API.' },
    type: { type: 'string', enum: ['destination', 'warehouse'], description: 'The Public API destination type (`destination` or `warehouse`).' },
    name: { type: 'string', description: 'The destination instance name, for readers.' },
  },
};

export const CONNECTION_SETTINGS: ObjectSpec = {
  name: 'connectionSettings',
  open: true,
  props: {
    sendMobileIds: {
      type: 'boolean',
      description: 'Send Mobile IDs: needed to send `ios.idfa` (and `android.idfa`) to most destinations.',
    },
  },
};

export const ENTRY: ObjectSpec = {
  name: 'an idSyncConfiguration entry',
  props: {
    externalId: {
      type: 'string',
      description: 'The Segment identifier to send: a default identifier (`email`, `user_id`, `ios.idfa`...) or a custom identifier of the space.',
    },
    strategy: {
      type: 'string',
      enum: ['first', 'last', 'all'],
      description: '`first`: the oldest value; `last`: the most recently added value; `all`: every value, one event each (at most three entries).',
    },
    mapTo: {
      type: 'string',
      description: "The destination's identifier key. Facebook Custom Audiences and Google Ads Remarketing Lists take a value of their dropdown.",
    },
  },
};

export const ROOT: ObjectSpec = {
  name: 'the configuration',
  props: {
    $schema: { type: 'string', description: 'The JSON schema of the file, for other JSON tools.' },
    name: { type: 'string', description: 'A label for this connection.' },
    description: { type: 'string', description: 'Free text for readers.' },
    audience: { type: 'object', object: AUDIENCE, description: 'The audience that syncs to the destination. Exactly one of `audience` and `journey`.' },
    journey: { type: 'object', object: JOURNEY, description: 'The journey step that syncs to the destination. Exactly one of `audience` and `journey`.' },
    destination: { type: 'object', object: DESTINATION, description: 'The destination the audience or journey sends to. `slug` is required.' },
    connectionSettings: {
      type: 'object',
      object: CONNECTION_SETTINGS,
      description: 'Destination connection settings (Public API `connectionSettings`); known keys come from the destination catalog.',
    },
    setup: {
      type: 'string',
      enum: ['default', 'customized'],
      description:
        '`default`: Segment\'s default behaviour for the destination; `customized`: ID Sync with `idSyncConfiguration`. When absent: customized if `idSyncConfiguration` is non-empty, else default.',
    },
    idSyncConfiguration: {
      type: 'array',
      items: { type: 'object', object: ENTRY },
      description: 'The identifiers to send, each with a strategy and the destination key (at most 5).',
    },
    samples: {
      type: 'array',
      items: { type: 'string' },
      description: 'Sample profiles (paths relative to this file) used by the preview.',
    },
  },
};
