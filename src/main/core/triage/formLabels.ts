import { foldText } from './textFold';

// The labels of the technical and consumer request forms (P7), as customers actually type them:
// French or English, any case, with or without accents, bullets or bold markers.

export const FORM_FIELD_KEYS = [
  'productVersion', 'moment', 'problem', 'errorCode', 'circumstances', 'configuration',
  'nature', 'lastName', 'firstName', 'address', 'serial',
] as const;
export type FormFieldKey = (typeof FORM_FIELD_KEYS)[number];
export type LabelLanguage = 'fr' | 'en' | 'both';

/** Fields whose value may span several lines (until a blank line or the next label). */
export const MULTI_LINE_FIELDS: ReadonlySet<FormFieldKey> = new Set<FormFieldKey>([
  'problem', 'errorCode', 'circumstances', 'configuration', 'nature', 'address',
]);

/** Written folded (lowercase, no accents, "n°" as "no"). Longer labels win over their prefixes. */
const LABELS: Record<FormFieldKey, Record<LabelLanguage, readonly string[]>> = {
  productVersion: {
    fr: ['version du produit', 'version du jeu', 'version du logiciel', 'version installee'],
    en: ['product version', 'game version', 'software version', 'installed version'],
    both: ['version'],
  },
  moment: {
    fr: ['moment du probleme', "moment de l'erreur", 'quand le probleme survient-il', 'quand survient le probleme', 'a quel moment'],
    en: ['moment of the problem', 'when does the problem occur', 'when did the problem occur', 'when the problem occurs', 'when does it happen', 'when'],
    both: ['moment'],
  },
  problem: {
    fr: ['details du probleme', 'detail du probleme', 'description du probleme', 'probleme rencontre', 'probleme'],
    en: ['problem details', 'problem description', 'description of the problem', 'details of the problem', 'what is the problem', 'problem', 'issue'],
    both: ['description'],
  },
  errorCode: {
    fr: ["numero ou message d'erreur", "numero d'erreur", "message d'erreur", "code d'erreur", 'code erreur', 'erreur'],
    en: ['error number or message', 'error number', 'error message', 'error code', 'error'],
    both: [],
  },
  circumstances: {
    fr: ['circonstances du probleme', 'circonstances', 'contexte'],
    en: ['circumstances of the problem', 'circumstances', 'context'],
    both: [],
  },
  configuration: {
    fr: ["configuration technique de l'ordinateur", "configuration de l'ordinateur", 'configuration technique', 'configuration du pc', 'configuration materielle'],
    en: ['computer configuration', 'system configuration', 'pc configuration', 'hardware configuration', 'technical configuration', 'system specs', 'pc specs', 'specs'],
    both: ['configuration', 'config'],
  },
  nature: {
    fr: ['nature du probleme', 'nature de la demande', 'nature de la reclamation', 'type de probleme', 'motif de la demande'],
    en: ['nature of the problem', 'nature of the issue', 'nature of the request', 'type of problem', 'type of issue', 'reason for contact'],
    both: ['nature'],
  },
  lastName: {
    fr: ['nom de famille', 'nom'],
    en: ['last name', 'lastname', 'surname', 'family name'],
    both: [],
  },
  firstName: {
    fr: ['prenom'],
    en: ['first name', 'firstname', 'given name', 'forename'],
    both: [],
  },
  address: {
    fr: ['adresse postale', 'adresse de livraison', 'adresse complete', 'adresse'],
    en: ['postal address', 'mailing address', 'delivery address', 'shipping address', 'home address', 'address'],
    both: [],
  },
  serial: {
    fr: ['numero de serie du produit', 'numero de serie', 'numero serie', 'no de serie', 'n de serie', 'n. de serie', 'num de serie', 'num. de serie'],
    en: ['product serial number', 'serial number', 'serial no', 'serial no.', 'serial #', 'serial', 's/n'],
    both: [],
  },
};

/**
 * The technical form asks for the configuration item by item (seed document: OS, CPU, RAM,
 * graphics card, motherboard, disks). Each such line is kept, label included, in `configuration`.
 */
const CONFIGURATION_PARTS: readonly string[] = [
  "systeme d'exploitation", 'systeme', 'processeur', 'memoire vive', 'memoire', 'carte graphique', 'carte video', 'carte mere', 'disques durs', 'disque dur', 'disques', 'disque', 'stockage',
  'operating system', 'os', 'processor', 'cpu', 'ram', 'memory', 'graphics card', 'video card', 'gpu', 'motherboard', 'mainboard', 'hard drives', 'hard drive', 'drives', 'disks', 'storage',
];

