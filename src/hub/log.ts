export type HubLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The hub's log lines carry hosts, ids and error codes only: never a token or a field value. */
export type HubLog = (level: HubLogLevel, message: string) => void;
