import { useEffect, useRef, useState } from 'preact/hooks';
import { useClient } from '@/components/client-context';
import { FormError } from '@/components/FormError';
import { RegionSelect } from '@/components/RegionSelect';
import { t } from '@/lib/i18n';
import { MigrationBatchCollector, MigrationBatchError } from '@/lib/transfer/import/migration-batches';
import { type NamedBlob, type Region, readFile, readRegion } from '@/lib/transfer/read-file';
import { fromData, type SourceOutcome } from '@/lib/transfer/sources';
import { addButtonText, markDuplicates, type PreviewRow, previewRows } from '@/lib/ui/import-preview';

interface Problem {
  source: string;
  message: string;
  /** A picture with no code found: the user may select the code in it. */
  picture?: Blob;
}

/** A file waiting for its password: its bytes stay in this page only, never in storage. */
interface Pending {
  source: string;
  message: string;
  file: NamedBlob;
  backupText?: string;
}

/**
 * Add accounts from QR images (pick, drop or paste), another app's export, pasted links, or a
 * TwoStep backup. Nothing is stored until the user confirms the preview.
 */
export function ImportView({ onLocked }: { onLocked: () => void }) {
  const client = useClient();
  const [rows, setRows] = useState<PreviewRow[]>([]);
  const [skipped, setSkipped] = useState<Problem[]>([]);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [pending, setPending] = useState<Pending | null>(null);
  const [password, setPassword] = useState('');
  const [pasted, setPasted] = useState('');
  const [progress, setProgress] = useState<{ source: string; fraction: number } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [selecting, setSelecting] = useState<{ source: string; picture: Blob } | null>(null);
  const batches = useRef(new MigrationBatchCollector());
  const [batchNote, setBatchNote] = useState('');
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  async function checkDuplicates(next: PreviewRow[]) {
    if (next.length === 0) return setRows(next);
    const result = await client.send({ type: 'import.check', accounts: next.map((r) => r.entry) });
    if (!result.ok) {
      if (result.error.code === 'locked') return onLocked();
      setError(result.error.message);
      return setRows(next);
    }
    setRows(markDuplicates(next, result.value.duplicates));
  }

  /** Folds what was read into the preview; returns a file that asks for a password, if any. */
  async function take(outcomes: SourceOutcome[], file?: NamedBlob) {
    let added = [...rowsRef.current];
    for (const outcome of outcomes) {
      if (outcome.kind === 'problem')
        setProblems((list) => [
          ...list,
          {
            source: outcome.source,
            message: outcome.message,
            ...(outcome.picture && { picture: outcome.picture }),
          },
        ]);
      else if (outcome.kind === 'needs-password' && file)
        setPending({ source: outcome.source, message: outcome.message, file });
      else if (outcome.kind === 'backup' && file)
        setPending({
          source: outcome.source,
          message: t('importBackupDetected'),
          file,
          backupText: outcome.text,
        });
      else if (outcome.kind === 'import') {
        const { result } = outcome;
        if (result.batch) {
          // One code of a multi-code Google export: say which codes are still missing; a code read
          // twice adds nothing.
          try {
            const seen = batches.current.add(result);
            setBatchNote(t('importGoogleBatch', batches.current.describe()));
            if (seen === 'duplicate') continue;
          } catch (error) {
            if (!(error instanceof MigrationBatchError)) throw error;
            setProblems((list) => [...list, { source: outcome.source, message: error.message }]);
            continue;
          }
        }
        added = [...added, ...previewRows(outcome.source, result.accounts, added.length)];
        const skips = result.skipped.map((s) => ({
          source: outcome.source,
          message: `${s.name}: ${s.reason}`,
        }));
        if (skips.length > 0) setSkipped((list) => [...list, ...skips]);
        if (result.accounts.length === 0 && skips.length === 0)
          setProblems((list) => [...list, { source: outcome.source, message: t('importNoAccounts') }]);
      }
    }
    await checkDuplicates(added);
  }

  async function addFiles(files: NamedBlob[]) {
    setError(null);
    setStatus(null);
    setBusy(true);
    try {
      for (const file of files) {
        const source = file.name || t('importPastedImage');
        setProgress({ source, fraction: 0 });
        const outcomes = await readFile(file, {
          onProgress: (fraction) => setProgress({ source, fraction }),
        });
        await take(outcomes, file);
      }
    } finally {
      setProgress(null);
      setBusy(false);
    }
  }

  async function readSelected(region: Region) {
    if (!selecting) return;
    setBusy(true);
    setError(null);
    try {
      const outcomes = await readRegion(selecting.picture, region, selecting.source);
      const found = outcomes.filter((o) => o.kind !== 'problem');
      if (found.length === 0) {
        const first = outcomes[0];
        return setError(first?.kind === 'problem' ? first.message : t('importNoQrInArea'));
      }
      setProblems((list) => list.filter((p) => p.picture !== selecting.picture));
      setSelecting(null);
      await take(outcomes);
    } finally {
      setBusy(false);
    }
  }

  // "Scan this page" in the popup found no code on its picture of the tab: select it here by hand.
  useEffect(() => {
    if (location.hash !== '#capture') return;
    void client.send({ type: 'page.takeCapture' }).then(async (result) => {
      if (!result.ok) return setError(result.error.message);
      const picture = await (await fetch(result.value.dataUrl)).blob();
      setSelecting({ source: t('importPictureOfPage'), picture });
    });
  }, [client]);

  async function addText(text: string) {
    if (text.trim() === '') return setError(t('importPasteFirst'));
    const name = t('importPastedText');
    const file = new File([text], name, { type: 'text/plain' });
    await take([await fromData(text, name)], file);
    setPasted('');
  }

  async function submitPassword(event: Event) {
    event.preventDefault();
    if (!pending) return;
    if (password === '') return setError(t('importEnterPassword'));
    setBusy(true);
    setError(null);
    try {
      if (pending.backupText !== undefined) {
        const result = await client.send({ type: 'backup.restore', text: pending.backupText, password });
        if (!result.ok) {
          if (result.error.code === 'locked') return onLocked();
          return setError(result.error.message);
        }
        const { added, duplicates, countersRaised } = result.value;
        const parts = [t(added === 1 ? 'importRestoredOne' : 'importRestoredOther', added, pending.source)];
        if (duplicates > 0) parts.push(t('importRestoredDuplicates', duplicates));
        if (countersRaised > 0)
          parts.push(
            t(
              countersRaised === 1 ? 'importRestoredCountersOne' : 'importRestoredCountersOther',
              countersRaised,
            ),
          );
        setStatus(t('importRestoredSentence', parts.join('; ')));
      } else {
        const outcomes = await readFile(pending.file, { password });
        for (const outcome of outcomes)
          if (outcome.kind === 'problem' || outcome.kind === 'needs-password')
            return setError(outcome.message);
        await take(outcomes);
      }
      setPending(null);
    } finally {
      setPassword('');
      setBusy(false);
    }
  }

  async function commit() {
    const chosen = rows.filter((r) => r.selected);
    if (chosen.length === 0) return setError(t('importTickOne'));
    setBusy(true);
    setError(null);
    const result = await client.send({ type: 'import.commit', accounts: chosen.map((r) => r.entry) });
    setBusy(false);
    if (!result.ok) {
      if (result.error.code === 'locked') return onLocked();
      return setError(result.error.message);
    }
    const { added, duplicates } = result.value;
    const count = t(added === 1 ? 'importAddedOne' : 'importAddedOther', added);
    setStatus(t('importAddedDone', duplicates > 0 ? t('importAddedSkipped', count, duplicates) : count));
    setRows([]);
    setSkipped([]);
    setProblems([]);
  }

  function clear() {
    setRows([]);
    setSkipped([]);
    setProblems([]);
    setPending(null);
    setStatus(null);
    setError(null);
    batches.current = new MigrationBatchCollector();
    setBatchNote('');
  }

  // Paste anywhere on the page: an image (screenshot of a QR code) or text (links, a Google export).
  useEffect(() => {
    function onPaste(event: ClipboardEvent) {
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea')) return; // typing into a field is not an import
      const data = event.clipboardData;
      if (!data) return;
      const files = [...data.files];
      event.preventDefault();
      if (files.length > 0) void addFiles(files);
      else void addText(data.getData('text/plain'));
    }
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  });

  const selected = rows.filter((r) => r.selected).length;
  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">{t('importHeading')}</h2>
      <p>{t('importIntro')}</p>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a pointer shortcut; the file input inside offers the same to the keyboard and screen readers. */}
      <div
        class={dragging ? 'drop-zone dragging' : 'drop-zone'}
        data-testid="import-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          const files = [...(e.dataTransfer?.files ?? [])];
          if (files.length > 0) void addFiles(files);
        }}
      >
        <label>
          {t('importDrop')}
          <input
            type="file"
            multiple
            data-testid="import-files"
            accept="image/*,.json,.txt,.csv,.2fas,.aes,.bin,.backup,.authpro"
            disabled={busy}
            onChange={(e) => {
              const input = e.currentTarget;
              const files = [...(input.files ?? [])];
              input.value = '';
              if (files.length > 0) void addFiles(files);
            }}
          />
        </label>
      </div>
      <label>
        {t('importPasteLabel')}
        <textarea
          rows={3}
          data-testid="import-text"
          value={pasted}
          onInput={(e) => setPasted(e.currentTarget.value)}
        />
      </label>
      <div class="row">
        <button
          type="button"
          data-testid="import-text-read"
          disabled={busy}
          onClick={() => void addText(pasted)}
        >
          {t('importReadLinks')}
        </button>
      </div>

      {progress && (
        <p>
          <label>
            {t('importReading', progress.source)}
            <progress data-testid="import-progress" max={1} value={progress.fraction} />
          </label>
        </p>
      )}

      {pending && (
        <form class="row" onSubmit={submitPassword} data-testid="import-password-form">
          <p>{pending.message}</p>
          <label>
            {t('importPasswordFor', pending.source)}
            <input
              type="password"
              autoComplete="off"
              data-testid="import-password"
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </label>
          <button type="submit" class="primary" data-testid="import-password-submit" disabled={busy}>
            {t(pending.backupText !== undefined ? 'importRestore' : 'importOpen')}
          </button>
          <button type="button" onClick={() => setPending(null)}>
            {t('commonCancel')}
          </button>
        </form>
      )}

      {selecting && (
        <RegionSelect
          key={selecting.source}
          picture={selecting.picture}
          name={selecting.source}
          onRead={(region) => void readSelected(region)}
          onCancel={() => setSelecting(null)}
        />
      )}

      {batchNote && (
        <p role="status" data-testid="import-batch">
          {batchNote}
        </p>
      )}

      {problems.length > 0 && (
        <ul data-testid="import-problems">
          {problems.map((p, i) => (
            <li key={`${p.source}-${i}`} data-testid="import-problem">
              <strong>{p.source}</strong>: {p.message}{' '}
              {p.picture && (
                <button
                  type="button"
                  data-testid="import-select-region"
                  onClick={() => p.picture && setSelecting({ source: p.source, picture: p.picture })}
                >
                  {t('importSelectCode')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}

      {rows.length > 0 && (
        <>
          <h3>{rows.length === 1 ? t('importFoundOne') : t('importFoundOther', rows.length)}</h3>
          <ul class="preview" data-testid="import-preview">
            {rows.map((row, i) => (
              <li key={row.key} data-testid="import-row" data-duplicate={row.duplicate ? 'true' : 'false'}>
                <label>
                  <input
                    type="checkbox"
                    checked={row.selected}
                    data-testid="import-row-check"
                    onChange={(e) => {
                      const checked = e.currentTarget.checked;
                      setRows((list) => list.map((r, j) => (j === i ? { ...r, selected: checked } : r)));
                    }}
                  />
                  <span>
                    <strong data-testid="import-row-issuer">{row.issuer || t('importNoIssuer')}</strong>{' '}
                    <span data-testid="import-row-label">{row.label}</span>
                  </span>
                </label>
                {row.kind !== 'totp' && <span class="tag">{row.kind.toUpperCase()}</span>}
                {row.duplicate && <span class="tag">{t('importAlready')}</span>}
              </li>
            ))}
          </ul>
          {skipped.length > 0 && (
            <details data-testid="import-skipped">
              <summary>{t('importLeftOut', skipped.length)}</summary>
              <ul>
                {skipped.map((s, i) => (
                  <li key={`${s.source}-${i}`}>{s.message}</li>
                ))}
              </ul>
            </details>
          )}
          <div class="row">
            <button
              type="button"
              class="primary"
              data-testid="import-commit"
              disabled={busy || selected === 0}
              onClick={commit}
            >
              {addButtonText(selected)}
            </button>
            <button type="button" data-testid="import-clear" onClick={clear}>
              {t('importClear')}
            </button>
          </div>
        </>
      )}
      <FormError message={error} />
      {status && (
        <p class="notice" role="status" data-testid="import-status">
          {status}
        </p>
      )}
    </section>
  );
}
