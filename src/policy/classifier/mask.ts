import { DATA_CATEGORIES, type DataCategory } from '../categories.js';

/** Categories as bits, so that unions on the hot path are one `|` and results are shared frozen arrays. */
export const CATEGORY_BIT = Object.fromEntries(DATA_CATEGORIES.map((category, index) => [category, 1 << index])) as Record<
  DataCategory,
  number
>;

export const ALL_CATEGORIES_MASK = (1 << DATA_CATEGORIES.length) - 1;

export function categoriesToMask(categories: readonly DataCategory[]): number {
  let mask = 0;
  for (const category of categories) mask |= CATEGORY_BIT[category];
  return mask;
}

/** One frozen array per possible mask (512), in DATA_CATEGORIES order. */
const LISTS: readonly (readonly DataCategory[])[] = Array.from({ length: ALL_CATEGORIES_MASK + 1 }, (_, mask) =>
  Object.freeze(DATA_CATEGORIES.filter((_category, index) => (mask & (1 << index)) !== 0)),
);

export const NO_CATEGORIES: readonly DataCategory[] = LISTS[0] ?? Object.freeze([]);

export function maskToCategories(mask: number): readonly DataCategory[] {
  return LISTS[mask & ALL_CATEGORIES_MASK] ?? NO_CATEGORIES;
}
