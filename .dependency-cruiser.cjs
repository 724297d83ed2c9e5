// The layering of src/ (docs/architecture.md), checked by `npm run lint:deps`.
// From the bottom: domain (the vocabulary) → parse (pure) → db (connections) →
// store (SQL) → quarantine → qualify (decisions) → jobs → intake, webhooks (the pipeline) →
// operations (what an operator can do) → api (HTTP) → app (the daemon: assembles
// the roles) → cli. A folder imports only folders below it; the base modules at
// the top of src/ sit below every folder but domain and parse.
const IO =
  '^(node:)?(fs|fs/promises|net|http|https|http2|dgram|dns|tls|child_process|cluster|worker_threads|readline)$' +
  '|(^|/)node_modules/(@types/)?(pg|pg-[a-z-]+|ioredis|bullmq|imapflow|smtp-server|nodemailer)/';

/** Folders a layer must not import: every layer above it (domain: see domain-imports-nothing). Being an order, it also rules out folder cycles. */
const above = {
  parse: ['db', 'store', 'qualify', 'quarantine', 'jobs', 'intake', 'webhooks', 'operations', 'api', 'app', 'cli'],
  db: ['parse', 'store', 'qualify', 'quarantine', 'jobs', 'intake', 'webhooks', 'operations', 'api', 'app', 'cli'],
  store: ['parse', 'qualify', 'quarantine', 'jobs', 'intake', 'webhooks', 'operations', 'api', 'app', 'cli'],
  quarantine: ['qualify', 'jobs', 'intake', 'webhooks', 'operations', 'api', 'app', 'cli'],
  qualify: ['jobs', 'intake', 'webhooks', 'operations', 'api', 'app', 'cli'],
  jobs: ['intake', 'webhooks', 'operations', 'api', 'app', 'cli'],
  intake: ['webhooks', 'operations', 'api', 'app', 'cli'],
  // Webhooks (coming with the API): a sender role beside the intakes.
  webhooks: ['intake', 'operations', 'api', 'app', 'cli'],
  // What an operator can do, called alike by the HTTP API and the CLI.
  operations: ['api', 'app', 'cli'],
  // The HTTP API and the CLI call the same operations below them, never each other.
  api: ['app', 'cli'],
  app: ['cli'],
  cli: ['api'],
};

const layerRules = Object.entries(above).map(([layer, upper]) => ({
  name: `${layer}-imports-only-below`,
  comment: `src/${layer} sits below ${upper.join(', ')}: importing them would make the folders depend both ways.`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(${upper.join('|')})/` },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A module cycle: one of the two must give up its import (move the shared part down, to src/domain).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-imports-nothing',
      comment: 'src/domain is the shared vocabulary, at the bottom: it imports nothing of the project, no package and no I/O.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/domain/' },
    },
    {
      name: 'parser-has-no-io',
      comment: 'The parser is pure: bytes in, a verdict out. No database, queue, socket or file.',
      severity: 'error',
      from: { path: '^src/parse/' },
      to: { path: IO },
    },
    {
      name: 'state-machine-has-no-io',
      comment: 'The address state machine and its pure helpers take the clock and return data; no I/O, no store.',
      severity: 'error',
      from: { path: '^src/quarantine/(state|address-key|verp)\\.ts$' },
      to: { path: [IO, '^src/(db|store|jobs|intake|qualify|cli|api)/'] },
    },
    {
      name: 'sql-only-in-store',
      comment: 'Only src/store (and src/db: connections, migrations) talks to Postgres; stages call store modules.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(store|db)/' },
      to: { path: '(^|/)node_modules/(@types/)?pg/' },
    },
    {
      name: 'intake-does-not-import-the-worker',
      comment: 'An intake stores and enqueues; the worker is another role and may run in another process.',
      severity: 'error',
      from: { path: '^src/intake/' },
      to: { path: '^src/jobs/(worker|worker-role|worker-thread|worker-threads|process-mail|process-metrics)\\.ts$' },
    },
    {
      name: 'base-modules-import-no-layer-above',
      comment:
        'The modules at the top of src/ (config, errors, logger, metrics, lifecycle, http) sit below every folder but domain and parse.',
      severity: 'error',
      from: { path: '^src/[^/]+\\.ts$' },
      to: { path: '^src/(db|store|qualify|quarantine|jobs|intake|webhooks|operations|api|app|cli)/' },
    },
    ...layerRules,
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve (the console runs in the browser: its imports are URLs the API serves).',
      severity: 'error',
      from: { pathNot: '^src/api/console/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.build.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
