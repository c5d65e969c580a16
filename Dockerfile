# branch-ledger: multi-stage build. The build stage generates the Prisma client, compiles the
# TypeScript (`npm run build` → dist/, with the sandbox page) and installs the runtime dependencies
# into an empty folder with scripts/install-runtime.mjs — the production closure of the lockfile
# only, no Prisma CLI, TypeScript or tsx (test/e2e/productionLayout.test.ts runs the same steps).
# The runtime stage copies that folder, dist/, prisma/ (migrations) and locales/; no compilers.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 builds from source when its prebuilt binary cannot be downloaded.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build \
 && node scripts/install-runtime.mjs /runtime --native-from node_modules

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATABASE_URL=file:/data/ledger.db \
    PORT=8080
WORKDIR /app
# fonts-wqy-microhei: Chinese text in the /stats chart (5 MB; src/render/chartFonts.ts also finds
# fonts-wqy-zenhei, 16 MB, which CI installs).
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-wqy-microhei \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /runtime/package.json /runtime/package-lock.json ./
COPY --from=build /runtime/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY prisma ./prisma
COPY locales ./locales
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
# /healthz answers in both polling and webhook mode.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Operators: `docker exec <container> npm run admin -- --help`, `npm run backup -- /data/backup.db`.
CMD ["node", "dist/src/main.js"]
