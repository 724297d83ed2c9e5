// The families, most specific first; `generic` last always matches.
import type { Family } from './family.js';
import { generic } from './generic.js';

export const FAMILIES: readonly Family[] = [generic];
