/** The command registry: one module per command, one line here. */
import type { Command } from '../io';
import { check } from './check';
import { diff } from './diff';
import { exportCommand } from './export';
import { init } from './init';
import { rules } from './rules';
import { preview } from './preview';

export const COMMANDS: readonly Command[] = [check, diff, exportCommand, init, preview, rules];
