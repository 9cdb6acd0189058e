/**
 * Kinds of physical units, named as vendor-neutral catalogues name them, so that the id of one
 * (`bedId`, `accessoryId`, `receiverId`, `MonitorId`) is a device's (vocabulary.ts DEVICE_THING_WORDS):
 * the Matter device type library (door lock, window covering, pump, extractor hood, cooktop, microwave
 * oven, air conditioner, water heater, smoke/CO alarm, water leak detector, speaker, video player, casting
 * video player, basic video player, display), the Bluetooth SIG Appearance categories (watch, clock, display,
 * tag, keyring, thermometer, glucose meter, pulse oximeter, blood pressure monitor, insulin pump, hearing aid,
 * access control, motorized device, personal mobility device), and HomeKit's accessory. Left out because
 * they name other things in payloads: `battery` (a level), `alarm` (an event), `display` (a setting),
 * `player` (media), `tag` (a label), `clock` (a time).
 */
export const DEVICE_KINDS: readonly string[] = [
  'accessory', 'bed', 'receiver', 'monitor', 'collar', 'beacon', 'pump', 'hood', 'cooktop', 'microwave', 'kettle', 'boiler',
  'heatpump', 'detector', 'siren', 'blind', 'shade', 'curtain', 'opener', 'extender', 'repeater', 'bulb', 'socket',
  'thermometer', 'hygrometer', 'oximeter', 'glucometer', 'wearable', 'headset', 'earbud', 'earbuds', 'hearing aid', 'soundbar',
  'television', 'projector', 'console', 'wristband', 'pendant', 'fob', 'transmitter', 'transceiver', 'modem', 'nvr', 'dvr',
];
