/**
 * Bundle shim for the two `semver` functions vscode-languageclient uses (its VS Code version
 * check: parse `vscode.version`, then test it against a `^x.y.z` range). The full `semver`
 * package is ~20 KB of the client bundle; esbuild aliases `semver/functions/parse` and
 * `semver/functions/satisfies` here (esbuild.mjs). Only the forms the check uses are supported.
 */
export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
}

const VERSION = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

export function parse(version: unknown): SemVer | null {
  if (typeof version !== 'string') return null;
  const m = VERSION.exec(version.trim());
  if (!m) return null;
  return { major: +m[1], minor: +m[2], patch: +m[3], prerelease: m[4] ? m[4].split('.') : [] };
}

function compare(a: SemVer, b: SemVer): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || (a.prerelease.length ? 0 : 1) - (b.prerelease.length ? 0 : 1);
}

/** `^x.y.z` (same major, at least x.y.z; for 0.y.z the same minor) and `>=x.y.z`; anything else is false. */
export function satisfies(version: SemVer | string, range: string): boolean {
  const v = typeof version === 'string' ? parse(version) : version;
  if (!v) return false;
  const r = range.trim();
  if (r.startsWith('>=')) {
    const min = parse(r.slice(2));
    return !!min && compare(v, min) >= 0;
  }
  if (r.startsWith('^')) {
    const min = parse(r.slice(1));
    if (!min || compare(v, min) < 0 || v.prerelease.length > 0) return false;
    return min.major > 0 ? v.major === min.major : v.major === 0 && v.minor === min.minor;
  }
  return false;
}
