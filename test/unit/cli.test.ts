import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli';

const demo = (path: string): string => join(process.cwd(), 'resources', 'demo', 'mail', path);

describe('cli', () => {
  it('classify: a payment problem written to the technical address belongs to the consumer service', async () => {
    const { code, out } = await runCli(['classify', demo('technical/010-charged-twice.eml')]);
    expect(code).toBe(0);
    const result = JSON.parse(out) as { service: string; confidence: number; evidence: Array<{ word: string }> };
    expect(result.service).toBe('consumer');
    expect(result.confidence).toBeGreaterThan(0.75);
    expect(result.evidence.map((e) => e.word)).toContain('payment');
  });

  it('fields: the form card of a technical form mail', async () => {
    const { code, out } = await runCli(['fields', demo('technical/001-crash-directx-lancement.eml')]);
    expect(code).toBe(0);
    const result = JSON.parse(out) as { form: string; fields: Record<string, string>; serial: string; lang: string };
    expect(result).toMatchObject({ form: 'technical', serial: 'ST-4F7K-29QD-8M3X', lang: 'fr' });
    expect(result.fields.productVersion).toBe('1.2.3');
    expect(result.fields.lastName).toBe('Marchand');
  });

  it('says how to use it, and fails clearly on a missing file', async () => {
    expect(await runCli(['frobnicate'])).toEqual({ code: 2, out: 'usage: npm run --silent cli -- classify <file.eml> | fields <file.eml>' });
    await expect(runCli(['fields', '/no/such/file.eml'])).rejects.toThrow('cannot read /no/such/file.eml: ENOENT');
  });
});
