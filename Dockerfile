# Jigsaw's container image: Node 20, production dependencies only, run as the unprivileged "node" user.
# Build: docker build -t jigsaw .   Run (PostgreSQL): docker run -p 3000:3000 -e DATABASE_URL=... -e JIGSAW_AUDIT_KEY=... jigsaw
# The embedded database lives in /data: mount a volume there (-v jigsaw-data:/data) and keep its audit key
# (/data.audit-key is beside it, so prefer JIGSAW_AUDIT_KEY or JIGSAW_AUDIT_KEY_FILE from a secret).

FROM node:20-slim AS deps
WORKDIR /app
# argon2 ships prebuilt binaries for linux-x64/arm64 glibc, so no compiler is needed.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    JIGSAW_DATA_DIR=/data/jigsaw \
    JIGSAW_AUDIT_KEY_FILE=
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json ./
COPY bin ./bin
COPY scripts ./scripts
COPY src ./src
COPY public ./public
COPY docs ./docs
# The server runs from one bundled JavaScript file (scripts/build.mjs), built now, as root: the running user cannot
# rewrite it. The data folder belongs to the unprivileged user; the application files do not.
RUN node scripts/build.mjs && mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "bin/jigsaw.js", "serve"]
