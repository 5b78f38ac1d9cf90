/** The engine's public surface, shared byte for byte by the language server and the CLI. */
export * from './types';
export * from './catalog';
export { builtinCatalogs, BUILTIN_DESTINATIONS } from './builtin-catalogs';
export { parseDocument } from './parse';
export type { ParsedDocument, Comment } from './parse';
export { buildModel } from './model';
export type { ConfigModel, Entry } from './model';
export * as format from './format';
export { lintText, findDestination, detectFormatting, RULE_CODES } from './engine';
export { ENGINE_DIAGNOSTICS, DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_DIAGNOSTICS } from './engine';
export type { LintOptions, LintResult, LintLimits } from './engine';
export { ALL_RULES } from './rules';
export type { Rule, RuleMeta } from './rule';
export { docsUrl } from './rule';
export { parseSpaceFile, SPACE_FILE_NAME, EMPTY_SPACE } from './space';
export type { SpaceConfig, SpaceFile } from './space';
export { Workspace } from './workspace';
export type { FileResult } from './workspace';
