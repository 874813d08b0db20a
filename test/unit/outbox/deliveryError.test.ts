import { describe, expect, it } from 'vitest';
import { certainlyNotAccepted, classifyDeliveryError, isPermanentSmtpCode } from '../../../src/main/core/outbox/deliveryError';

const smtpError = (responseCode: number, response: string, code = 'EENVELOPE') => Object.assign(new Error('Message failed'), { responseCode, response, code });

describe('classifyDeliveryError', () => {
  it.each([
    { name: '550 unknown user', error: smtpError(550, '550 5.1.1 <x@y>: Recipient address rejected'), permanent: true, message: '550 5.1.1 <x@y>: Recipient address rejected' },
    { name: '554 rejected', error: smtpError(554, '554 5.7.1 Relay access denied'), permanent: true, message: '554 5.7.1 Relay access denied' },
    { name: '503 bad sequence is transient', error: smtpError(503, '503 5.5.1 Error: need RCPT command'), permanent: false, message: '503 5.5.1 Error: need RCPT command' },
    { name: '451 greylisted', error: smtpError(451, '451 4.7.1 Greylisted'), permanent: false, message: '451 4.7.1 Greylisted' },
    { name: '421 shutting down', error: smtpError(421, '421 4.3.2 Service shutting down'), permanent: false, message: '421 4.3.2 Service shutting down' },
    { name: 'SMTP auth 535', error: smtpError(535, '535 5.7.8 Error: authentication failed', 'EAUTH'), permanent: true, message: '535 5.7.8 Error: authentication failed' },
    { name: 'IMAP auth failure', error: Object.assign(new Error('Command failed'), { authenticationFailed: true, responseText: 'Authentication failed.' }), permanent: true, message: 'Authentication failed.' },
    { name: 'connection refused', error: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ECONNECTION' }), permanent: false, message: 'connect ECONNREFUSED 127.0.0.1:25' },
    { name: 'timeout', error: Object.assign(new Error('Timeout'), { code: 'ETIMEDOUT' }), permanent: false, message: 'Timeout' },
    { name: 'imapflow no connection', error: Object.assign(new Error('Connection not available'), { code: 'NoConnection' }), permanent: false, message: 'Connection not available' },
    { name: 'a string', error: 'boom', permanent: false, message: 'boom' },
  ])('$name', ({ error, permanent, message }) => {
    expect(classifyDeliveryError(error)).toEqual({ permanent, message });
  });

  it('5xx except 503 is permanent', () => {
    expect([500, 550, 552, 554, 599].every(isPermanentSmtpCode)).toBe(true);
    expect([503, 421, 450, 451, 250].some(isPermanentSmtpCode)).toBe(false);
  });
});

describe('certainlyNotAccepted', () => {
  it.each([
    { name: 'a reply code', error: smtpError(451, '451 try later', 'EMESSAGE'), expected: true },
    { name: 'envelope refused', error: Object.assign(new Error('x'), { code: 'EENVELOPE' }), expected: true },
    { name: 'nobody listening', error: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2525'), { code: 'ECONNECTION' }), expected: true },
    { name: 'reset during DATA', error: Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION' }), expected: false },
    { name: 'timeout', error: Object.assign(new Error('Timeout'), { code: 'ETIMEDOUT' }), expected: false },
  ])('$name -> $expected', ({ error, expected }) => {
    expect(certainlyNotAccepted(error)).toBe(expected);
  });
});
