import { createContext, useContext } from 'react';
import type { ContractClient } from '../api/client';
import type { AppStoreHook } from '../state/store';

export interface Desk {
  useAppStore: AppStoreHook;
  client: ContractClient;
}

export const DeskContext = createContext<Desk | null>(null);

/** The store hook and contract client of the running desk. */
export function useDesk(): Desk {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk outside <DeskContext.Provider>');
  return desk;
}

export function useUiLang(language: string): 'fr' | 'en' {
  return language.startsWith('fr') ? 'fr' : 'en';
}
