import type { PrivacyAction } from '../model.js';
import type { PolicyEditMessage } from './ha-protocol.js';

/**
 * A card action as the integration's `privacy_gateway/policy/edit` frame. The standalone page's API
 * takes the same `{operation, data}` (src/policy-edits), so both sources send one shape.
 */
export function editMessage(action: PrivacyAction): PolicyEditMessage {
  const type = 'privacy_gateway/policy/edit';
  switch (action.kind) {
    case 'field_action':
      return { type, operation: 'set_field_action', data: { device_id: action.deviceId, field_path: action.fieldPath, action: action.action } };
    case 'category_action':
      return { type, operation: 'set_field_action', data: { device_id: action.deviceId, category: action.category, action: action.action } };
    case 'destination': {
      const data: Record<string, string> = { device_id: action.deviceId, host: action.host };
      if (action.vendor !== undefined) data.vendor = action.vendor;
      return { type, operation: action.access === 'allow' ? 'allow_destination' : 'block_destination', data };
    }
    case 'quarantine':
      return { type, operation: 'quarantine', data: { device_id: action.deviceId, quarantine: action.quarantine } };
    case 'lockdown':
      return {
        type,
        operation: 'lock_down',
        data: {
          device_id: action.deviceId,
          destinations: action.destinations.map((d) => ({ host: d.host, access: d.access, ...(d.vendor === undefined ? {} : { vendor: d.vendor }) })),
        },
      };
  }
}
