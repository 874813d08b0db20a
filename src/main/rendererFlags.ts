// V8 flags for the renderer that draws the desk, in Guichet's own windows: the Electron window,
// and the Chromium app window the loopback host opens. (A page opened in another browser runs
// with that browser's defaults.) bench/ui launches Chromium with the same switch.
//
// --optimize-for-size makes V8 collect sooner and keep smaller heaps; with Blink's heap tied to
// V8's, the garbage a long scroll leaves is collected as it goes. Measured at 50,000 messages
// right after scrolling a 18,000-card column: the page's renderer at 222 MB instead of 344 MB,
// with the same frame times (p95 33 ms per two-frame step) and no long task.

export const RENDERER_JS_FLAGS = '--optimize-for-size';

/** The Chromium command-line switch carrying them. */
export const RENDERER_JS_FLAGS_SWITCH = `--js-flags=${RENDERER_JS_FLAGS}`;
