# Build stage: install everything, compile TypeScript.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# npm ci's build bundles `inmail parse` with this script (fixtures/ is not copied: the code cache it
# makes then holds the bundle's top level only; NODE_OPTIONS' V8 flag below makes V8 pass it over anyway).
COPY scripts/parse-bundle.mjs ./scripts/
RUN npm ci && npm prune --omit=dev

# Runtime: compiled code, production dependencies, migrations, the console's static files and shipped config.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# The main thread's young generation (docs/operations.md, memory): sized when node starts, so set here.
ENV NODE_OPTIONS=--max-semi-space-size=4
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY src/db/migrations ./src/db/migrations
COPY src/api/console ./src/api/console
COPY config ./config
USER node
EXPOSE 2525 9187 8025
# Ready, not merely alive: Postgres, Redis, the schema and the listener answer
# (/readyz; the HTTP port is INMAIL_HTTP_PORT, 9187 by default).
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=6 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.INMAIL_HTTP_PORT || '9187') + '/readyz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "dist/cli/main.js"]
CMD ["start"]
