/**
 * The parsed model of an `.idsync.json` file, built in one walk over the syntax tree.
 * Rules are checks over this model; none of them walks the tree again.
 */
import type { Node } from 'jsonc-parser';
import type { ParsedDocument } from './parse';
import { ROOT, ObjectSpec, PropSpec, JsonType } from './config-schema';

export interface PropertyInfo {
  /** The property node (`"key": value`). */
  node: Node;
  key: string;
  keyNode: Node;
  value: Node | undefined;
  /** The spec of the object holding the property. */
  owner: ObjectSpec;
  /** The property's spec, undefined for a property the format does not have. */
  spec: PropSpec | undefined;
  /** A property whose key appeared earlier in the same object. */
  duplicate: boolean;
}

/** A value whose JSON type is not the one the format expects. */
export interface TypeMismatch {
  node: Node;
  expected: JsonType;
  /** What the value is, e.g. "idSyncConfiguration[2]" or "strategy". */
  label: string;
}

export interface Entry {
  index: number;
  node: Node;
  externalId?: Node;
  strategy?: Node;
  mapTo?: Node;
}

export interface ConfigModel {
  doc: ParsedDocument;
  /** The root node when it is an object. */
  root: Node | undefined;
  properties: PropertyInfo[];
  typeMismatches: TypeMismatch[];
  audience?: Node;
  journey?: Node;
  destination?: Node;
  slug?: Node;
  /** `destination.slug` when it is a string (the one place that reads it). */
  destinationSlug?: string;
  connectionSettings?: Node;
  /** `connectionSettings.sendMobileIds === true`. */
  sendMobileIds: boolean;
  /**
   * Scalar values of connectionSettings by name, the format's own and the destinations' (Criteo's
   * hash_emails, Google's externalIdType); a repeated name keeps its first value (duplicate-property).
   */
  connectionSettingValues: Record<string, string | number | boolean | null>;
  setupNode?: Node;
  /** The effective setup. */
  setup: 'default' | 'customized';
  /** `audience.existing === true`. */
  existingAudience?: Node;
  idSyncConfiguration?: Node;
  /** Object entries of idSyncConfiguration, in file order. */
  entries: Entry[];
  samples?: Node;
}

function typeOf(node: Node): JsonType | 'null' {
  return node.type === 'property' || node.type === 'null' ? 'null' : node.type;
}

/**
 * Builds the model of a parsed config. The model holds what the file says; which catalog a slug
 * names is decided by the lint (`LintResult.destination`), which knows the space's destinations.
 */
export function buildModel(doc: ParsedDocument): ConfigModel {
  const model: ConfigModel = {
    doc,
    root: doc.root && doc.root.type === 'object' ? doc.root : undefined,
    properties: [],
    typeMismatches: [],
    sendMobileIds: false,
    connectionSettingValues: Object.create(null) as Record<string, string | number | boolean | null>,
    setup: 'default',
    entries: [],
  };
  if (doc.root && doc.root.type !== 'object') {
    model.typeMismatches.push({ node: doc.root, expected: 'object', label: 'the configuration' });
  }
  if (model.root) walkObject(model.root, ROOT, ROOT_POSITION, model);

  if (model.slug?.type === 'string') model.destinationSlug = model.slug.value as string;
  const setupValue = model.setupNode?.value;
  if (setupValue === 'default' || setupValue === 'customized') model.setup = setupValue;
  else model.setup = model.entries.length > 0 ? 'customized' : 'default';
  return model;
}

/**
 * Where a walk is: the first key of the path from the root (undefined at the root), its depth,
 * and its last key (the array's name in walkArray). The full path is never needed, so none is built.
 */
interface WalkPosition {
  top: string | undefined;
  depth: number;
}

const ROOT_POSITION: WalkPosition = { top: undefined, depth: 0 };
/** Objects with more keys than this track seen keys in a Set; smaller ones look back. */
const SMALL_OBJECT = 12;

