import type { Localize } from '../localize.js';
import type { PrivacyAction } from '../model.js';

/** The confirmation sentence for an applied change ("redact for $.coords.lat"). */
export function describeChange(action: PrivacyAction, localize: Localize, deviceName: string | undefined): string {
  switch (action.kind) {
    case 'field_action':
      return localize('change.field', { action: localize(`action.${action.action}`), path: action.fieldPath });
    case 'category_action':
      return localize('change.category', { action: localize(`action.${action.action}`), category: localize(`category.${action.category}`) });
    case 'destination':
      return localize(`change.destination_${action.access}`, { host: action.host });
    case 'quarantine':
      return localize(action.quarantine ? 'change.quarantine' : 'change.release', { name: deviceName ?? action.deviceId });
    case 'lockdown':
      return localize('change.lockdown', {
        name: deviceName ?? action.deviceId,
        count: String(action.destinations.filter((d) => d.access === 'allow').length),
      });
  }
}
