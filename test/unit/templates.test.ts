import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dueDateInWords, loadDefaultTemplates, renderTemplate, TEMPLATE_KEYS, withOverrides } from '../../src/main/core/templates/templates';

describe('reply templates', () => {
  it('fills variables and reports the unknown ones instead of dropping them', () => {
    const out = renderTemplate({ subject: 'Re: {{subject}} [{{ticketTag}}]', text: 'Bonjour {{customerName}}, {{mystery}}' }, { subject: 'Écran noir', ticketTag: 'GX-7K2M9Q', customerName: 'Ana' });
    expect(out).toEqual({ subject: 'Re: Écran noir [GX-7K2M9Q]', text: 'Bonjour Ana, {{mystery}}', unknown: ['mystery'] });
  });

  it('ships every template in French and English, and the transfer notice names the right address', async () => {
    const set = await loadDefaultTemplates(join(process.cwd(), 'resources'));
    for (const lang of ['fr', 'en'] as const) {
      expect(Object.keys(set[lang]).sort()).toEqual([...TEMPLATE_KEYS].sort());
      expect(set[lang].transferNotice.text).toContain('{{targetServiceAddress}}');
      expect(set[lang].transferNotice.text).toContain('{{dueDate}}');
      expect(set[lang].requestMissingInfo.text).toContain('{{missingFields}}');
    }
    const edited = withOverrides(set, { fr: { acknowledge: { subject: 'S', text: 'T' } } });
    expect(edited.fr.acknowledge).toEqual({ subject: 'S', text: 'T' });
    expect(edited.en.acknowledge).toEqual(set.en.acknowledge);
  });

  it.each([
    ['2026-11-23T09:00:00Z', 'fr', 'lundi 23 novembre à 10 h 00'],
    ['2026-11-23T09:00:00Z', 'en', 'Monday 23 November at 10:00'],
    ['2026-07-14T21:30:00Z', 'fr', 'mardi 14 juillet à 23 h 30'], // summer time: UTC+2
  ] as const)('says %s in words (%s)', (iso, lang, words) => {
    expect(dueDateInWords(new Date(iso), lang, 'Europe/Paris')).toBe(words);
  });
});
