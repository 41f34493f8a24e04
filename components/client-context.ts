import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { VaultClient } from '@/lib/messaging/client';

/** Views get their transport from here: the runtime client in the extension, a fake in tests. */
export const ClientContext = createContext<VaultClient | null>(null);

export function useClient(): VaultClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('ClientContext is missing: wrap the view in <ClientContext.Provider>.');
  return client;
}
