// The MQTT section of BENCHMARKS.md is written by bench/mqtt.mjs; bench/run.mjs rewrites the rest of the
// file and carries this section over, so one command never erases the other's figures.
export const MQTT_SECTION_START = '<!-- mqtt-bench:start -->';
export const MQTT_SECTION_END = '<!-- mqtt-bench:end -->';

/** The section (markers included) in a BENCHMARKS.md text, or '' when it has none. */
export function mqttSection(text) {
  const start = text.indexOf(MQTT_SECTION_START);
  const end = text.indexOf(MQTT_SECTION_END);
  return start === -1 || end < start ? '' : text.slice(start, end + MQTT_SECTION_END.length);
}

/** Puts `section` in place of the old one, or at the end. */
export function replaceMqttSection(text, section) {
  const old = mqttSection(text);
  if (old !== '') return text.replace(old, section);
  return `${text.replace(/\n*$/, '')}\n\n${section}\n`;
}
