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

export const SharedTranslationContext = createContext<SharedTranslation | null>(null);

export function useSharedTranslation(): SharedTranslation {
  const shared = useContext(SharedTranslationContext);
  if (!shared) throw new Error('useSharedTranslation outside <SharedTranslationContext.Provider>');
  return shared;
}
