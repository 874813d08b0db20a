import { describe, expect, it } from 'vitest';
import { ServiceInput } from '../../../src/shared/api';
import { DEFAULT_CALENDAR, BusinessCalendar } from '../../../src/shared/calendar';
import { settingsEn } from '../../../src/renderer/src/i18n/settings.en';
import { settingsFr } from '../../../src/renderer/src/i18n/settings.fr';
import {
  calendarFrom, nextInterval, nowAsWallTime, openingHoursErrors, slaDraftFrom, slaErrors, slaFromDraft, wallTimeToIso, type Interval,
} from '../../../src/renderer/src/components/settings/calendarForm';
import {
  draftFromConfig, emptyServiceDraft, toServiceInput, validateServiceDraft, withTlsMode, type ServiceDraft,
} from '../../../src/renderer/src/components/settings/serviceForm';
import {
  fillTemplate, overrideOf, SAMPLE_VALUES, TEMPLATE_VARIABLES, withOverride, withoutOverride,
} from '../../../src/renderer/src/components/settings/templatePreview';

function goodDraft(patch: Partial<ServiceDraft> = {}): ServiceDraft {
  const base = emptyServiceDraft();
  return {
    ...base,
    name: 'Service technique',
    address: 'servicetechnique@example.com',
    imap: { ...base.imap, host: 'imap.example.com', user: 'st', password: 'secret' },
    smtp: { ...base.smtp, host: 'smtp.example.com', user: 'st', password: 'secret' },
    ...patch,
  };
}

describe('service form checks before calling core', () => {
  it('accepts a complete new service and turns it into a valid contract input', () => {
    const draft = goodDraft();
    expect(validateServiceDraft(draft)).toEqual({});
    const input = toServiceInput(draft);
    expect(ServiceInput.safeParse(input).success).toBe(true);
    expect(input).toMatchObject({ imap: { port: 993, tls: 'tls' }, smtp: { port: 587, tls: 'starttls' }, imapPassword: 'secret', smtpPassword: 'secret' });
  });

  it.each([
    ['empty IMAP host', goodDraft({ imap: { ...goodDraft().imap, host: '  ' } }), 'imap.host', 'required'],
    ['host with spaces', goodDraft({ smtp: { ...goodDraft().smtp, host: 'smtp example' } }), 'smtp.host', 'host'],
    ['port 0', goodDraft({ imap: { ...goodDraft().imap, port: '0' } }), 'imap.port', 'port'],
    ['port 70000', goodDraft({ smtp: { ...goodDraft().smtp, port: '70000' } }), 'smtp.port', 'port'],
    ['port not a number', goodDraft({ smtp: { ...goodDraft().smtp, port: '58a' } }), 'smtp.port', 'port'],
    ['invalid e-mail', goodDraft({ address: 'servicetechnique@' }), 'address', 'email'],
    ['empty e-mail', goodDraft({ address: '' }), 'address', 'required'],
    ['empty name', goodDraft({ name: ' ' }), 'name', 'required'],
    ['new service without SMTP password', goodDraft({ smtp: { ...goodDraft().smtp, password: '' } }), 'smtp.password', 'required'],
  ] as const)('refuses %s', (_name, draft, field, error) => {
    expect(validateServiceDraft(draft)).toEqual({ [field]: error });
  });

  it('a blank user name signs in with the service address', () => {
    const draft = goodDraft({ imap: { ...goodDraft().imap, user: '  ' } });
    expect(validateServiceDraft(draft)).toEqual({});
    expect(toServiceInput(draft).imap.user).toBe(draft.address);
    expect(toServiceInput(draft).smtp.user).toBe('st'); // one typed is kept
    // With no address either, the address is the field to fix, and the user names too.
    expect(validateServiceDraft({ ...draft, address: '' })).toEqual({ address: 'required', 'imap.user': 'required' });
  });

  it('editing: passwords are write-only, blank keeps the stored one', () => {
    const config = { ...toServiceInput(goodDraft()), id: 'technical' };
    const { imapPassword: _i, smtpPassword: _s, ...stored } = config;
    const draft = draftFromConfig(stored);
    expect(draft.imap.password).toBe('');
    expect(validateServiceDraft(draft)).toEqual({});
    const input = toServiceInput(draft);
    expect(input.id).toBe('technical');
    expect('imapPassword' in input).toBe(false);
    expect('smtpPassword' in input).toBe(false);
    expect(toServiceInput({ ...draft, smtp: { ...draft.smtp, password: 'new' } }).smtpPassword).toBe('new');
  });

  it('moves the usual port along with the TLS mode, but keeps a port the agent typed', () => {
    const imap = emptyServiceDraft().imap;
    expect(withTlsMode('imap', imap, 'starttls').port).toBe('143');
    expect(withTlsMode('smtp', { ...imap, port: '587' }, 'tls').port).toBe('465');
    expect(withTlsMode('imap', { ...imap, port: '10993' }, 'none').port).toBe('10993');
  });
});

