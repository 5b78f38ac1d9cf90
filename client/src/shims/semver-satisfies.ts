// `require('semver/functions/satisfies')` returns the function itself.
import { satisfies } from './semver';
export = satisfies;
