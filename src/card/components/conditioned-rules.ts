import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { Localize } from '../localize.js';
import type { ConditionedRuleView } from '../model.js';
import { themeStyles } from './styles.js';

/** `42 s`, `5 min`, `3 h`, `2 d`: how long an entity has been in its state. */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} d`;
}

/**
 * Rules that follow the home: each conditioned rule, destination or mode with its condition, whether it
 * applies now, the state and its age, and whether that state is only the last known one.
 */
export class ConditionedRules extends LitElement {
  @property({ attribute: false }) rules: readonly ConditionedRuleView[] = [];
  @property({ attribute: false }) localize: Localize = (key) => key;
  @property({ attribute: false }) now: number | undefined;

  static override styles = [
    themeStyles,
    css`
      ul {
        margin: 0;
        padding-inline-start: 18px;
      }
      .applies {
        font-weight: 500;
      }
    `,
  ];

  override render() {
    if (this.rules.length === 0) return nothing;
    const l = this.localize;
    return html`<ul>
      ${this.rules.map(
        (rule) => html`<li data-testid="conditioned-rule">
          <code>${rule.guards === 'mode' ? l('conditions.mode', { mode: rule.subject }) : rule.subject}</code>
          ${l('conditions.while', { test: rule.test })} —
          <span class=${rule.applies ? 'applies' : 'secondary'}>${l(rule.applies ? 'conditions.applies' : 'conditions.not_now')}</span>
          <span class="secondary">(${this.describeState(rule)})</span>
        </li>`,
      )}
    </ul>`;
  }

  private describeState(rule: ConditionedRuleView): string {
    const l = this.localize;
    if (rule.assumed) return l(rule.state === undefined ? 'conditions.never_seen' : 'conditions.no_information', { state: rule.state ?? '' });
    const age = rule.since === undefined || this.now === undefined ? '' : ` ${l('conditions.for', { age: formatAge(this.now - rule.since) })}`;
    const stale = rule.stale === undefined ? '' : `, ${l(rule.stale === 'ha-away' ? 'conditions.ha_away' : 'conditions.gateway_away')}`;
    return `${l('conditions.state', { state: rule.state ?? '' })}${age}${stale}`;
  }
}

if (!customElements.get('pg-conditioned-rules')) customElements.define('pg-conditioned-rules', ConditionedRules);
