import { createContext, useContext } from 'react';
import type { useTranslation } from 'react-i18next';

/**
 * The app's `t` and language, from one useTranslation call at the root (App).
 * react-i18next's useTranslation copies the i18n instance on every mount: with thousands of cards scrolled
 * through, the cards and their badges read this context instead.
 */
export interface SharedTranslation {
  t: ReturnType<typeof useTranslation>['t'];
  language: string;
}

type T = SharedTranslation['t'];
/** Distinct texts remembered per language before starting over (a card's tag makes some texts unique). */
const REMEMBERED = 4_000;

/**
 * `t` that remembers its texts: every card scrolled into view asks for the same labels, and
 * i18next's lookup (nesting, plurals, interpolation) costs far more than a Map. A new `t` (another
 * language) comes with a new memory, so a remembered text is never from the wrong language.
 */
export function rememberingT(t: T): T {
  const texts = new Map<string, string>();
  const remembering = (key: string | string[], options?: unknown): string => {
    const id = options === undefined ? String(key) : `${String(key)}\u0000${JSON.stringify(options)}`;
    let text = texts.get(id);
    if (text === undefined) {
      if (texts.size >= REMEMBERED) texts.clear();
      text = String((t as unknown as (k: string | string[], o?: unknown) => unknown)(key, options));
      texts.set(id, text);
    }
    return text;
  };
  return remembering as unknown as T;
}

export const SharedTranslationContext = createContext<SharedTranslation | null>(null);

export function useSharedTranslation(): SharedTranslation {
  const shared = useContext(SharedTranslationContext);
  if (!shared) throw new Error('useSharedTranslation outside <SharedTranslationContext.Provider>');
  return shared;
}
