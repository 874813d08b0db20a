import { ResentHeader } from '../../../shared/keywords';

// A transfer keeps the customer's bytes: Resent-* headers go on top, nothing below them changes.

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** RFC 5322 date-time in UTC: `Sun, 22 Nov 2026 09:05:00 +0000`. */
export function rfc5322Date(date: Date): string {
  return `${DAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}

/** The line ending the message already uses, so the block does not mix styles. */
export function lineEndingOf(raw: Buffer): '\r\n' | '\n' {
  const firstLf = raw.indexOf(0x0a);
  return firstLf > 0 && raw[firstLf - 1] === 0x0d ? '\r\n' : firstLf === -1 ? '\r\n' : '\n';
}

export interface ResentFields {
  from: string;
  to: string;
  date: Date;
  messageId: string;
}

function headerSafe(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

export function resentBlock(fields: ResentFields, eol: string): string {
  return [
    `${ResentHeader.from}: ${headerSafe(fields.from)}`,
    `${ResentHeader.to}: ${headerSafe(fields.to)}`,
    `${ResentHeader.date}: ${rfc5322Date(fields.date)}`,
    `${ResentHeader.messageId}: ${headerSafe(fields.messageId)}`,
  ].join(eol) + eol;
}

/** The block, then the original bytes unchanged. */
export function prependResent(raw: Buffer, block: string): Buffer {
  return Buffer.concat([Buffer.from(block, 'utf8'), raw]);
}
