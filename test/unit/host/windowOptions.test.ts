import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isExternalLink, isTrustedSender, secureWindowOptions } from '../../../src/main/windowOptions';

describe('Electron window options', () => {
  it('pins the secure defaults', () => {
    const options = secureWindowOptions('/app/out/preload/index.cjs');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('has a CSP without inline or remote scripts', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval|https?:)/);
  });

  it.each([
    ['https://example.com/x', true],
    ['http://example.com', true],
    ['mailto:a@b.c', true],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('sends %s to the OS: %s', (url, external) => {
    expect(isExternalLink(url)).toBe(external);
  });

  it.each([
    ['file:///app/out/renderer/index.html', 'file:///app/out/renderer/index.html', true],
    ['file:///tmp/evil.html', 'file:///app/out/renderer/index.html', false],
    ['http://localhost:5173/', 'http://localhost:5173/', true],
    ['http://evil.test/', 'http://localhost:5173/', false],
  ])('trusts sender %s for page %s: %s', (frame, page, trusted) => {
    expect(isTrustedSender(frame, page)).toBe(trusted);
  });
});
