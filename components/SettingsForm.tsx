import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { languageOptions, t } from '@/lib/i18n';
import { languageTag } from '@/lib/i18n/languages';
import type { Settings } from '@/lib/messaging/protocol';
import { correctionText, describeSeconds } from '@/lib/ui/clock';
import { siteText } from '@/lib/ui/sites';
import { useClient } from './client-context';
import { FormError } from './FormError';
import { applyTheme } from './theme';

/**
 * The everyday settings: auto-lock, clipboard clearing, automatic filling and submitting, the clock
 * correction, the theme. The popup and the settings page show the same form.
 */
export function SettingsForm({
  onDone,
  backLabel = t('commonBack'),
}: {
  onDone: (message: string | null) => void;
  backLabel?: string | null;
}) {
  const client = useClient();
  const [minutes, setMinutes] = useState('');
  const [clearSeconds, setClearSeconds] = useState('');
  const [autoSubmitEverywhere, setAutoSubmitEverywhere] = useState(false);
  // One site per line, as people write them (login.live.com, *.live.com).
  const [autoSubmitSites, setAutoSubmitSites] = useState('');
  const [autoFill, setAutoFill] = useState(true);
  // The optional clipboardRead permission (wxt.config.ts): the browser, not a setting, holds it.
  const [keepOtherCopies, setKeepOtherCopies] = useState(false);
  const [theme, setTheme] = useState<Settings['theme']>('system');
  const [language, setLanguage] = useState<Settings['language']>('browser');
  const [savedLanguage, setSavedLanguage] = useState<Settings['language']>('browser');
  const [offset, setOffset] = useState(0);
  const [clockNote, setClockNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void client.send({ type: 'settings.get' }).then((result) => {
      if (!result.ok) return setError(result.error.message);
      setMinutes(String(result.value.autoLockMinutes));
      setClearSeconds(String(result.value.clipboardClearSeconds));
      setAutoSubmitEverywhere(result.value.autoSubmitEverywhere);
      setAutoSubmitSites(result.value.autoSubmitSites.map(siteText).join('\n'));
      setAutoFill(result.value.autoFill);
      setTheme(result.value.theme);
      setLanguage(result.value.language);
      setSavedLanguage(result.value.language);
      setOffset(result.value.timeOffsetSeconds);
    });
    void browser.permissions
      .contains({ permissions: ['clipboardRead'] })
      .then(setKeepOtherCopies, () => setKeepOtherCopies(false));
  }, [client]);

  /**
   * Asked for in the click itself (the browser's prompt needs the user gesture); without it TwoStep
   * cannot see the clipboard and clears it whatever it holds (lib/background/clipboard-check.ts).
   */
  async function chooseKeepOtherCopies(wanted: boolean) {
    const permissions = { permissions: ['clipboardRead' as const] };
    if (wanted) {
      const granted = await browser.permissions.request(permissions).catch(() => false);
      setKeepOtherCopies(granted);
      if (!granted) setError(t('settingsClipboardRefused'));
    } else {
      await browser.permissions.remove(permissions).catch(() => false);
      setKeepOtherCopies(false);
    }
  }

  /** Asks the background to compare with a sign-in server's time now; offers the difference. */
  async function checkClock() {
    setClockNote(t('settingsClockChecking'));
    const result = await client.send({ type: 'clock.status', check: true });
    if (!result.ok) return setClockNote(result.error.message);
    const { skewSeconds } = result.value;
    if (skewSeconds === null) return setClockNote(t('settingsClockUnreachable'));
    if (Math.abs(skewSeconds) <= 2) return setClockNote(t('settingsClockRight'));
    setClockNote(
      t(skewSeconds > 0 ? 'settingsClockSlow' : 'settingsClockFast', describeSeconds(skewSeconds)),
    );
    setOffset(skewSeconds);
  }

  async function save(event: Event) {
    event.preventDefault();
    const autoLockMinutes = Number(minutes);
    const clipboardClearSeconds = Number(clearSeconds);
    if (!Number.isInteger(autoLockMinutes) || autoLockMinutes < 1 || autoLockMinutes > 1440) {
      return setError(t('settingsBadAutoLock'));
    }
    if (
      !Number.isInteger(clipboardClearSeconds) ||
      clipboardClearSeconds < 0 ||
      clipboardClearSeconds > 600
    ) {
      return setError(t('settingsBadClipboard'));
    }
    const result = await client.send({
      type: 'settings.set',
      autoLockMinutes,
      clipboardClearSeconds,
      autoSubmitEverywhere,
      autoSubmitSites: autoSubmitSites.split('\n'),
      autoFill,
      theme,
      language,
      timeOffsetSeconds: offset,
    });
    if (result.ok) {
      // Every text on the page comes from the catalog loaded before the first render (lib/i18n):
      // a new language shows after the page loads again.
      if (result.value.language !== savedLanguage) {
        location.reload();
        return;
      }
      applyTheme(result.value.theme);
      setAutoSubmitSites(result.value.autoSubmitSites.map(siteText).join('\n'));
      onDone(t('settingsSaved'));
    } else setError(result.error.message);
  }

  return (
    <form class="panel" onSubmit={save}>
      <h1>{t('settingsTitle')}</h1>
      <label>
        {t('settingsAutoLock')}
        <input
          type="number"
          min={1}
          max={1440}
          data-testid="autolock-minutes"
          value={minutes}
          onInput={(e) => setMinutes(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('settingsClipboardSeconds')}
        <input
          type="number"
          min={0}
          max={600}
          data-testid="clipboard-seconds"
          value={clearSeconds}
          onInput={(e) => setClearSeconds(e.currentTarget.value)}
        />
      </label>
      <label class="checkbox">
        <input
          type="checkbox"
          data-testid="clipboard-keep-others"
          checked={keepOtherCopies}
          onChange={(e) => void chooseKeepOtherCopies(e.currentTarget.checked)}
        />
        {t('settingsClipboardKeepOthers')}
      </label>
      <label class="checkbox">
        <input
          type="checkbox"
          data-testid="auto-fill"
          checked={autoFill}
          onChange={(e) => setAutoFill(e.currentTarget.checked)}
        />
        {t('settingsAutoFill')}
      </label>
      <fieldset>
        <legend>{t('settingsAutoSubmitLegend')}</legend>
        <label class="checkbox">
          <input
            type="checkbox"
            data-testid="auto-submit"
            checked={autoSubmitEverywhere}
            onChange={(e) => setAutoSubmitEverywhere(e.currentTarget.checked)}
          />
          {t('settingsAutoSubmitEverywhere')}
        </label>
        <label>
          {t('settingsAutoSubmitSites')}
          <textarea
            rows={3}
            data-testid="auto-submit-sites"
            disabled={autoSubmitEverywhere}
            spellcheck={false}
            value={autoSubmitSites}
            onInput={(e) => setAutoSubmitSites(e.currentTarget.value)}
          />
        </label>
      </fieldset>
      <label>
        {t('settingsTheme')}
        <select
          data-testid="theme"
          value={theme}
          onChange={(e) => setTheme(e.currentTarget.value as Settings['theme'])}
        >
          <option value="system">{t('settingsThemeSystem')}</option>
          <option value="light">{t('settingsThemeLight')}</option>
          <option value="dark">{t('settingsThemeDark')}</option>
        </select>
      </label>
      <label>
        {t('settingsLanguage')}
        <select
          data-testid="language"
          value={language}
          onChange={(e) => setLanguage(e.currentTarget.value as Settings['language'])}
        >
          {languageOptions().map(({ value, label }) => (
            <option key={value} value={value} lang={value === 'browser' ? undefined : languageTag(value)}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <fieldset class="clock">
        <legend>{t('settingsClock')}</legend>
        <p data-testid="clock-correction">{correctionText(offset)}</p>
        <div class="row">
          <button type="button" data-testid="clock-check" onClick={checkClock}>
            {t('settingsClockCheck')}
          </button>
          {offset !== 0 && (
            <button type="button" data-testid="clock-reset" onClick={() => setOffset(0)}>
              {t('settingsClockReset')}
            </button>
          )}
        </div>
        {clockNote && (
          <p role="status" data-testid="clock-note">
            {clockNote}
          </p>
        )}
      </fieldset>
      <FormError message={error} />
      <button type="submit" class="primary" data-testid="settings-save">
        {t('settingsSave')}
      </button>
      {backLabel && (
        <button type="button" onClick={() => onDone(null)}>
          {backLabel}
        </button>
      )}
    </form>
  );
}
