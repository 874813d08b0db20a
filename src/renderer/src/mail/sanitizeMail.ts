import DOMPurify from 'dompurify';

// HTML mail, made safe to show in <iframe sandbox srcdoc> (ARCHITECTURE.md, "HTML mail").
// Defence in depth: the allowlist below, then the frame's own CSP, then the sandbox without scripts.

export interface SanitizedMail {
  /** The body HTML, sanitized. */
  html: string;
  /** Remote images (and CSS urls) that were kept out. */
  blockedRemote: number;
}

const FORBID_TAGS = ['form', 'input', 'button', 'select', 'textarea', 'option', 'base', 'meta', 'link', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'script', 'noscript', 'title', 'video', 'audio', 'source', 'track', 'picture', 'portal', 'template', 'svg', 'math'];
const FORBID_ATTR = ['srcset', 'background', 'ping', 'formaction', 'action', 'poster', 'lowsrc', 'dynsrc', 'xlink:href', 'http-equiv', 'target'];
const SAFE_URI = /^(?:https?:|mailto:|cid:|data:image\/(?:png|gif|jpe?g|webp);base64,|#)/i;

const isLocalUrl = (url: string): boolean => /^(?:cid:|data:image\/)/i.test(url.trim());

/** Removes @import and every url() that is not cid:/data:, so CSS cannot reach the network. */
export function cleanCss(css: string): { css: string; blocked: number } {
  let blocked = 0;
  // CSS escapes can spell "url" in disguise; no legitimate mail needs them.
  let out = css.replace(/\\[0-9a-f]{1,6}\s?|\\./gi, '');
  out = out.replace(/@import[^;]*;?/gi, () => {
    blocked++;
    return '';
  });
  out = out.replace(/url\(\s*(['"]?)(.*?)\1\s*\)/gi, (whole, _q: string, target: string) => {
    if (isLocalUrl(target)) return whole;
    blocked++;
    return 'none';
  });
  out = out.replace(/(?:image-set|expression|-moz-binding)\s*\(/gi, () => {
    blocked++;
    return 'invalid(';
  });
  return { css: out, blocked };
}

/** Sanitizes a mail's HTML; remote images are dropped unless `allowRemoteImages` (then https: only). */
export function sanitizeMailHtml(dirty: string, allowRemoteImages: boolean): SanitizedMail {
  let blockedRemote = 0;
  const purify = DOMPurify();
  purify.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName === 'style' && node.textContent) {
      const cleaned = cleanCss(node.textContent);
      blockedRemote += cleaned.blocked;
      node.textContent = cleaned.css;
    }
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    const element = node as Element;
    if (element.hasAttribute('style')) {
      const cleaned = cleanCss(element.getAttribute('style') ?? '');
      blockedRemote += cleaned.blocked;
      element.setAttribute('style', cleaned.css);
    }
    if (element.tagName === 'IMG') {
      const src = element.getAttribute('src') ?? '';
      if (src && !isLocalUrl(src)) {
        const remoteAllowed = allowRemoteImages && /^https:/i.test(src.trim());
        if (!remoteAllowed) {
          blockedRemote++;
          element.removeAttribute('src');
          element.setAttribute('data-blocked-src', src);
        }
      }
    }
    if (element.tagName === 'A') {
      const href = element.getAttribute('href');
      // Links open nowhere from the sandbox (no allow-popups); the title shows where they lead.
      if (href) element.setAttribute('title', href);
      element.setAttribute('target', '_blank');
      element.setAttribute('rel', 'noopener noreferrer');
    }
  });
  const html = purify.sanitize(dirty, {
    USE_PROFILES: { html: true },
    FORBID_TAGS,
    FORBID_ATTR,
    ALLOWED_URI_REGEXP: SAFE_URI,
    ALLOW_DATA_ATTR: false,
    FORCE_BODY: true,
    WHOLE_DOCUMENT: false,
    RETURN_TRUSTED_TYPE: false,
  });
  return { html, blockedRemote };
}

/** The frame's CSP: nothing but inline styles and cid:/data: images (plus https: images once allowed). */
export function mailFrameCsp(allowRemoteImages: boolean): string {
  return `default-src 'none'; img-src data: cid:${allowRemoteImages ? ' https:' : ''}; style-src 'unsafe-inline'; font-src data:; form-action 'none'; base-uri 'none'`;
}

const escapeAttribute = (text: string): string => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The whole srcdoc document: CSP first, then the sanitized body. */
export function mailSrcdoc(dirty: string, allowRemoteImages: boolean, lang: string): SanitizedMail & { srcdoc: string } {
  const sanitized = sanitizeMailHtml(dirty, allowRemoteImages);
  const srcdoc = `<!doctype html><html lang="${escapeAttribute(lang)}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${escapeAttribute(mailFrameCsp(allowRemoteImages))}"><meta name="referrer" content="no-referrer"><style>body{font-family:system-ui,sans-serif;margin:8px;overflow-wrap:anywhere}img{max-width:100%;height:auto}</style></head><body>${sanitized.html}</body></html>`;
  return { ...sanitized, srcdoc };
}
