import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '@/lib/messaging/protocol';
import { correctionText, describeSeconds } from '@/lib/ui/clock';
import { useClient } from './client-context';
import { FormError } from './FormError';
import { applyTheme } from './theme';

/**
 * The everyday settings: auto-lock, clipboard clearing, automatic filling and submitting, the clock
 * correction, the theme. The popup and the settings page show the same form.
 */
export function SettingsForm({
  onDone,
  backLabel = 'Back',
}: {
  onDone: (message: string | null) => void;
  backLabel?: string | null;
}) {
  const client = useClient();
  const [minutes, setMinutes] = useState('');
  const [clearSeconds, setClearSeconds] = useState('');
  const [autoSubmit, setAutoSubmit] = useState(false);
  const [autoFill, setAutoFill] = useState(true);
  const [theme, setTheme] = useState<Settings['theme']>('system');
  const [offset, setOffset] = useState(0);
  const [clockNote, setClockNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void client.send({ type: 'settings.get' }).then((result) => {
      if (!result.ok) return setError(result.error.message);
      setMinutes(String(result.value.autoLockMinutes));
      setClearSeconds(String(result.value.clipboardClearSeconds));
      setAutoSubmit(result.value.autoSubmit);
      setAutoFill(result.value.autoFill);
      setTheme(result.value.theme);
      setOffset(result.value.timeOffsetSeconds);
    });
  }, [client]);

  /** Asks the background to compare with a sign-in server's time now; offers the difference. */
  async function checkClock() {
    setClockNote('Checking…');
    const result = await client.send({ type: 'clock.status', check: true });
    if (!result.ok) return setClockNote(result.error.message);
    const { skewSeconds } = result.value;
    if (skewSeconds === null) return setClockNote('Could not reach a sign-in server to compare the time.');
    if (Math.abs(skewSeconds) <= 2) return setClockNote('This computer’s clock is right.');
    setClockNote(
      `This computer’s clock is ${describeSeconds(skewSeconds)} ${skewSeconds > 0 ? 'slow' : 'fast'}. Save to correct the codes by that much.`,
    );
    setOffset(skewSeconds);
  }

  async function save(event: Event) {
    event.preventDefault();
    const autoLockMinutes = Number(minutes);
    const clipboardClearSeconds = Number(clearSeconds);
    if (!Number.isInteger(autoLockMinutes) || autoLockMinutes < 1 || autoLockMinutes > 1440) {
      return setError('Auto-lock must be a whole number of minutes from 1 to 1440.');
    }
    if (
      !Number.isInteger(clipboardClearSeconds) ||
      clipboardClearSeconds < 0 ||
      clipboardClearSeconds > 600
    ) {
      return setError('Clipboard clearing must be 0 (never) to 600 seconds.');
    }
    const result = await client.send({
      type: 'settings.set',
      autoLockMinutes,
      clipboardClearSeconds,
      autoSubmit,
      autoFill,
      theme,
      timeOffsetSeconds: offset,
    });
    if (result.ok) {
      applyTheme(result.value.theme);
      onDone('Settings saved.');
    } else setError(result.error.message);
  }

  return (
    <form class="panel" onSubmit={save}>
      <h1>Settings</h1>
      <label>
        Lock after this many minutes without use
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
        Clear a copied code from the clipboard after (seconds, 0 = never)
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
          data-testid="auto-fill"
          checked={autoFill}
          onChange={(e) => setAutoFill(e.currentTarget.checked)}
        />
        Fill codes as soon as a code field appears (off: only with Alt+Shift+2 or the context menu)
      </label>
      <label class="checkbox">
        <input
          type="checkbox"
          data-testid="auto-submit"
          checked={autoSubmit}
          onChange={(e) => setAutoSubmit(e.currentTarget.checked)}
        />
        After filling a code, press the page’s Verify / Next button for me
      </label>
      <label>
        Theme
        <select
          data-testid="theme"
          value={theme}
          onChange={(e) => setTheme(e.currentTarget.value as Settings['theme'])}
        >
          <option value="system">Follow the system</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </label>
      <fieldset class="clock">
        <legend>Clock</legend>
        <p data-testid="clock-correction">{correctionText(offset)}</p>
        <div class="row">
          <button type="button" data-testid="clock-check" onClick={checkClock}>
            Check the clock now
          </button>
          {offset !== 0 && (
            <button type="button" data-testid="clock-reset" onClick={() => setOffset(0)}>
              Use this computer’s clock
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
        Save
      </button>
      {backLabel && (
        <button type="button" onClick={() => onDone(null)}>
          {backLabel}
        </button>
      )}
    </form>
  );
}
