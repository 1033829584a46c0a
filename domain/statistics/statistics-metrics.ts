import { Gauge, type Registry } from 'prom-client';
import { isoDateIn, type Clock } from '../../platform/clock.js';
import type { ServiceFigures, ServiceStatistics } from './service-statistics.js';

/** One scrape reads the figures once, however many gauges ask (prom-client collects them concurrently). */
const SNAPSHOT_TTL_MS = 5_000;

/**
 * The console's statistics for today (in the insurer's time zone) as Prometheus gauges, for the
 * operators' own dashboards: `service_<figure>_today`, durations in seconds with a `quantile`
 * label, documents also by type and channel.
 */
export function registerStatisticsMetrics(registry: Registry, statistics: ServiceStatistics, clock: Clock, timeZone: string): void {
  let snapshot: { at: number; figures: Promise<ServiceFigures> } | undefined;
  const today = async () => {
    const now = clock().getTime();
    if (!snapshot || now - snapshot.at > SNAPSHOT_TTL_MS) {
      const day = isoDateIn(timeZone, new Date(now));
      snapshot = { at: now, figures: statistics.figures({ from: day, to: day, period: 'day' }) };
      // A failed read is not kept: the next scrape tries again.
      snapshot.figures.catch(() => (snapshot = undefined));
    }
    const figures = await snapshot.figures;
    return {
      conversations: figures.conversations[0]!,
      liveChat: figures.liveChat[0]!,
      callbacks: figures.callbacks[0]!,
      documents: figures.documents[0]!,
      documentTypes: figures.documentTypes,
    };
  };

  const gauge = (
    name: string,
    help: string,
    labelNames: string[],
    read: (figures: Awaited<ReturnType<typeof today>>) => Array<[Record<string, string>, number | null]>,
  ) =>
    new Gauge({
      name: `service_${name}_today`,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        this.reset();
        for (const [labels, value] of read(await today())) if (value !== null) this.set(labels, value);
      },
    });

  gauge('conversations', 'Conversations today in which the member wrote', [], (f) => [[{}, f.conversations.conversations]]);
  gauge('conversations_resolved_by_bot_ratio', 'Share of today’s conversations that needed no person', [], (f) => [
    [{}, f.conversations.resolvedByBotShare],
  ]);
  gauge('bot_outcomes', 'Questions today by what the member got: answer, action, suggest (Meinten Sie), fallback', ['outcome'], (f) => [
    [{ outcome: 'answer' }, f.conversations.answers],
    [{ outcome: 'action' }, f.conversations.actions],
    [{ outcome: 'suggest' }, f.conversations.suggestions],
    [{ outcome: 'fallback' }, f.conversations.fallbacks],
  ]);
  gauge('livechat_handoffs', 'Live chats asked for today', [], (f) => [[{}, f.liveChat.handoffs]]);
  gauge('livechat_wait_seconds', 'Waiting time until an agent took today’s chats', ['quantile'], (f) => [
    [{ quantile: '0.5' }, f.liveChat.waitP50Seconds],
    [{ quantile: '0.95' }, f.liveChat.waitP95Seconds],
  ]);
  gauge('livechat_length_seconds', 'Length of today’s chats from acceptance to end', ['quantile'], (f) => [
    [{ quantile: '0.5' }, f.liveChat.lengthP50Seconds],
    [{ quantile: '0.95' }, f.liveChat.lengthP95Seconds],
  ]);
  gauge('livechat_rating_average', 'Average satisfaction rating (1–5) of today’s chats', [], (f) => [[{}, f.liveChat.ratingAverage]]);
  gauge('callbacks', 'Callbacks asked for today, by state', ['state'], (f) => [
    [{ state: 'requested' }, f.callbacks.requested],
    [{ state: 'open' }, f.callbacks.open],
    [{ state: 'done' }, f.callbacks.done],
  ]);
  gauge('documents', 'Documents received today by type and channel', ['type', 'channel'], (f) =>
    f.documentTypes.map((row) => [{ type: row.documentType, channel: row.channel }, row.documents]),
  );
  gauge('documents_routed_automatically_ratio', 'Share of today’s documents routed without a clerk', [], (f) => [
    [{}, f.documents.automaticShare],
  ]);
  gauge('documents_review_seconds', 'Time from review request to a clerk’s decision, documents received today', ['quantile'], (f) => [
    [{ quantile: '0.5' }, f.documents.reviewP50Seconds],
    [{ quantile: '0.95' }, f.documents.reviewP95Seconds],
  ]);
  gauge('documents_quarantined', 'Documents received today and quarantined', [], (f) => [[{}, f.documents.quarantined]]);
}
