import type { HassConnection, HassMessage } from '../../src/card/data/ha-data-source.js';
import type { HomeAssistant } from '../../src/card/ha-types.js';
import haDeviceReport from '../fixtures/card/ha-device-report.json' with { type: 'json' };
import haDevices from '../fixtures/card/ha-devices.json' with { type: 'json' };
import pageSummary from '../fixtures/card/page-summary.json' with { type: 'json' };

const FIXTURES = {
  'ha-devices.json': haDevices,
  'ha-device-report.json': haDeviceReport,
  'page-summary.json': pageSummary,
};

/** A fresh copy of a fixture (test/fixtures/card/), so a test may change it. */
export function fixture(name: keyof typeof FIXTURES): Record<string, unknown> {
  return structuredClone(FIXTURES[name]) as Record<string, unknown>;
}

type Answer = (message: HassMessage) => unknown;

interface Subscription {
  readonly message: HassMessage;
  readonly callback: (event: unknown) => void;
  closed: boolean;
}

/**
 * Stands in for home-assistant-js-websocket's Connection: records every frame the card sends and
 * answers like the integration (errors are `{code, message}` objects, as the library rejects with).
 * The real frontend and integration are exercised by the browser suite in test/e2e/ha.
 */
export class FakeConnection implements HassConnection {
  readonly sent: HassMessage[] = [];
  readonly subscriptions: Subscription[] = [];
  private readonly answers = new Map<string, Answer>();

  answer(type: string, answer: Answer): this {
    this.answers.set(type, answer);
    return this;
  }

  sendMessagePromise<Result>(message: HassMessage): Promise<Result> {
    this.sent.push(message);
    const answer = this.answers.get(message.type);
    if (answer === undefined) return Promise.reject({ code: 'unknown_command', message: `Unknown command ${message.type}` });
    try {
      return Promise.resolve(answer(message) as Result);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  subscribeMessage<Result>(callback: (result: Result) => void, message: HassMessage): Promise<() => Promise<void>> {
    const subscription: Subscription = { message, callback: (event) => callback(event as Result), closed: false };
    this.subscriptions.push(subscription);
    return Promise.resolve(async () => {
      subscription.closed = true;
    });
  }

  /** Sends a subscription event to every open subscription. */
  push(event: unknown): void {
    for (const subscription of this.subscriptions) if (!subscription.closed) subscription.callback(event);
  }

  get open(): number {
    return this.subscriptions.filter((subscription) => !subscription.closed).length;
  }

  sentOfType(type: string): HassMessage[] {
    return this.sent.filter((message) => message.type === type);
  }
}

export function fakeHass(connection: FakeConnection, overrides: Partial<HomeAssistant> = {}): HomeAssistant {
  return {
    connection,
    connected: true,
    user: { id: 'owner', is_admin: true, name: 'Owner' },
    language: 'en',
    locale: { language: 'en' },
    themes: { darkMode: false },
    states: {},
    ...overrides,
  };
}

/** Every element matching `selector`, looking through open shadow roots too. */
export function deepQueryAll(root: Element | ShadowRoot | Document, selector: string): Element[] {
  const found: Element[] = [...root.querySelectorAll(selector)];
  if (root instanceof Element && root.shadowRoot) found.push(...deepQueryAll(root.shadowRoot, selector));
  for (const element of root.querySelectorAll('*')) {
    if (element.shadowRoot) found.push(...deepQueryAll(element.shadowRoot, selector));
  }
  return found;
}

export function deepQuery(root: Element | ShadowRoot | Document, selector: string): Element | undefined {
  return deepQueryAll(root, selector)[0];
}

/** The visible text of an element and everything in its shadow roots. */
export function deepText(root: Element | ShadowRoot): string {
  let text = '';
  for (const node of root.childNodes) {
    if (node.nodeType === 3) text += node.textContent ?? '';
    else if (node instanceof Element) {
      text += node.shadowRoot ? deepText(node.shadowRoot) : '';
      text += deepText(node);
    }
  }
  return text.replace(/\s+/g, ' ');
}
