import { mkdtemp, open, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BodyCache, bodyPackDir } from '../../../src/main/core/store/bodyCache';
import { BodyPack } from '../../../src/main/core/store/bodyPack';
import { INDEX_FILE, packFileName } from '../../../src/main/core/store/bodyPackIndex';
import { RECORD_HEADER_BYTES } from '../../../src/main/core/store/bodyPackRecord';

// The body pack is a cache: after any crash it may forget bodies, never serve a damaged one.

let dir: string;
beforeEach(async () => { dir = await mkdtemp(path.join(tmpdir(), 'gx-pack-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

const body = (n: number, bytes = 2000): Buffer => Buffer.from(`Subject: m${n}\r\n\r\n${String(n % 10).repeat(bytes)}`);
const packFile = (n = 1) => path.join(dir, packFileName(n));

async function filled(count: number, options = {}): Promise<BodyPack> {
  const pack = await BodyPack.open(dir, options);
  await Promise.all(Array.from({ length: count }, (_, i) => pack.append(`<m${i}@x>`, body(i))));
  return pack;
}

/** Flips one byte in place, as a bad sector or a half-written page would. */
async function corruptByte(file: string, position: number): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    const byte = Buffer.alloc(1);
    await handle.read(byte, 0, 1, position);
    byte[0] = (byte[0] as number) ^ 0xff;
    await handle.write(byte, 0, 1, position);
  } finally {
    await handle.close();
  }
}

describe('BodyPack', () => {
  it('reads back what it appended, before and after a reopen, with or without a checkpoint', async () => {
    const pack = await filled(50);
    expect(pack.count).toBe(50);
    expect(await pack.read('<m7@x>')).toEqual(body(7));
    expect(await pack.read('<absent@x>')).toBeNull();
    // No checkpoint yet: the reopen scans the pack.
    const scanned = await BodyPack.open(dir);
    expect(scanned.count).toBe(50);
    expect(await scanned.read('<m49@x>')).toEqual(body(49));
    await pack.flush();
    expect((await readdir(dir)).sort()).toEqual([INDEX_FILE, packFileName(1)].sort());
    const indexed = await BodyPack.open(dir);
    expect(indexed.count).toBe(50);
    expect(await indexed.read('<m0@x>')).toEqual(body(0));
  });

  it('asks for the id string already in memory for every id it reads from disk, checkpoint and scan alike', async () => {
    const pack = await filled(30);
    await pack.flush(); // the 30 in the checkpoint
    await Promise.all([30, 31].map((i) => pack.append(`<m${i}@x>`, body(i)))); // 2 only in the pack, past it
    const asked: string[] = [];
    const reopened = await BodyPack.open(dir, { sameId: (id) => (asked.push(id), id) });
    expect(asked.sort()).toEqual(Array.from({ length: 32 }, (_, i) => `<m${i}@x>`).sort());
    expect(reopened.count).toBe(32);
    expect(await reopened.read('<m31@x>')).toEqual(body(31));
  });

  it('after a crash mid-append forgets the torn body, keeps the whole ones, and appends after them', async () => {
    const pack = await filled(10);
    await pack.flush();
    await Promise.all([10, 11, 12].map((i) => pack.append(`<m${i}@x>`, body(i))));
    const size = (await stat(packFile())).size;
    await truncate(packFile(), size - 700); // the last record lost its end
    const after = await BodyPack.open(dir);
    expect(after.has('<m11@x>')).toBe(true);
    expect(after.has('<m12@x>')).toBe(false);
    expect(await after.read('<m12@x>')).toBeNull();
    await after.append('<m13@x>', body(13));
    const again = await BodyPack.open(dir);
    expect(await again.read('<m11@x>')).toEqual(body(11));
    expect(await again.read('<m13@x>')).toEqual(body(13));
    expect(again.count).toBe(13);
  });

  it('treats zeros after the last record (size kept, data lost) as a torn tail', async () => {
    await filled(5);
    const before = (await stat(packFile())).size;
    const handle = await open(packFile(), 'a');
    await handle.write(Buffer.alloc(4096));
    await handle.close();
    const after = await BodyPack.open(dir);
    expect(after.count).toBe(5);
    expect((await stat(packFile())).size).toBe(before);
  });

  it('never serves a body whose bytes changed: it is forgotten, for sync to fetch again', async () => {
    const pack = await filled(3);
    await pack.flush();
    await corruptByte(packFile(), RECORD_HEADER_BYTES + '<m0@x>'.length + 30);
    const reopened = await BodyPack.open(dir); // from the checkpoint: nothing is read at open
    expect(reopened.has('<m0@x>')).toBe(true);
    expect(await reopened.read('<m0@x>')).toBeNull();
    expect(reopened.has('<m0@x>')).toBe(false);
    expect(await reopened.read('<m1@x>')).toEqual(body(1));
  });

  it('drops checkpointed entries whose bytes are gone from the pack', async () => {
    const pack = await filled(4);
    await pack.flush();
    await truncate(packFile(), 100);
    const after = await BodyPack.open(dir);
    expect(after.count).toBe(0);
    await after.append('<new@x>', body(9));
    expect(await (await BodyPack.open(dir)).read('<new@x>')).toEqual(body(9));
  });

  it('ignores a damaged checkpoint and rebuilds the index from the packs', async () => {
    const pack = await filled(8);
    await pack.flush();
    await writeFile(path.join(dir, INDEX_FILE), '{"version":1,"sizes":[[1,');
    const after = await BodyPack.open(dir);
    expect(after.count).toBe(8);
    expect(await after.read('<m3@x>')).toEqual(body(3));
  });

  it('a removed body stays removed after a reopen, checkpointed or not', async () => {
    const pack = await filled(3);
    await pack.remove(['<m1@x>']);
    expect(pack.has('<m1@x>')).toBe(false);
    expect((await BodyPack.open(dir)).has('<m1@x>')).toBe(false);
    await pack.append('<m1@x>', body(1));
    await pack.remove(['<m2@x>']);
    await pack.flush();
    const after = await BodyPack.open(dir);
    expect(await after.read('<m1@x>')).toEqual(body(1));
    expect(after.has('<m2@x>')).toBe(false);
  });

  it('rolls to a new pack past its size and compacts a pack that is mostly removed', async () => {
    const pack = await BodyPack.open(dir, { packMaxBytes: 16 * 1024 });
    for (let i = 0; i < 20; i++) await pack.append(`<m${i}@x>`, body(i));
    expect((await readdir(dir)).filter((f) => f.startsWith('pack-')).length).toBeGreaterThan(2);
    await pack.remove(Array.from({ length: 8 }, (_, i) => `<m${i}@x>`));
    await pack.flush();
    expect(await readdir(dir)).not.toContain(packFileName(1));
    const after = await BodyPack.open(dir, { packMaxBytes: 16 * 1024 });
    expect(after.count).toBe(12);
    for (let i = 0; i < 20; i++) expect(await after.read(`<m${i}@x>`)).toEqual(i < 8 ? null : body(i));
  });
});

describe('BodyCache', () => {
  it('packs synced bodies, reads them back, writes one out as a file on demand, and forgets it', async () => {
    const cache = new BodyCache(dir);
    await cache.cacheBodies('tech', [{ messageId: 'a#1', raw: body(1) }, { messageId: 'b#2', raw: body(2) }]);
    expect(await cache.hasBody('tech', 'a#1')).toBe(true);
    expect(await cache.readBody('tech', 'b#2')).toEqual(body(2));
    expect(await readdir(bodyPackDir(dir, 'tech'))).toContain(packFileName(1));
    // A transfer needs a file: written out of the pack, durably, where getBodyPath says.
    const file = await cache.bodyFile('tech', 'a#1');
    expect(file).toBe(cache.getBodyPath('tech', 'a#1'));
    expect(await readFile(file as string)).toEqual(body(1));
    await cache.removeBody('tech', 'a#1');
    expect(await cache.hasBody('tech', 'a#1')).toBe(false);
    expect(await cache.readBody('tech', 'a#1')).toBeNull();
    expect(await cache.bodyFile('tech', 'a#1')).toBeNull();
    // A new cache on the same folder (the app restarted) finds the packed body.
    expect(await new BodyCache(dir).readBody('tech', 'b#2')).toEqual(body(2));
  });

  it('still reads bodies stored as .eml files', async () => {
    const cache = new BodyCache(dir);
    await cache.putBody('tech', 'old#1', body(5));
    expect(await cache.hasBody('tech', 'old#1')).toBe(true);
    expect(await cache.readBody('tech', 'old#1')).toEqual(body(5));
  });
});
