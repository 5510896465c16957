# CaiTien — production image: the compiled server, CLI and web app on Node 20 (Debian bookworm),
# with LibreOffice for PDFs and postgresql-client for backups. See README "Running in production".
#   docker build -t caitien .
#   docker run -p 3000:3000 -v caitien-data:/data caitien            (SQLite under /data)
#   docker compose up                                                (PostgreSQL, two instances)

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary matches.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
# The manifests first: the dependency layer is rebuilt only when they change.
COPY package.json package-lock.json ./
COPY packages/core/package.json packages/core/
COPY packages/shared/package.json packages/shared/
COPY packages/db/package.json packages/db/
COPY packages/documents/package.json packages/documents/
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY tests/e2e/package.json tests/e2e/
COPY bench/package.json bench/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
RUN apt-get update \
  && apt-get install -y --no-install-recommends \
     libreoffice-writer-nogui libreoffice-calc-nogui python3-uno fonts-liberation2 \
     postgresql-client tini \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/apps/server/dist ./apps/server/dist
COPY --from=build /app/apps/web/dist ./apps/web/dist
# /data holds the SQLite file and the evidence files; the launcher writes its V8 code cache beside
# the bundle, so that folder belongs to the app's user too.
RUN mkdir -p /data && chown node:node /data ./apps/server/dist
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["tini", "--"]
CMD ["node", "apps/server/dist/server.cjs"]
