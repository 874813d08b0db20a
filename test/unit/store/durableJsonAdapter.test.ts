import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ensureDirectory, writeFileDurable } from '../../../src/main/core/store/durableFile';
import { DurableJsonAdapter } from '../../../src/main/core/store/durableJsonAdapter';
import { makeTempDir } from './storeFixtures';

const Doc = z.object({ version: z.number(), items: z.array(z.string()) });
type Doc = z.infer<typeof Doc>;
const fixedNow = () => new Date('2026-11-22T10:15:00.123Z');

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

describe('DurableJsonAdapter', () => {
  it('round-trips data and reads an absent file as null', async () => {
    const adapter = new DurableJsonAdapter<Doc>(path.join(dir, 'doc.json'), { schema: Doc });
    expect(await adapter.read()).toBeNull();
    await adapter.write({ version: 1, items: ['a', 'b'] });
    expect(await adapter.read()).toEqual({ version: 1, items: ['a', 'b'] });
    expect(await readdir(dir)).toEqual(['doc.json']);
  });

  it('keeps the old content when a write fails part-way, and leaves no temp file', async () => {
    const file = path.join(dir, 'doc.json');
    const adapter = new DurableJsonAdapter<Doc>(file, {
      schema: Doc,
      serialize: (data) => {
        if (data.version === 1) return [JSON.stringify(data)];
        return (function* () {
          yield '{"version":2,"items":[';
          throw new Error('disk full');
        })();
      },
    });
    await adapter.write({ version: 1, items: ['old'] });
    await expect(adapter.write({ version: 2, items: ['new'] })).rejects.toThrow('disk full');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, items: ['old'] });
    expect(await readdir(dir)).toEqual(['doc.json']);
  });

  it('lets a concurrent reader see only the old or the new content, never a mix', async () => {
    const file = path.join(dir, 'doc.json');
    const big = (tag: string): Doc => ({ version: tag === 'old' ? 1 : 2, items: Array.from({ length: 20_000 }, () => tag) });
    await writeFileDurable(file, JSON.stringify(big('old')));
    const seen = new Set<string>();
    let writing = true;
    const writer = (async () => {
      for (let round = 0; round < 6; round += 1) await writeFileDurable(file, JSON.stringify(big(round % 2 === 0 ? 'new' : 'old')));
      writing = false;
    })();
    while (writing) {
      const doc = Doc.parse(JSON.parse(await readFile(file, 'utf8')));
      seen.add([...new Set(doc.items)].join('+'));
    }
    await writer;
    expect([...seen].every((variant) => variant === 'old' || variant === 'new')).toBe(true);
  });

  it('sets an unparsable file aside, reports it, and reads it as absent', async () => {
    const file = path.join(dir, 'doc.json');
    await writeFile(file, '{"version":1,"items":["trunc');
    const reports: string[] = [];
    const adapter = new DurableJsonAdapter<Doc>(file, {
      schema: Doc,
      now: fixedNow,
      onCorrupt: (corrupt, error) => reports.push(`${path.basename(corrupt)}: ${error.name}`),
    });
    expect(await adapter.read()).toBeNull();
    expect(reports).toEqual(['doc.json: SyntaxError']);
    expect(await readdir(dir)).toEqual(['doc.json.corrupt-2026-11-22T10-15-00-123Z']);
    expect(await readFile(path.join(dir, 'doc.json.corrupt-2026-11-22T10-15-00-123Z'), 'utf8')).toBe('{"version":1,"items":["trunc');
  });

  it('sets aside a file that parses but fails its schema', async () => {
    const file = path.join(dir, 'doc.json');
    await writeFile(file, '{"version":"one"}');
    const reports: string[] = [];
    const adapter = new DurableJsonAdapter<Doc>(file, { schema: Doc, now: fixedNow, onCorrupt: (f) => reports.push(path.basename(f)) });
    expect(await adapter.read()).toBeNull();
    expect(reports).toEqual(['doc.json']);
    expect(await readdir(dir)).toEqual(['doc.json.corrupt-2026-11-22T10-15-00-123Z']);
  });

  it('creates nested directories from racing calls, each there by the time its call resolves', async () => {
    const months = Array.from({ length: 16 }, (_, i) => path.join(dir, 'messages', 'tech', `2026-${String(1 + (i % 12)).padStart(2, '0')}`));
    await Promise.all(months.map(async (month) => {
      await ensureDirectory(month);
      await writeFileDurable(path.join(month, '00.json'), '{}');
    }));
    expect((await readdir(path.join(dir, 'messages', 'tech'))).length).toBe(12);
  });

  it('removes its own temp leftovers on read and leaves other files alone', async () => {
    const file = path.join(dir, 'doc.json');
    await writeFileDurable(file, '{"version":3,"items":[]}');
    await writeFile(path.join(dir, 'doc.json.tmp-999-deadbeef'), '{"version":4,"it');
    await writeFile(path.join(dir, 'other.json.tmp-999-deadbeef'), '{');
    await mkdir(path.join(dir, 'sub'));
    const adapter = new DurableJsonAdapter<Doc>(file, { schema: Doc });
    expect(await adapter.read()).toEqual({ version: 3, items: [] });
    expect((await readdir(dir)).sort()).toEqual(['doc.json', 'other.json.tmp-999-deadbeef', 'sub']);
  });
});
