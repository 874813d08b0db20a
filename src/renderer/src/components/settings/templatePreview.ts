import type { Settings } from '../../../../shared/api';

// Reply templates: the keys, sample values for the preview, and override edits on Settings.templates.

export const TEMPLATE_KEYS = ['acknowledge', 'transferNotice', 'progressUpdate', 'proposal', 'requestMissingInfo', 'requestSerial', 'resolution'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];
export type TemplateLanguage = 'fr' | 'en';
export type TemplateText = { subject: string; text: string };
export type TemplateOverrides = Settings['templates'];

export const TEMPLATE_VARIABLES = [
  'subject', 'ticketTag', 'customerName', 'serviceName', 'serviceAddress', 'targetServiceName', 'targetServiceAddress',
  'dueDate', 'missingFields', 'proposalBody', 'agentName',
] as const;

export const SAMPLE_VALUES: Record<TemplateLanguage, Record<(typeof TEMPLATE_VARIABLES)[number], string>> = {
  fr: {
    subject: 'Le jeu plante au lancement',
    ticketTag: 'GX-7K2M9Q', // as Guichet writes them (shared/ticket.ts)
    customerName: 'Camille Martin',
    serviceName: 'Service technique',
    serviceAddress: 'servicetechnique@example.com',
    targetServiceName: 'Service consommateurs',
    targetServiceAddress: 'serviceconso@example.com',
    dueDate: 'lundi 23 novembre à 10 h 00',
    missingFields: '- Numéro de série\n- Configuration de l’ordinateur',
    proposalBody: 'Mettez à jour le pilote de votre carte graphique, puis relancez le jeu.',
    agentName: 'Marie',
  },
  en: {
    subject: 'The game crashes at launch',
    ticketTag: 'GX-7K2M9Q', // as Guichet writes them (shared/ticket.ts)
    customerName: 'Sam Taylor',
    serviceName: 'Technical service',
    serviceAddress: 'servicetechnique@example.com',
    targetServiceName: 'Consumer service',
    targetServiceAddress: 'serviceconso@example.com',
    dueDate: 'Monday 23 November at 10:00',
    missingFields: '- Serial number\n- Computer configuration',
    proposalBody: 'Update your graphics card driver, then start the game again.',
    agentName: 'Marie',
  },
};

/** Replaces {{name}} with sample values; unknown names stay as written and are reported. */
export function fillTemplate(text: string, values: Record<string, string>): { text: string; unknown: string[] } {
  const unknown = new Set<string>();
  const filled = text.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) {
      unknown.add(name);
      return whole;
    }
    return value;
  });
  return { text: filled, unknown: [...unknown] };
}

export function overrideOf(templates: TemplateOverrides, language: TemplateLanguage, key: TemplateKey): TemplateText | null {
  return templates[language]?.[key] ?? null;
}

export function withOverride(templates: TemplateOverrides, language: TemplateLanguage, key: TemplateKey, value: TemplateText): TemplateOverrides {
  return { ...templates, [language]: { ...(templates[language] ?? {}), [key]: value } };
}

/** "Reset to default": drop the override (and the language entry once empty). */
export function withoutOverride(templates: TemplateOverrides, language: TemplateLanguage, key: TemplateKey): TemplateOverrides {
  const { [key]: _removed, ...rest } = templates[language] ?? {};
  const { [language]: _language, ...others } = templates;
  return Object.keys(rest).length > 0 ? { ...others, [language]: rest } : others;
}
