import { matchLabelLine, MULTI_LINE_FIELDS, type FormFieldKey, type LabelLanguage } from './formLabels';
import { foldText } from './textFold';
import { stripQuotedHistory } from './quotedHistory';

// One pass over the customer's own lines: which labels appear, the value after each, and the
// lines that belong to no field (the free prose language detection reads).

export interface FormScan {
  fields: Partial<Record<FormFieldKey, string>>;
  /** Every extracted label seen, with or without a value. */
  labelsSeen: Set<FormFieldKey>;
  labelLanguages: Record<LabelLanguage, number>;
  /** Lines outside any field, trimmed, in order. */
  proseLines: string[];
}

const CLOSING = /^(cordialement|bien (a vous|cordialement)|bien a toi|salutations|sinceres salutations|merci( d'avance| par avance| beaucoup| pour votre aide)?|bonne journee|a bientot|best regards|kind regards|regards|best|cheers|thanks( in advance| a lot)?|thank you( in advance)?|many thanks|sincerely|yours sincerely)\b[\s,.!]*$/;

/** A sign-off line ends a field's value, so the signature is not read as part of the address. */
function isClosing(line: string): boolean {
  return line.length < 40 && CLOSING.test(foldText(line));
}

interface OpenField { key: FormFieldKey; lines: string[] }

export function scanForm(text: string): FormScan {
  const scan: FormScan = { fields: {}, labelsSeen: new Set(), labelLanguages: { fr: 0, en: 0, both: 0 }, proseLines: [] };
  let open: OpenField | null = null;

  const close = (): void => {
    if (open !== null && open.lines.length > 0 && scan.fields[open.key] === undefined) {
      scan.fields[open.key] = open.lines.join('\n');
    }
    open = null;
  };

  // No-break spaces (HTML &nbsp;, French typography) read as the spaces the customer meant.
  for (const line of stripQuotedHistory(text).replace(/[\u00a0\u2007\u202f]/g, ' ').split('\n')) {
    const label = matchLabelLine(line);
    if (label !== null && label.configurationPart) {
      // "Processeur : Ryzen 5" continues the configuration, or starts it.
      const current: OpenField | null = open;
      if (current === null || current.key !== 'configuration') {
        close();
        scan.labelsSeen.add('configuration');
        open = { key: 'configuration', lines: [] };
      }
      (open as OpenField | null)?.lines.push(line.trim()); // as the customer wrote it
      continue;
    }
    if (label !== null) {
      close();
      scan.labelLanguages[label.lang] += 1;
      if (label.key !== null) {
        scan.labelsSeen.add(label.key);
        open = { key: label.key, lines: label.value === '' ? [] : [label.value] };
      }
      continue;
    }
    const trimmed = line.trim();
    const field: OpenField | null = open;
    if (field === null) {
      if (trimmed !== '') scan.proseLines.push(trimmed);
      continue;
    }
    if (trimmed === '') {
      // A blank line before any value is layout (HTML paragraphs); after a value it ends it.
      if (field.lines.length > 0) close();
      continue;
    }
    if (isClosing(trimmed)) {
      close();
      scan.proseLines.push(trimmed);
      continue;
    }
    if (field.lines.length > 0 && !MULTI_LINE_FIELDS.has(field.key)) {
      close();
      scan.proseLines.push(trimmed);
      continue;
    }
    field.lines.push(trimmed);
  }
  close();
  return scan;
}
