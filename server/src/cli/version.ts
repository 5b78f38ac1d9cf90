/** The package version; esbuild inlines only this field of package.json into the bundle. */
import { version } from '../../../package.json';

export const VERSION: string = version;