function walkObject(obj: Node, spec: ObjectSpec, at: WalkPosition, model: ConfigModel, entry?: Entry): void {
  const props = obj.children ?? [];
  const seen = props.length > SMALL_OBJECT ? new Set<string>() : undefined;
  for (let i = 0; i < props.length; i++) {
    const prop = props[i];
    const keyNode = prop.children![0];
    const key = keyNode.value as string;
    const value = prop.children![1];
    const propSpec = Object.prototype.hasOwnProperty.call(spec.props, key) ? spec.props[key] : undefined;
    let duplicate: boolean;
    if (seen) {
      duplicate = seen.has(key);
      seen.add(key);
    } else {
      duplicate = false;
      for (let j = 0; j < i; j++) {
        if (props[j].children![0].value === key) {
          duplicate = true;
          break;
        }
      }
    }
    model.properties.push({ node: prop, key, keyNode, value, owner: spec, spec: propSpec, duplicate });
    // Connection settings the format does not name (catalog settings such as Criteo's hash_emails) still count.
    if (!propSpec && spec.open && at.top === 'connectionSettings' && value && !duplicate) collect(at, key, value, model);
    if (!propSpec || !value || duplicate) continue;
    if (typeOf(value) !== propSpec.type) {
      model.typeMismatches.push({ node: value, expected: propSpec.type, label: key });
      continue;
    }
    collect(at, key, value, model, entry);
    const inner: WalkPosition | undefined = propSpec.object || propSpec.items ? { top: at.top ?? key, depth: at.depth + 1 } : undefined;
    if (propSpec.object) walkObject(value, propSpec.object, inner!, model);
    else if (propSpec.items) walkArray(value, propSpec, key, inner!, model);
  }
}

function walkArray(arr: Node, spec: PropSpec, name: string, at: WalkPosition, model: ConfigModel): void {
  const items = spec.items!;
  const children = arr.children ?? [];
  const isEntries = name === 'idSyncConfiguration' && at.depth === 1;
  const inner: WalkPosition = { top: at.top, depth: at.depth + 1 };
  for (let index = 0; index < children.length; index++) {
    const item = children[index];
    if (typeOf(item) !== items.type) {
      model.typeMismatches.push({ node: item, expected: items.type, label: `${name}[${index}]` });
      continue;
    }
    if (items.object) {
      const entry: Entry = { index, node: item };
      if (isEntries) model.entries.push(entry);
      walkObject(item, items.object, inner, model, entry);
    }
  }
}

/** Records the nodes the rules look at, by their place in the format. */
function collect(at: WalkPosition, key: string, value: Node, model: ConfigModel, entry?: Entry): void {
  if (entry) {
    if (key === 'externalId') entry.externalId = value;
    else if (key === 'strategy') entry.strategy = value;
    else if (key === 'mapTo') entry.mapTo = value;
    return;
  }
  if (at.depth === 0) {
    switch (key) {
      case 'audience':
        model.audience = value;
        return;
      case 'journey':
        model.journey = value;
        return;
      case 'destination':
        model.destination = value;
        return;
      case 'connectionSettings':
        model.connectionSettings = value;
        return;
      case 'setup':
        model.setupNode = value;
        return;
      case 'idSyncConfiguration':
        model.idSyncConfiguration = value;
        return;
      case 'samples':
        model.samples = value;
        return;
    }
    return;
  }
  const parent = at.top;
  if (parent === 'destination' && key === 'slug') model.slug = value;
  else if (parent === 'connectionSettings') {
    if (value.type === 'string' || value.type === 'number' || value.type === 'boolean' || value.type === 'null') {
      model.connectionSettingValues[key] = value.value as string | number | boolean | null;
    }
    if (key === 'sendMobileIds') model.sendMobileIds = value.value === true;
  }
  else if (parent === 'audience' && key === 'existing' && value.value === true) model.existingAudience = value;
}
