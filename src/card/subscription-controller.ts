import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LiveUpdate, PrivacyDataSource } from './data/data-source.js';

/**
 * The live subscription's lifecycle: subscribed while the host is in the document, unsubscribed when it
 * leaves, and moved over when the host gets another data source (a new `hass.connection`).
 */
export class SubscriptionController implements ReactiveController {
  private readonly onUpdate: (update: LiveUpdate) => void;
  private readonly onError: (error: unknown) => void;
  private source: PrivacyDataSource | undefined;
  private unsubscribe: (() => void) | undefined;
  private attached = false;
  /** true from subscribe until stop, also while the subscription is still being set up. */
  private active = false;
  /** Bumped on every stop, so a subscription that resolves late is closed instead of leaking. */
  private generation = 0;

  constructor(host: ReactiveControllerHost, onUpdate: (update: LiveUpdate) => void, onError: (error: unknown) => void) {
    this.onUpdate = onUpdate;
    this.onError = onError;
    host.addController(this);
  }

  get subscribed(): boolean {
    return this.unsubscribe !== undefined;
  }

  setSource(source: PrivacyDataSource | undefined): void {
    if (source === this.source) return;
    this.stop();
    this.source = source;
    if (this.attached) this.start();
  }

  hostConnected(): void {
    this.attached = true;
    this.start();
  }

  hostDisconnected(): void {
    this.attached = false;
    this.stop();
  }

  private start(): void {
    const source = this.source;
    if (source === undefined || this.active) return;
    this.active = true;
    const generation = this.generation;
    source
      .subscribe((update) => {
        if (generation === this.generation) this.onUpdate(update);
      })
      .then(
        (unsubscribe) => {
          if (generation === this.generation) this.unsubscribe = unsubscribe;
          else unsubscribe();
        },
        (error: unknown) => {
          if (generation === this.generation) this.onError(error);
        },
      );
  }

  private stop(): void {
    this.generation += 1;
    this.active = false;
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = undefined;
    unsubscribe?.();
  }
}
