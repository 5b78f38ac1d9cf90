/** What the preview computes: the shapes the CLI, the hover and the webview all read. */
import type { Catalogs, Hashing, Strategy } from '../catalogs/catalog';
import type { ConfigModel } from '../lint/model';
import type { SpaceConfig } from '../workspace/space';

export type { Strategy };

/** One selected value and what the destination receives for it. */
export interface PreviewValue {
  /** The value on the profile. */
  raw: string;
  createdAt?: string;
  /** Index of the value in the profile file. */
  position: number;
  /** The value after the key's normalisation, before hashing (undefined when not hashed or passed through). */
  normalized?: string;
  /** What the destination receives; null when nothing is sent for this value (see notes). */
  sent: string | null;
  /** How `sent` was produced. */
  transform: Exclude<Hashing, 'none'> | 'passed-through' | 'as-is';
  /** The key's hashing, when the value was hashed or passed through as already hashed. */
  hashing?: Exclude<Hashing, 'none'>;
  notes: string[];
}

export interface PreviewEntry {
  /** Index in idSyncConfiguration (customized setup), or null for rows of the default setup / exit events. */
  index: number | null;
  externalId: string | null;
  /** `mapTo` as written (customized setup), or the destination key used by default. */
  mapTo: string | null;
  /** The destination key the values are sent under. */
  key: string | null;
  strategy: Strategy | null;
  /** How many values of `externalId` the profile has. */
  available: number;
  /** Selected values, oldest first. Empty when skipped. */
  values: PreviewValue[];
  /** Events this entry causes (one per value sent). */
  events: number;
  /** Null, or why nothing is sent. */
  skipped: string | null;
  notes: string[];
}

export interface ExitPreview {
  identifiers: PreviewEntry[];
  events: number;
  /** What was assumed for Audience Exit events. */
  note: string;
}

export interface ProfilePreview {
  /** The profile's path as shown to users (relative to the workspace / cwd). */
  profile: string;
  /** Set when the profile could not be read or parsed: the rest is empty. */
  error: string | null;
  /** Where the error is in the profile file, when known. */
  errorPosition?: { line: number; character: number };
  setup: 'default' | 'customized';
  identifiers: PreviewEntry[];
  events: number;
  exit: ExitPreview;
  /** Remarks about the whole profile (items left out, assumptions). */
  notes: string[];
  /** A Profile API page with `cursor.has_more: true`: the profile has more external ids than previewed. */
  partial?: boolean;
}

export interface DestinationInfo {
  slug: string | null;
  displayName: string;
  known: boolean;
}

export interface PreviewInput {
  model: ConfigModel;
  catalogs: Catalogs;
  space: SpaceConfig;
}

export interface ConfigPreview {
  destination: DestinationInfo;
  setup: 'default' | 'customized';
  /** Remarks about the configuration (unknown destination, default setup assumptions). */
  notes: string[];
  profiles: ProfilePreview[];
}
