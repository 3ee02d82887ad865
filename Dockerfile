# syntax=docker/dockerfile:1
# PerfScope's images for docker-compose.yaml, built from this checkout:
#   target grafana   the official Grafana OSS image with PerfScope (frontend and Go backend built here) installed
#   target workload  the demo workload (demo/workload) that exports the metrics of docs/metrics.md
# The Grafana version is pinned; try another with `GRAFANA_VERSION=13.2.3 docker compose up --build`.
ARG GRAFANA_VERSION=12.4.10

FROM --platform=$BUILDPLATFORM node:20-bookworm-slim AS deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .

# The app, the datasource's frontend and the panels, into dist/.
FROM deps AS frontend
RUN npm run build

# The backend datasource, cross-compiled for the platform the image is built for.
FROM --platform=$BUILDPLATFORM golang:1.26-bookworm AS backend
ARG TARGETOS=linux
ARG TARGETARCH=amd64
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY pkg ./pkg
RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH \
    go build -trimpath -ldflags '-s -w' -o /out/gpx_perfscope_${TARGETOS}_${TARGETARCH} ./pkg

# The demo workload in JavaScript, with prom-client and its dependencies at their locked versions.
FROM deps AS workload-build
RUN npx tsc -p tsconfig.demo.json \
 && mkdir -p build/demo/node_modules/@opentelemetry \
 && cp -r node_modules/prom-client node_modules/tdigest node_modules/bintrees build/demo/node_modules/ \
 && cp -r node_modules/@opentelemetry/api build/demo/node_modules/@opentelemetry/

FROM node:20-alpine AS workload
WORKDIR /app
COPY --from=workload-build /src/build/demo ./
ENV PERFSCOPE_DEMO_HOST=0.0.0.0 PERFSCOPE_DEMO_PORT=9464
USER node
EXPOSE 9464
HEALTHCHECK --interval=10s --timeout=3s CMD wget -qO- http://127.0.0.1:9464/healthz || exit 1
CMD ["node", "main.js"]

FROM grafana/grafana:${GRAFANA_VERSION} AS grafana
COPY --from=frontend /src/dist /var/lib/grafana/plugins/perfscope-health-app
COPY --from=backend /out/ /var/lib/grafana/plugins/perfscope-health-app/datasource/
# PerfScope is not signed yet; nobody gets in without logging in.
ENV GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS=perfscope-health-app,perfscope-health-datasource,perfscope-healthscore-panel,perfscope-domainoverhead-panel,perfscope-sla-panel \
    GF_AUTH_ANONYMOUS_ENABLED=false
