export interface AppRuntime {
  /** Node flags of the app's NODE_OPTIONS, e.g. --max-old-space-size=192. */
  readonly nodeFlags: readonly string[];
  /** Other environment the app sets for the process (MALLOC_ARENA_MAX). */
  readonly env: Readonly<Record<string, string>>;
  /** Both, as one line for reports. */
  readonly text: string;
}

export function appRuntime(): AppRuntime;
