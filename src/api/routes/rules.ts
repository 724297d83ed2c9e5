// /v1/rules: what `inmail rules ...` does, and the back-test of a candidate rule.
import { z } from 'zod';
import {
  addRule,
  backtestRule,
  checkedRule,
  deleteRule,
  editRule,
  exportRules,
  importResultJson,
  importRules,
  listedRuleJson,
  listRules,
  ruleToInput,
  setRuleEnabled,
  testText,
} from '../../operations/rules.js';
import {
  backtestResultSchema,
  backtestSchema,
  ruleIdParam,
  ruleInputSchema,
  ruleJsonSchema,
  ruleImportResultSchema,
  ruleListQuery,
  ruleTestResultSchema,
  ruleTestSchema,
} from '../../operations/schemas.js';
import { defineRoute, type ApiDeps } from '../route.js';

const okSchema = z.object({ id: z.string(), enabled: z.boolean().optional(), deleted: z.boolean().optional() });

export function ruleRoutes(deps: ApiDeps) {
  const { config, pool } = deps;
  const read = deps.readPool ?? pool;
  return [
    defineRoute({
      method: 'GET',
      url: '/v1/rules',
      scope: 'read',
      tag: 'rules',
      summary: 'Rules in decision order (user rules first), with hits',
      query: ruleListQuery,
      response: z.object({ rules: z.array(ruleJsonSchema), broken: z.array(z.object({ id: z.string(), error: z.string() })) }),
      handler: async ({ query }) => {
        const r = await listRules(config, read, { origin: query.origin, unusedDays: query.unusedDays });
        return { rules: r.rules.map(listedRuleJson), broken: r.broken.map((b) => ({ id: b.id, error: b.error })) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/rules',
      scope: 'admin',
      tag: 'rules',
      status: 201,
      summary: 'Add a user rule (checked: safe regex, the example matches)',
      body: ruleInputSchema,
      response: ruleJsonSchema,
      handler: async ({ body }) => {
        const { value: rule } = await addRule(config, pool, checkedRule(body, 'new'));
        return { ...ruleToInput(rule), origin: 'user' };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/rules/export',
      scope: 'read',
      tag: 'rules',
      summary: 'User rules (or the shipped set) as `rules export --json` writes them, for import elsewhere',
      query: z.object({ origin: z.enum(['user', 'shipped']).default('user') }),
      response: z.object({ rules: z.array(z.record(z.string(), z.unknown())) }),
      handler: async ({ query }) => ({ rules: await exportRules(config, read, query.origin) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/rules/import',
      scope: 'admin',
      tag: 'rules',
      summary: 'Add or update user rules from an export, matched by key: every rule checked, all saved or none (as `rules import --json`)',
      body: z.object({ rules: z.array(z.unknown()), replace: z.boolean().default(false).describe('delete every user rule first') }),
      response: ruleImportResultSchema,
      handler: async ({ body }) => importResultJson((await importRules(config, pool, body.rules, { replace: body.replace })).value),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/rules/backtest',
      scope: 'read',
      tag: 'rules',
      summary: 'Run a candidate rule over the stored events of the last N days; nothing is saved',
      description: 'As `inmail rules add|edit --dry-run`. With `replaces`, the candidate is the new version of that user rule.',
      body: backtestSchema.extend({ replaces: z.string().optional().describe('user rule id the candidate would replace') }),
      response: backtestResultSchema,
      handler: async ({ body }) =>
        backtestRule(config, pool, checkedRule(body.rule, body.replaces ?? 'new'), {
          days: body.days,
          examples: body.examples,
          replaces: body.replaces,
        }),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/rules/test',
      scope: 'read',
      tag: 'rules',
      summary: 'Which rule decides this text, and why',
      body: ruleTestSchema,
      response: ruleTestResultSchema,
      handler: async ({ body }) => testText(config, read, body),
    }),
    defineRoute({
      method: 'PUT',
      url: '/v1/rules/{id}',
      scope: 'admin',
      tag: 'rules',
      summary: 'Replace a user rule (shipped rules: disable them instead)',
      params: ruleIdParam,
      body: ruleInputSchema,
      response: ruleJsonSchema,
      handler: async ({ params, body }) => ({
        ...ruleToInput((await editRule(config, pool, params.id, checkedRule(body, params.id))).value),
        origin: 'user',
      }),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/v1/rules/{id}',
      scope: 'admin',
      tag: 'rules',
      summary: 'Delete a user rule',
      params: ruleIdParam,
      response: okSchema,
      handler: async ({ params }) => (await deleteRule(config, pool, params.id), { id: params.id, deleted: true }),
    }),
    ...(['enable', 'disable'] as const).map((action) =>
      defineRoute({
        method: 'POST',
        url: `/v1/rules/{id}/${action}`,
        scope: 'admin',
        tag: 'rules',
        summary: `${action === 'enable' ? 'Enable' : 'Disable'} a user or shipped rule`,
        params: ruleIdParam,
        response: okSchema,
        handler: async ({ params }) => (
          await setRuleEnabled(config, pool, params.id, action === 'enable'),
          { id: params.id, enabled: action === 'enable' }
        ),
      }),
    ),
  ];
}
