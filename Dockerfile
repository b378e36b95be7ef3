# syntax=docker/dockerfile:1
# The WorkWell engine: one image for `migrate`, `api` and `projector` (see docs/operations.md).
# Secrets come from the environment at run time; nothing secret is baked in.
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
# Install scripts are skipped: the Node binary the devDependency `node` would fetch is not needed in an
# image that has Node, and `prepare` would build before the sources are here.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY scripts ./scripts
COPY tsconfig.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    SCARF_ANALYTICS=false \
    PORT=3000 \
    WORKWELL_DATA_DIR=/var/lib/workwell
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only; no install scripts (the embedded PostgreSQL is never used with DATABASE_URL).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
    && npm cache clean --force \
    && mkdir -p /var/lib/workwell \
    && chown node:node /var/lib/workwell
COPY bin ./bin
COPY --from=build /src/dist ./dist
USER node
EXPOSE 3000
# The API's liveness on PORT; the projector's container sets HEALTH_PORT to its PROJECTOR_HEALTH_PORT.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.HEALTH_PORT || process.env.PORT}/health/live`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "bin/workwell.js"]
CMD ["api"]
