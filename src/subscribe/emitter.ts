/**
 * A small typed event emitter. Unlike `node:events`, an `'error'` without listeners does not
 * throw, and a listener that throws cannot break the consumer.
 * @internal @module
 */
type Listener = (...args: unknown[]) => void;

export class Emitter<Events extends { [Name in keyof Events]: unknown[] }> {
  private readonly listeners = new Map<keyof Events, Set<Listener>>();

  on<Name extends keyof Events>(name: Name, listener: (...args: Events[Name]) => void): this {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as unknown as Listener);
    return this;
  }

  off<Name extends keyof Events>(name: Name, listener: (...args: Events[Name]) => void): this {
    this.listeners.get(name)?.delete(listener as unknown as Listener);
    return this;
  }

  /** Calls every listener; returns whether there was any. */
  protected emit<Name extends keyof Events>(name: Name, ...args: Events[Name]): boolean {
    const set = this.listeners.get(name);
    if (!set || set.size === 0) return false;
    for (const listener of set) {
      try {
        listener(...(args as unknown[]));
      } catch (error) {
        this.listenerThrew(String(name), error);
      }
    }
    return true;
  }

  /** A listener threw: by default printed on the console; subclasses log it their way. */
  protected listenerThrew(name: string, error: unknown): void {
    console.error(`[s3-event-kit] a '${name}' listener threw:`, error);
  }

  protected has(name: keyof Events): boolean {
    return (this.listeners.get(name)?.size ?? 0) > 0;
  }
}