/** Other labels customers add; they end the previous field's value but are not extracted. */
const STOP_LABELS: Record<'fr' | 'en', readonly string[]> = {
  fr: ['adresse e-mail', 'adresse email', 'adresse mail', 'adresse electronique', 'e-mail', 'email', 'courriel', 'mail',
    'telephone', 'tel', 'portable', 'numero de commande', 'no de commande', 'commande', "date d'achat", "lieu d'achat",
    'date de commande', 'objet', 'sujet', 'date', 'piece jointe', 'pieces jointes'],
  en: ['email address', 'e-mail address', 'phone number', 'phone', 'mobile', 'order number', 'order no', 'order',
    'purchase date', 'date of purchase', 'order date', 'place of purchase', 'subject', 'attachment', 'attachments'],
};

interface LabelEntry { key: FormFieldKey | null; lang: LabelLanguage; configurationPart?: true }

/** One spelling per label whatever the spacing, hyphens or apostrophe spacing typed. */
function canonicalLabel(label: string): string {
  return label.replace(/[-\s]+/g, ' ').replace(/'\s*/g, "'").replace(/[-\s]+/g, ' ').trim();
}

const PATTERNS = new Set<string>();
const ENTRIES = new Map<string, LabelEntry>();
for (const key of FORM_FIELD_KEYS) {
  for (const lang of ['fr', 'en', 'both'] as const) {
    for (const label of LABELS[key][lang]) { PATTERNS.add(label); ENTRIES.set(canonicalLabel(label), { key, lang }); }
  }
}
for (const label of CONFIGURATION_PARTS) {
  PATTERNS.add(label);
  const canonical = canonicalLabel(label);
  if (!ENTRIES.has(canonical)) ENTRIES.set(canonical, { key: 'configuration', lang: 'both', configurationPart: true });
}
for (const lang of ['fr', 'en'] as const) {
  for (const label of STOP_LABELS[lang]) {
    PATTERNS.add(label);
    const canonical = canonicalLabel(label);
    if (!ENTRIES.has(canonical)) ENTRIES.set(canonical, { key: null, lang });
  }
}

function labelPattern(label: string): string {
  return label
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/'/g, "'\\s*")
    .replace(/-/g, '[-\\s]?')
    .replace(/ /g, '\\s+');
}

const ALTERNATION = [...PATTERNS].sort((a, b) => b.length - a.length).map(labelPattern).join('|');
const BOLD = '(?:\\*\\*|__|\\*|_)?';
const BULLET = '(?:(?:[-*•·–—▪◦►+]|\\d{1,2}[.)])\\s+)?';
const LABEL_LINE = new RegExp(
  `^\\s*${BULLET}${BOLD}\\s*(${ALTERNATION})(?![\\p{L}\\p{N}])\\s*${BOLD}\\s*(?:\\([^)]*\\))?\\s*(?:\\?\\s*${BOLD}\\s*:?|${BOLD}\\s*(?:[:|]|$))\\s*${BOLD}`,
  'u',
);

const LABEL_HEAD_LENGTH = 240;

export interface LabelLine {
  /** null for a label Guichet does not extract (e-mail, phone, order number…). */
  key: FormFieldKey | null;
  lang: LabelLanguage;
  /** What follows the label on the same line, trimmed, without bold markers; may be ''. */
  value: string;
  /** One item of the configuration (OS, CPU…): the whole line is part of `configuration`. */
  configurationPart: boolean;
}

function stripBold(value: string): string {
  const trimmed = value.trim();
  const wrapped = /^(\*\*|__|\*|_)(.*)\1$/.exec(trimmed);
  const inner = wrapped ? (wrapped[2] ?? '') : trimmed.replace(/\s*(\*\*|__)$/, '');
  return inner.trim();
}

/** The form label a line starts with, and the value after it, or null for an ordinary line. */
export function matchLabelLine(line: string): LabelLine | null {
  const text = line.trimStart();
  // A label and its decoration fit in the line's head; matching only the head keeps the
  // regex's adjacent \s* runs from backtracking over a long line.
  const match = LABEL_LINE.exec(foldText(text.slice(0, LABEL_HEAD_LENGTH)));
  if (match === null) return null;
  const entry = ENTRIES.get(canonicalLabel(match[1] ?? ''));
  if (entry === undefined) return null;
  return { key: entry.key, lang: entry.lang, value: stripBold(text.slice(match[0].length)), configurationPart: entry.configurationPart === true };
}
