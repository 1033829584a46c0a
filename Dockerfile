# Build stage: install everything, compile TypeScript.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

# Runtime stage: compiled code, production dependencies, migrations and static assets only.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/platform/db/migrations ./platform/db/migrations
COPY --from=build /app/webchat-widget/public ./webchat-widget/public
COPY --from=build /app/webchat-widget/demo ./webchat-widget/demo
COPY --from=build /app/knowledge/entries ./knowledge/entries
COPY --from=build /app/knowledge/synonyms.yaml ./knowledge/synonyms.yaml
COPY --from=build /app/knowledge/confidence-model.json ./knowledge/confidence-model.json
COPY --from=build /app/knowledge/not-covered.yaml ./knowledge/not-covered.yaml
COPY --from=build /app/knowledge/figures.yaml ./knowledge/figures.yaml
# The team's and development sets: the console measures each knowledge edit on them.
COPY --from=build /app/knowledge/eval ./knowledge/eval
COPY --from=build /app/intake-pipeline/classification/training-examples.yaml ./intake-pipeline/classification/training-examples.yaml
COPY --from=build /app/intake-pipeline/classification/independent-examples.yaml ./intake-pipeline/classification/independent-examples.yaml
COPY --from=build /app/intake-pipeline/classification/independent-examples-2.yaml ./intake-pipeline/classification/independent-examples-2.yaml
# Starter prepared answers for the live chat: `node dist/server/cli/main.js canned:import data/canned-responses.yaml`.
COPY --from=build /app/data/canned-responses.yaml ./data/canned-responses.yaml
# Knowledge edits from the console are written to knowledge/ (a volume in docker-compose.yml).
RUN mkdir -p var/files && chown -R node:node var knowledge
USER node
EXPOSE 3978
CMD ["node", "dist/server/main.js", "--role", "web"]