describe('calendar form', () => {
  const week = (): Interval[][] => DEFAULT_CALENDAR.openingHours.map((d) => d.map(([a, b]): Interval => [a, b]));

  it('the default week has no error and round-trips to a valid BusinessCalendar', () => {
    const days = week();
    expect(openingHoursErrors(days).flat().filter(Boolean)).toEqual([]);
    expect(BusinessCalendar.safeParse(calendarFrom('Europe/Paris', 'FR', undefined, days)).success).toBe(true);
  });

  it.each([
    [[['9:00', '12:00']], 'format'],
    [[['09:00', '25:00']], 'format'],
    [[['12:00', '09:00']], 'order'],
    [[['09:00', '09:00']], 'order'],
    [[['09:00', '12:00'], ['11:00', '18:00']], 'overlap'],
  ] as [Interval[], string][])('flags %j as %s', (day, error) => {
    expect(openingHoursErrors([day]).flat().filter(Boolean)).toEqual([error]);
  });

  it('accepts touching intervals and 24:00', () => {
    expect(openingHoursErrors([[['09:00', '12:00'], ['12:00', '24:00']]]).flat().filter(Boolean)).toEqual([]);
  });

  it('offers office hours on a closed day, one more hour after the last interval, nothing on a full day', () => {
    expect(nextInterval([])).toEqual(['09:00', '18:00']);
    expect(nextInterval([['09:00', '12:00']])).toEqual(['12:00', '13:00']);
    expect(nextInterval([['09:00', '23:30']])).toEqual(['23:30', '24:00']);
    expect(nextInterval([['00:00', '24:00']])).toBeNull();
  });

  it('checks the SLA durations and the undo window', () => {
    const draft = slaDraftFrom({ firstResponseHours: 48, updateHours: 48, customerRepliedHours: 48, transferHours: 48, dueSoonHours: 8 }, 10);
    expect(slaErrors(draft)).toEqual({});
    expect(slaFromDraft({ ...draft, dueSoonHours: '7,5' }).sla.dueSoonHours).toBe(7.5);
    expect(slaErrors({ ...draft, firstResponseHours: '0', updateHours: 'abc', dueSoonHours: '-1', undoSeconds: '121' })).toEqual({
      firstResponseHours: 'positive', updateHours: 'positive', dueSoonHours: 'nonNegative', undoSeconds: 'undoRange',
    });
    expect(slaErrors({ ...draft, undoSeconds: '2.5' })).toEqual({ undoSeconds: 'undoRange' });
  });

  it.each([
    ['2026-05-13T10:00', 'Europe/Paris', '2026-05-13T08:00:00.000Z'],
    ['2026-01-15T10:00', 'Europe/Paris', '2026-01-15T09:00:00.000Z'],
    ['2026-03-29T03:30', 'Europe/Paris', '2026-03-29T01:30:00.000Z'],
    ['2026-07-01T09:00', 'America/New_York', '2026-07-01T13:00:00.000Z'],
    ['2026-07-01T09:00', 'UTC', '2026-07-01T09:00:00.000Z'],
  ])('reads %s in %s as %s', (local, zone, iso) => {
    expect(wallTimeToIso(local, zone)).toBe(iso);
  });

  it('refuses a half-typed date and shows now in the team zone', () => {
    expect(wallTimeToIso('2026-05-13', 'Europe/Paris')).toBeNull();
    expect(nowAsWallTime('Europe/Paris', new Date('2026-05-13T08:00:00Z'))).toBe('2026-05-13T10:00');
    expect(nowAsWallTime('America/New_York', new Date('2026-01-01T03:00:00Z'))).toBe('2025-12-31T22:00');
  });
});

describe('template preview and overrides', () => {
  it('fills every documented variable in both languages', () => {
    for (const language of ['fr', 'en'] as const) {
      const text = TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join('|');
      const filled = fillTemplate(text, SAMPLE_VALUES[language]);
      expect(filled.unknown).toEqual([]);
      expect(filled.text).not.toContain('{{');
    }
    expect(fillTemplate('Re: {{subject}} [{{ticketTag}}]', SAMPLE_VALUES.fr).text).toBe('Re: Le jeu plante au lancement [GX-7K2M9Q]');
  });

  it('leaves unknown variables as written and reports them once', () => {
    expect(fillTemplate('Hi {{customerName}}, {{colour}} {{ colour }}', SAMPLE_VALUES.en)).toEqual({ text: 'Hi Sam Taylor, {{colour}} {{ colour }}', unknown: ['colour'] });
  });

  it('sets and resets one override without touching the others', () => {
    const mine = { subject: 'S', text: 'T' };
    let templates = withOverride({}, 'fr', 'acknowledge', mine);
    templates = withOverride(templates, 'fr', 'resolution', mine);
    templates = withOverride(templates, 'en', 'acknowledge', mine);
    expect(overrideOf(templates, 'fr', 'resolution')).toEqual(mine);
    templates = withoutOverride(templates, 'fr', 'acknowledge');
    expect(overrideOf(templates, 'fr', 'acknowledge')).toBeNull();
    expect(overrideOf(templates, 'fr', 'resolution')).toEqual(mine);
    templates = withoutOverride(withoutOverride(templates, 'fr', 'resolution'), 'en', 'acknowledge');
    expect(templates).toEqual({});
  });
});

describe('settings strings', () => {
  function keys(value: unknown, prefix = ''): string[] {
    if (typeof value !== 'object' || value === null) return [prefix];
    return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)).sort();
  }
  it('French and English have the same keys and the same {{variables}}', () => {
    expect(keys(settingsFr)).toEqual(keys(settingsEn));
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const at = (obj: unknown, path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj) as string;
    for (const key of keys(settingsEn)) expect(vars(at(settingsFr, key)), key).toEqual(vars(at(settingsEn, key)));
  });
});
