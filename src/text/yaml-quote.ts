// Values in the compose snippets of fix texts: a plain YAML scalar when it can only be read as
// that string, else a JSON string (a valid YAML double-quoted scalar) with no control character.
import { needsEscape, UNSAFE_ALL } from './displayable.js';

const PLAIN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
/** Plain scalars YAML 1.1 (which Compose's parser still honours) reads as booleans or null. */
const RESERVED = /^(y|n|yes|no|on|off|true|false|null)$/i;

/** `value` as a YAML scalar that reads back exactly and prints without an escape. */
export function yamlScalar(value: string): string {
  if (PLAIN.test(value) && !RESERVED.test(value)) return value;
  return yamlString(value);
}

/** `value` as a double-quoted YAML (and JSON) string. */
export function yamlString(value: string): string {
  const json = JSON.stringify(value);
  return needsEscape(json) ? json.replace(UNSAFE_ALL, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}
