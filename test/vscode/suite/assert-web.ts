/**
 * The few `node:assert/strict` functions the suite uses (ok, equal, deepEqual, match, fail), for
 * the web-worker extension host where Node's assert does not exist: the web build of the suite
 * (test/vscode/build.mjs) resolves `node:assert/strict` here. deepEqual compares plain data
 * (JSON values, as the suite's are) and shows both sides when they differ.
 */

/** Deep strict equality of plain data: primitives (Object.is), arrays, and objects with the same own keys. */
function isEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && isEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export class AssertionError extends Error {
  override name = 'AssertionError';
}

const show = (v: unknown) => {
  try {
    return JSON.stringify(v, null, 1);
  } catch {
    return String(v);
  }
};

function fail(message?: string | Error): never {
  if (message instanceof Error) throw message;
  throw new AssertionError(message ?? 'Failed');
}

export function ok(value: unknown, message?: string | Error): asserts value {
  if (!value) fail(message ?? `expected a truthy value, got ${show(value)}`);
}

export function equal<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!Object.is(actual, expected)) fail(`${message ? `${message}: ` : ''}expected ${show(expected)}, got ${show(actual)}`);
}

export function notEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (Object.is(actual, expected)) fail(`${message ? `${message}: ` : ''}expected anything but ${show(expected)}`);
}

export function deepEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!isEqual(actual, expected)) fail(`${message ? `${message}: ` : ''}not deep-equal\nactual:   ${show(actual)}\nexpected: ${show(expected)}`);
}

export function match(actual: string, re: RegExp, message?: string | Error): void {
  if (!re.test(actual)) fail(`${message ? `${message}: ` : ''}${show(actual)} does not match ${re}`);
}

export { fail };
export default { ok, equal, notEqual, deepEqual, match, fail, AssertionError };
