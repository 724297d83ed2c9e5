// /v1/addresses: what `inmail quarantine ...` does, and the bulk check of the sending side.
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { KeyOptions } from '../../quarantine/address-key.js';
import { exportCsv } from '../../quarantine/transfer.js';
import {
  addressJson,
  checkAddresses,
  deleteAddress,
  importAddresses,
  listAddressPage,
  release,
  setAddress,
  showAddress,
  showJson,
  toFilter,
} from '../../operations/addresses.js';
import { deleteMatching } from '../../operations/changes.js';
import { explainAddress } from '../../operations/explain.js';
import {
  addressPageSchema,
  addressParam,
  addressShowSchema,
  channelQuery,
  checkResultSchema,
  checkSchema,
  deleteAddressQuery,
  deleteMatchingSchema,
  deleteResultSchema,
  exportQuery,
  explainSchema,
  importResultSchema,
  importSchema,
  listAddressesQuery,
  releaseResultSchema,
  releaseSchema,
  setAddressSchema,
  setResultSchema,
} from '../../operations/schemas.js';
import { defineRoute, type ApiDeps } from '../route.js';

export function addressRoutes(deps: ApiDeps) {
  const keys: KeyOptions = { caseSensitiveLocalPart: deps.config.policy.caseSensitiveLocalPart };
  const read = deps.readPool ?? deps.pool;
  return [
    defineRoute({
      method: 'GET',
      url: '/v1/addresses',
      scope: 'read',
      tag: 'addresses',
      summary: 'Addresses matching filters, most recently modified first, one page at a time',
      description: 'As `inmail quarantine list`. Follow `nextCursor` (null on the last page).',
      query: listAddressesQuery,
      response: addressPageSchema,
      handler: async ({ query }) => {
        const { limit, cursor, ...filter } = query;
        return listAddressPage(read, filter, { limit: limit ?? 100, cursor });
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/addresses/export',
      scope: 'read',
      tag: 'addresses',
      summary: 'Matching addresses as CSV (address, channel, status, reason, note), streamed (as `inmail quarantine export`)',
      query: exportQuery,
      response: { raw: 'text/csv; charset=utf-8' },
      handler: async ({ query, reply }) => {
        const { limit, ...filter } = query;
        const out = new PassThrough();
        const write = (chunk: string): Promise<void> | void => {
          if (!chunk || out.write(chunk)) return;
          return once(out, 'drain').then(() => undefined);
        };
        // Streamed page by page: an export of millions of rows is never held whole.
        exportCsv(read, toFilter(filter), write, limit ? { limit } : {}).then(
          () => out.end(),
          (err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))),
        );
        return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="addresses.csv"').send(out);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/addresses/check',
      scope: 'read',
      tag: 'addresses',
      summary: 'Which of these addresses must not be mailed (quarantined or denylisted)',
      description: 'Up to 100,000 addresses per request; answers only the blocked ones, as the caller wrote them.',
      body: checkSchema,
      response: checkResultSchema,
      bodyLimit: 64 * 1024 * 1024,
      handler: async ({ body }) => ({ blocked: await checkAddresses(read, keys, body.channel, body.addresses) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/addresses/release',
      scope: 'write',
      tag: 'addresses',
      summary: 'Make matching addresses valid (default: quarantined and erroneous ones); dryRun counts without changing',
      body: releaseSchema,
      response: releaseResultSchema,
      handler: async ({ body, caller }) => {
        const { dryRun, note, limit, all, ...filter } = body;
        const r = await release(deps.pool, filter, { dryRun, by: caller.by, note: note ?? null, limit, all });
        return { dryRun: r.dryRun, count: r.count, change: r.changeId, addresses: r.addresses.map(addressJson) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/addresses/delete',
      scope: 'write',
      tag: 'addresses',
      summary: 'Forget every matching address (history kept) as one change; dryRun counts without changing',
      description: 'As `inmail quarantine delete` with filters. With no filter at all, `all: true` is required.',
      body: deleteMatchingSchema,
      response: releaseResultSchema,
      handler: async ({ body, caller }) => {
        const { dryRun, note, limit, all, ...filter } = body;
        return deleteMatching(deps.pool, filter, { dryRun, by: caller.by, note: note ?? null, limit, all });
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/addresses/import',
      scope: 'write',
      tag: 'addresses',
      summary: 'Apply a CSV (address, channel, status, reason, note): every line or none',
      body: importSchema,
      response: importResultSchema,
      bodyLimit: 64 * 1024 * 1024,
      handler: async ({ body, caller }) => importAddresses(deps.pool, keys, body.csv, caller.by),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/addresses/{address}',
      scope: 'read',
      tag: 'addresses',
      summary: 'One address: its state and history (the JSON of `inmail quarantine show --json`)',
      params: addressParam,
      query: channelQuery,
      response: addressShowSchema,
      handler: async ({ params, query }) => showJson(await showAddress(read, keys, query.channel, params.address)),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/addresses/{address}/explain',
      scope: 'read',
      tag: 'addresses',
      summary: 'Why the address has its status: the raw mail, what the parser read, the rule or heuristic, the history',
      params: addressParam,
      query: channelQuery,
      response: explainSchema,
      handler: async ({ params, query }) => explainAddress(deps.config, read, keys, query.channel, params.address),
    }),
    defineRoute({
      method: 'PUT',
      url: '/v1/addresses/{address}',
      scope: 'write',
      tag: 'addresses',
      summary: 'Create or change an address (as `inmail quarantine set`)',
      params: addressParam,
      body: setAddressSchema,
      response: setResultSchema,
      handler: async ({ params, body, caller }) => setAddress(deps.pool, keys, params.address, body, caller.by),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/v1/addresses/{address}',
      scope: 'write',
      tag: 'addresses',
      summary: 'Forget an address (its history is kept)',
      params: addressParam,
      query: deleteAddressQuery,
      response: deleteResultSchema,
      handler: async ({ params, query, caller }) =>
        deleteAddress(deps.pool, keys, params.address, query.channel, caller.by, query.note ?? null),
    }),
  ];
}
