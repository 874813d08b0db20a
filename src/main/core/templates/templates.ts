import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

// The team's reply templates (resources/templates/{fr,en}.json, editable in settings).

export const TEMPLATE_KEYS = ['acknowledge', 'transferNotice', 'progressUpdate', 'proposal', 'requestMissingInfo', 'requestSerial', 'resolution'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];
export type TemplateLanguage = 'fr' | 'en';

const Template = z.object({ subject: z.string(), text: z.string() });
const TemplateFile = z.object(Object.fromEntries(TEMPLATE_KEYS.map((k) => [k, Template])) as Record<TemplateKey, typeof Template>);
export type TemplateSet = Record<TemplateLanguage, Record<TemplateKey, { subject: string; text: string }>>;

export async function loadDefaultTemplates(resourcesDir: string): Promise<TemplateSet> {
  const read = async (lang: TemplateLanguage) =>
    TemplateFile.parse(JSON.parse(await readFile(join(resourcesDir, 'templates', `${lang}.json`), 'utf8')));
  return { fr: await read('fr'), en: await read('en') };
}

/** Settings hold only the agent's edits; everything else comes from the defaults. */
export function withOverrides(defaults: TemplateSet, overrides: Record<string, Record<string, { subject: string; text: string }>>): TemplateSet {
  const merged: TemplateSet = { fr: { ...defaults.fr }, en: { ...defaults.en } };
  for (const lang of ['fr', 'en'] as const) {
    for (const key of TEMPLATE_KEYS) {
      const override = overrides[lang]?.[key];
      if (override) merged[lang][key] = override;
    }
  }
  return merged;
}

export interface RenderedTemplate {
  subject: string;
  text: string;
  /** Variables the template names but nobody filled: left visible, never silently dropped. */
  unknown: string[];
}

/** Fills `{{name}}` variables. Pure. */
export function renderTemplate(template: { subject: string; text: string }, variables: Record<string, string>): RenderedTemplate {
  const unknown = new Set<string>();
  const fill = (source: string): string =>
    source.replace(/\{\{\s*([a-zA-Z]+)\s*\}\}/g, (whole, name: string) => {
      const value = variables[name];
      if (value === undefined) {
        unknown.add(name);
        return whole;
      }
      return value;
    });
  return { subject: fill(template.subject), text: fill(template.text), unknown: [...unknown].sort() };
}

/** "lundi 23 novembre à 10 h 00" / "Monday 23 November at 10:00", in the team's time zone. */
export function dueDateInWords(instant: Date, lang: TemplateLanguage, timeZone: string): string {
  const part = (options: Intl.DateTimeFormatOptions): string => new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { timeZone, ...options }).format(instant);
  const day = part({ weekday: 'long', day: 'numeric', month: 'long' });
  const hour = part({ hour: '2-digit', minute: '2-digit', hour12: false });
  if (lang === 'fr') return `${day} à ${hour.replace(':', ' h ')}`;
  return `${day} at ${hour}`;
}
