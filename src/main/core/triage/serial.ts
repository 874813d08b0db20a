import { type FormFieldKey } from './formLabels';
import { stripQuotedHistory } from './quotedHistory';

// Rule P6: the boxed product's serial number.
//
// Format (printed on the box insert): "ST-" then three groups of four characters from A-Z and
// 0-9, e.g. ST-7K2P-4QX9-M3TA, with at least one digit among the twelve. Customers type it in
// lowercase, with spaces, dots, underscores, slashes or en dashes instead of hyphens, with no
// separator at all, or without the "ST" prefix; every such variant normalises to the canonical
// form. Without the prefix a serial is only accepted where it is labelled as one (the form's
// serial field, the registry's serial column), so that a phone or order number in free text
// is never mistaken for a serial.

export const SERIAL_FORMAT = 'ST-XXXX-XXXX-XXXX';
export const CANONICAL_SERIAL = /^ST-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/;

const SEPARATOR = '(?:[ \\t\\u00a0]*[-_./\\u2010\\u2011\\u2013\\u2014][ \\t\\u00a0]*|[ \\t\\u00a0]+)?';
const GROUP = '([A-Z0-9]{4})';
const BEFORE = '(?<![A-Z0-9]|[A-Z0-9][-_./])';
const AFTER = '(?![A-Z0-9]|[-_./][A-Z0-9])';
const GROUPS = `${GROUP}${SEPARATOR}${GROUP}${SEPARATOR}${GROUP}`;
const PREFIXED = new RegExp(`${BEFORE}ST${SEPARATOR}${GROUPS}${AFTER}`, 'gi');
const BARE = new RegExp(`${BEFORE}${GROUPS}${AFTER}`, 'gi');

function canonical(groups: readonly (string | undefined)[]): string | null {
  const body = groups.join('').toUpperCase();
  if (body.length !== 12 || !/[0-9]/.test(body)) return null;
  return `ST-${body.slice(0, 4)}-${body.slice(4, 8)}-${body.slice(8, 12)}`;
}

function firstSerialIn(text: string, pattern: RegExp): string | null {
  for (const match of text.matchAll(pattern)) {
    const serial = canonical([match[1], match[2], match[3]]);
    if (serial !== null) return serial;
  }
  return null;
}

/**
 * The canonical form of a string that is a serial and nothing else, or null.
 * `labelled`: the string comes from a place labelled "serial", so the prefix may be missing.
 */
export function normaliseSerial(raw: string, options: { labelled?: boolean } = {}): string | null {
  const trimmed = raw.trim();
  const whole = (pattern: RegExp): string | null => {
    const exact = new RegExp(`^(?:${pattern.source})$`, 'i');
    const match = exact.exec(trimmed);
    return match === null ? null : canonical([match[1], match[2], match[3]]);
  };
  return whole(PREFIXED) ?? (options.labelled === true ? whole(BARE) : null);
}

/**
 * The serial a mail carries, normalised: from the serial field first (prefix optional there),
 * else the first prefixed serial anywhere in the customer's own text. Null when there is none.
 */
export function findSerial(text: string, fields: Partial<Record<FormFieldKey, string>>): string | null {
  const labelled = fields.serial;
  if (labelled !== undefined) {
    const fromField = firstSerialIn(labelled, PREFIXED) ?? firstSerialIn(labelled, BARE);
    if (fromField !== null) return fromField;
  }
  return firstSerialIn(stripQuotedHistory(text), PREFIXED);
}
