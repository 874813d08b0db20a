import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseHostArgs } from '../../../src/main/host/cliArgs';

describe('host options', () => {
  const env = { XDG_CONFIG_HOME: '/home/ana/.config' };
  it.each([
    [[], { dataDir: '/home/ana/.config/Guichet', port: 0, open: true }],
    [['--no-open'], { dataDir: '/home/ana/.config/Guichet', port: 0, open: false }],
    [['--port', '8123', '--data-dir', '/tmp/g'], { dataDir: '/tmp/g', port: 8123, open: true }],
    [['--port=9000', '--data-dir=/srv/g'], { dataDir: '/srv/g', port: 9000, open: true }],
  ])('parses %j', (argv, expected) => {
    expect(parseHostArgs(argv, env)).toEqual(expected);
  });

  it.each([
    [['--port', 'eighty'], '--port must be a whole number from 0 to 65535, not "eighty".'],
    [['--port', '70000'], '--port must be a whole number from 0 to 65535, not "70000".'],
    [['--data-dir'], '--data-dir needs a value.'],
    [['--verbose'], 'Unknown option "--verbose". Options: --data-dir DIR, --port N, --no-open.'],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseHostArgs(argv, env)).toThrow(message);
  });

  it('uses the per-user app data folder of each OS', () => {
    expect(defaultDataDir({}, 'linux', '/home/ana')).toBe('/home/ana/.config/Guichet');
    expect(defaultDataDir({}, 'darwin', '/Users/ana')).toBe('/Users/ana/Library/Application Support/Guichet');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ana')).toContain('Guichet');
  });
});
