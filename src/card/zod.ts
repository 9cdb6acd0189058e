import { en } from 'zod/locales';
import { z } from 'zod/mini';

/**
 * zod/mini (tree-shakable: the card bundle stays small) with zod's English messages, which the mini
 * build leaves out by default; without them every problem reads "Invalid input".
 */
z.config(en());

export { z };
