/** The report formats of `idsync check --format`. */
import type { Formatter } from './report';
import { stylish } from './stylish';
import { json } from './json';
import { sarif } from './sarif';
import { github } from './github';

export const FORMATS: Readonly<Record<string, Formatter>> = { stylish, json, sarif, github };
export type { CheckReport, FileReport, PathProblem, Formatter } from './report';
