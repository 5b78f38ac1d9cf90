/**
 * What bench/run.mjs needs from the project, bundled by esbuild into bench/.work/lib.cjs: the
 * engine, the protocol-free editor features, jsonc-parser's own parser (the floor) and the
 * generator. The peers are loaded by run.mjs from bench/node_modules.
 */
export { lintText, parseSpaceFile, builtinCatalogs, EMPTY_SPACE, ALL_RULES, parseDocument, buildModel } from '../../server/src/engine';
export { completionsAt } from '../../server/src/engine';
export { hoverAt } from '../../server/src/engine';
export { parseTree } from 'jsonc-parser';
export * from './inputs';
