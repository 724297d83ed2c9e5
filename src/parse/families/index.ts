// The families, most specific first; `generic` last always matches.
import type { Family } from './family.js';
import { generic } from './generic.js';
import { amazonSesJson } from './amazonses.js';
import { gmail, googleGroups } from './google.js';

export const FAMILIES: readonly Family[] = [amazonSesJson, googleGroups, gmail, generic];
