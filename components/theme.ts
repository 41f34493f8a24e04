import { useEffect } from 'preact/hooks';
import type { Settings } from '@/lib/messaging/protocol';
import { useClient } from './client-context';

/** `data-theme` on the root picks the palette in base.css; "system" follows prefers-color-scheme. */
export function applyTheme(theme: Settings['theme']): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

/** Applies the stored theme once the page can ask for it. */
export function useTheme(): void {
  const client = useClient();
  useEffect(() => {
    void client.send({ type: 'settings.get' }).then((result) => {
      if (result.ok) applyTheme(result.value.theme);
    });
  }, [client]);
}
