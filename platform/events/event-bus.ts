/** A listener of one event; the emitter waits for it. */
export type Listener<T> = (payload: T) => Promise<void> | void;

/** A listener failed; the emitter decides what that means (log it, retry later, fail the request). */
export class EventListenerError extends Error {
  constructor(
    readonly event: string,
    readonly failures: unknown[],
  ) {
    const first = failures[0] instanceof Error ? failures[0].message : String(failures[0]);
    super(`${failures.length} listener(s) of ${event} failed, first: ${first}`, { cause: failures[0] });
    this.name = 'EventListenerError';
  }
}

/**
 * Named, typed events between the parts of one process (the parts never call each other). A
 * listener that must survive a crash does its work through a queue or the database; `emit`
 * waits for every listener, so the emitter knows when its reaction is done or has failed.
 */
export class EventBus<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

  /** Subscribes; returns the function that unsubscribes. */
  on<E extends keyof Events>(event: E, listener: Listener<Events[E]>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => void set.delete(listener as Listener<never>);
  }

  /** Runs every listener of the event; rejects with an EventListenerError naming the failures. */
  async emit<E extends keyof Events>(event: E, payload: Events[E]): Promise<void> {
    const listeners = [...(this.listeners.get(event) ?? [])] as Array<Listener<Events[E]>>;
    const results = await Promise.allSettled(listeners.map(async (listener) => listener(payload)));
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    if (failures.length > 0) throw new EventListenerError(String(event), failures);
  }
}
