/** `idsync preview`: what each sample profile would send (the engine's preview, as text or json). */
import type { Command } from '../io';
import { runPreview, PREVIEW_USAGE } from '../preview';

export const preview: Command = {
  name: 'preview',
  summary: 'Show what each sample profile would send to the destination',
  usage: PREVIEW_USAGE,
  run(argv, io) {
    return runPreview(argv, {
      stdout: (s) => io.stdout.write(s),
      stderr: (s) => io.stderr.write(s),
      cwd: io.cwd,
      env: io.env,
    });
  },
};
