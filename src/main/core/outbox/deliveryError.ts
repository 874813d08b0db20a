// Retry or give up, decided from the server's reply code first (as emailengine's delivery-error):
// 5xx except 503 is permanent, 4xx and 503 are transient, so are network failures.

export interface DeliveryVerdict {
  permanent: boolean;
  /** The server's own response line when there is one, else the error message. */
  message: string;
}

interface ErrorLike {
  message?: unknown;
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  responseText?: unknown;
  authenticationFailed?: unknown;
  serverResponseCode?: unknown;
}

const TRANSIENT_CODES = new Set([
  'ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH',
  'EAI_AGAIN', 'ENOTFOUND', 'NoConnection', 'EConnectionClosed', 'ETIMEOUT', 'ClosedAfterConnectTLS', 'ClosedAfterConnectText',
]);

/** True for an SMTP reply code that must never be retried. */
export function isPermanentSmtpCode(code: number): boolean {
  return code >= 500 && code < 600 && code !== 503;
}

export function classifyDeliveryError(error: unknown): DeliveryVerdict {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorLike;
  const text = typeof e.message === 'string' ? e.message : String(error);
  const response = typeof e.response === 'string' ? e.response.trim() : null;
  if (typeof e.responseCode === 'number') {
    return { permanent: isPermanentSmtpCode(e.responseCode), message: response ?? text };
  }
  if (e.authenticationFailed === true || e.serverResponseCode === 'AUTHENTICATIONFAILED') {
    const detail = typeof e.responseText === 'string' ? e.responseText : text;
    return { permanent: true, message: detail };
  }
  if (e.code === 'EAUTH') return { permanent: true, message: response ?? text };
  if (typeof e.code === 'string' && TRANSIENT_CODES.has(e.code)) return { permanent: false, message: text };
  // Anything we cannot read is treated as passing: the backoff caps the cost of being wrong.
  return { permanent: false, message: text };
}

/**
 * True when the server certainly did not take the message: it answered with a reply code, refused
 * the envelope or the login, or nobody was listening. Anything else (a timeout or a reset during
 * DATA) leaves acceptance unknown, and the next attempt must look for the copy first.
 */
export function certainlyNotAccepted(error: unknown): boolean {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  if (typeof e.responseCode === 'number') return true;
  if (e.code === 'EAUTH' || e.code === 'EENVELOPE') return true;
  return typeof e.message === 'string' && /ECONNREFUSED/.test(e.message);
}
