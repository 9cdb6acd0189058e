// The MQTT section of BENCHMARKS.md is written by bench/mqtt.mjs; see sections.mjs for how the sections of
// the other benches survive bench/run.mjs rewriting the file.
import { replaceSection, section } from './sections.mjs';

export const MQTT_SECTION_START = '<!-- mqtt-bench:start -->';
export const MQTT_SECTION_END = '<!-- mqtt-bench:end -->';

/** The section (markers included) in a BENCHMARKS.md text, or '' when it has none. */
export const mqttSection = (text) => section(text, 'mqtt');

/** Puts `content` in place of the old one, or at the end. */
export const replaceMqttSection = (text, content) => replaceSection(text, 'mqtt', content);
