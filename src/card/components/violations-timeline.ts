import { LitElement, css, html, svg } from 'lit';
import { property } from 'lit/decorators.js';
import type { Localize } from '../localize.js';
import type { TimelineRange } from '../model.js';
import { themeStyles } from './styles.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface TimelineBucket {
  readonly start: number;
  readonly count: number;
}

/** 24 hourly or 7 daily buckets ending at `now`, oldest first; events outside the range are ignored. */
export function bucketize(times: readonly number[], range: TimelineRange, now: number): TimelineBucket[] {
  const size = range === '24h' ? HOUR : DAY;
  const slots = range === '24h' ? 24 : 7;
  const end = range === '24h' ? Math.floor(now / HOUR) * HOUR + HOUR : startOfNextDay(now);
  const buckets = Array.from({ length: slots }, (_, index) => ({ start: end - (slots - index) * size, count: 0 }));
  for (const time of times) {
    const index = Math.floor((time - (end - slots * size)) / size);
    const bucket = buckets[index];
    if (bucket !== undefined) bucket.count += 1;
  }
  return buckets;
}

function startOfNextDay(now: number): number {
  const day = new Date(now);
  day.setHours(24, 0, 0, 0);
  return day.getTime();
}

/** A bar per hour or day; the SVG is decorative for screen readers, which get the summary and titles. */
export class ViolationsTimeline extends LitElement {
  @property({ attribute: false }) times: readonly number[] = [];
  @property() range: TimelineRange = '24h';
  @property({ attribute: false }) now: number | undefined;
  @property({ attribute: false }) localize: Localize = (key) => key;
  @property() language: string | undefined;

  static override styles = [
    themeStyles,
    css`
      svg {
        width: 100%;
        height: 64px;
        display: block;
      }
      rect.bar {
        fill: var(--pg-error);
      }
      rect.empty {
        fill: var(--pg-divider);
      }
      .range {
        display: flex;
        gap: 6px;
        align-items: center;
        flex-wrap: wrap;
      }
    `,
  ];

  override render() {
    const buckets = bucketize(this.times, this.range, this.now ?? Date.now());
    const total = buckets.reduce((sum, bucket) => sum + bucket.count, 0);
    const max = Math.max(1, ...buckets.map((bucket) => bucket.count));
    const width = 100 / buckets.length;
    const rangeLabel = this.localize(`device.range_${this.range}`);
    return html`
      <div class="range" role="group" aria-label=${this.localize('device.timeline')}>
        ${(['24h', '7d'] as const).map(
          (range) => html`<button
            type="button"
            aria-pressed=${range === this.range ? 'true' : 'false'}
            @click=${() => this.select(range)}
          >
            ${this.localize(`device.range_${range}`)}
          </button>`,
        )}
        <span class="secondary" data-testid="timeline-summary">
          ${this.localize('device.timeline_summary', { count: total, range: rangeLabel })}
        </span>
      </div>
      <svg viewBox="0 0 100 40" preserveAspectRatio="none" aria-hidden="true">
        ${buckets.map((bucket, index) => {
          const height = bucket.count === 0 ? 1 : Math.max(3, (bucket.count / max) * 38);
          return svg`<rect class=${bucket.count === 0 ? 'empty' : 'bar'} x=${index * width + width * 0.1} y=${40 - height}
            width=${width * 0.8} height=${height}><title>${this.localize('device.bar', {
              label: this.bucketLabel(bucket.start),
              count: bucket.count,
            })}</title></rect>`;
        })}
      </svg>
    `;
  }

  private bucketLabel(start: number): string {
    const date = new Date(start);
    return this.range === '24h'
      ? date.toLocaleTimeString(this.language, { hour: '2-digit', minute: '2-digit' })
      : date.toLocaleDateString(this.language, { weekday: 'short', day: 'numeric' });
  }

  private select(range: TimelineRange): void {
    this.dispatchEvent(new CustomEvent('range-changed', { detail: { range }, bubbles: true, composed: true }));
  }
}

if (!customElements.get('pg-violations-timeline')) customElements.define('pg-violations-timeline', ViolationsTimeline);

declare global {
  interface HTMLElementTagNameMap {
    'pg-violations-timeline': ViolationsTimeline;
  }
}
