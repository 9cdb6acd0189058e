/**
 * The one logging port the shell's parts share. Messages never carry raw field values
 * (only paths, codes and counts), so a log can be shared when asking for help.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Lines on stderr, so `privacy-gateway start` keeps stdout for the addresses it prints. */
export const consoleLogger: Logger = {
  info: (message) => console.error(`[info] ${message}`),
  warn: (message) => console.error(`[warn] ${message}`),
  error: (message) => console.error(`[error] ${message}`),
};

export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
