/** The kinds of personal data the gateway recognises and names. */
export const DATA_CATEGORIES = [
  'location',
  'network',
  'device',
  'personal',
  'credentials',
  'health',
  'media',
  'behaviour',
  'third_party',
] as const;

export type DataCategory = (typeof DATA_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<DataCategory, string> = {
  location: 'Location',
  network: 'Network identifiers',
  device: 'Device identifiers',
  personal: 'Personal identifiers',
  credentials: 'Credentials',
  health: 'Health',
  media: 'Media',
  behaviour: 'Behaviour',
  third_party: 'Third parties',
};
