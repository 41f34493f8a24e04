import { browser } from 'wxt/browser';
import { SettingsForm } from '@/components/SettingsForm';
import { t } from '@/lib/i18n';

/** The popup's settings: the everyday form, and the full settings page for the rest. */
export function SettingsView({ onDone }: { onDone: (message: string | null) => void }) {
  return (
    <div>
      <SettingsForm onDone={onDone} />
      <p class="panel">
        <button
          type="button"
          data-testid="open-options"
          onClick={() => {
            void browser.runtime.openOptionsPage();
            window.close();
          }}
        >
          {t('settingsAll')}
        </button>
      </p>
    </div>
  );
}
