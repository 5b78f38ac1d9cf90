// `require('semver/functions/parse')` returns the function itself.
import { parse } from './semver';
export = parse;
