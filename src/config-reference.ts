// The configuration reference, read off the zod schema itself (descriptions and
// defaults), so that `inmail config reference` can never drift from the code.
import { z } from 'zod';
import { configSchema, ENV_VARIABLES } from './config.js';

interface JsonSchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
}

export interface ReferenceRow {
  key: string;
  type: string;
  default: string;
  env: string;
  description: string;
}

function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map(String).join('|');
  if (s.type === 'array') return `${s.items ? typeOf(s.items) : 'value'}[]`;
  return Array.isArray(s.type) ? s.type.join('|') : (s.type ?? 'value');
}

export function configReference(): ReferenceRow[] {
  const root = z.toJSONSchema(configSchema, { io: 'input' }) as JsonSchema;
  const envByKey = new Map(Object.entries(ENV_VARIABLES).map(([name, path]) => [path.join('.'), name]));
  const rows: ReferenceRow[] = [];
  const walk = (s: JsonSchema, path: string[]) => {
    const leafObject = s.type === 'object' && s.properties;
    if (leafObject && path.length < 3) {
      for (const [k, child] of Object.entries(s.properties ?? {})) walk(child, [...path, k]);
      return;
    }
    const key = path.join('.').replaceAll('.[]', '[]');
    rows.push({
      key,
      type: typeOf(s),
      default: s.default === undefined ? '' : JSON.stringify(s.default),
      env: envByKey.get(key) ?? '',
      description: s.description ?? '',
    });
    if (s.type === 'array' && s.items?.properties) {
      for (const [k, child] of Object.entries(s.items.properties)) walk(child, [...path, '[]', k]);
    }
  };
  walk(root, []);
  return rows;
}
