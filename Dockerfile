# branch-ledger: multi-stage build. The Prisma client is generated and the TypeScript compiled in
# the build stage; the runtime stage installs production dependencies only and runs as non-root.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 may build from source (when its prebuilt binary cannot be downloaded).
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATABASE_URL=file:/data/ledger.db \
    PORT=8080
WORKDIR /app
# fonts-wqy-zenhei: Chinese text in the /stats chart.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-wqy-zenhei python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY scripts ./scripts
RUN npm ci --omit=dev --no-audit --no-fund \
 && apt-get purge -y python3 make g++ && apt-get autoremove -y \
 && npm cache clean --force
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
CMD ["node", "dist/src/main.js"]
