// One value that changes and the listeners told when it does: the shape React's
// useSyncExternalStore reads, shared by the feed, the fleet, the drill-down, the dialogs and growth.

/** What a view reads: the value now (the same object until the next set) and a way to hear of changes. */
export interface Store<T> {
  getState(): T;
  subscribe(listener: () => void): () => void;
}

export interface WritableStore<T> extends Store<T> {
  /**
   * Replaces the value and tells every listener, whether or not it changed. A listener that throws
   * ends the round and its error reaches the caller; the value is already the new one.
   */
  set(next: T): void;
}

export function createStore<T>(initial: T): WritableStore<T> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    set(next) {
      state = next;
      for (const listener of listeners) listener();
    },
  };
}

/** `listener` gets each value set from now on: for a store that stands for a stream of reports. */
export function eachValue<T>(store: Store<T | null>, listener: (value: T) => void): () => void {
  // Only a set calls listeners, and such a store is set only with a value.
  return store.subscribe(() => listener(store.getState() as T));
}
