/** A telemetry document (bench/lib/payloads.mjs) of at least `targetBytes` bytes of compact JSON. */
export function telemetryBody(targetBytes: number): Buffer;
