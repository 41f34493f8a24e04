import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { Region } from '@/lib/transfer/read-file';

const clamp = (v: number) => Math.min(1, Math.max(0, v));
/** Keyboard users start from a centred box and move (arrows) or resize (Shift + arrows) it. */
const KEY_START: Region = { left: 0.35, top: 0.35, width: 0.3, height: 0.3 };
const KEY_STEP = 0.02;

function between(a: { x: number; y: number }, b: { x: number; y: number }): Region {
  return {
    left: Math.min(a.x, b.x),
    top: Math.min(a.y, b.y),
    width: Math.abs(a.x - b.x),
    height: Math.abs(a.y - b.y),
  };
}

function nudge(region: Region, key: string, resize: boolean): Region | null {
  const dx = key === 'ArrowLeft' ? -KEY_STEP : key === 'ArrowRight' ? KEY_STEP : 0;
  const dy = key === 'ArrowUp' ? -KEY_STEP : key === 'ArrowDown' ? KEY_STEP : 0;
  if (dx === 0 && dy === 0) return null;
  if (resize) {
    const width = Math.min(1 - region.left, Math.max(KEY_STEP, region.width + dx));
    const height = Math.min(1 - region.top, Math.max(KEY_STEP, region.height + dy));
    return { ...region, width, height };
  }
  return {
    ...region,
    left: clamp(Math.min(1 - region.width, region.left + dx)),
    top: clamp(Math.min(1 - region.height, region.top + dy)),
  };
}

/**
 * "Select the code": the user drags a box over the QR code on a picture where the automatic scan
 * found none (a tiny code in a large screenshot), and only that part is decoded.
 */
export function RegionSelect({
  picture,
  name,
  onRead,
  onCancel,
}: {
  picture: Blob;
  name: string;
  onRead: (region: Region) => void;
  onCancel: () => void;
}) {
  const [url] = useState(() => URL.createObjectURL(picture));
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  const box = useRef<HTMLDivElement>(null);
  // A ref, not state: the pointer's moves can arrive before a re-render would have stored it.
  const anchor = useRef<{ x: number; y: number } | null>(null);
  const [region, setRegion] = useState<Region | null>(null);

  function at(event: PointerEvent) {
    const rect = box.current?.getBoundingClientRect();
    if (!rect || rect.width === 0 || rect.height === 0) return { x: 0, y: 0 };
    return {
      x: clamp((event.clientX - rect.left) / rect.width),
      y: clamp((event.clientY - rect.top) / rect.height),
    };
  }

  const usable = region !== null && region.width > 0.005 && region.height > 0.005;
  return (
    <div class="region-select" data-testid="region-select">
      <p id="region-help">{t('regionHelp', name)}</p>
      <div
        ref={box}
        class="region-picture"
        data-testid="region-picture"
        role="application"
        aria-label={t('regionPictureAria', name)}
        aria-describedby="region-help"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the keyboard alternative to dragging lives on this element.
        tabIndex={0}
        onPointerDown={(e) => {
          e.preventDefault();
          box.current?.setPointerCapture(e.pointerId);
          const p = at(e);
          anchor.current = p;
          setRegion({ left: p.x, top: p.y, width: 0, height: 0 });
        }}
        onPointerMove={(e) => {
          if (anchor.current) setRegion(between(anchor.current, at(e)));
        }}
        onPointerUp={(e) => {
          if (anchor.current) setRegion(between(anchor.current, at(e)));
          anchor.current = null;
        }}
        onKeyDown={(e) => {
          const next = nudge(region ?? KEY_START, e.key, e.shiftKey);
          if (next) {
            e.preventDefault();
            setRegion(next);
          } else if (e.key === 'Enter' && usable && region) onRead(region);
        }}
      >
        <img src={url} alt="" draggable={false} />
        {region && (
          <div
            class="region-box"
            data-testid="region-box"
            style={{
              left: `${region.left * 100}%`,
              top: `${region.top * 100}%`,
              width: `${region.width * 100}%`,
              height: `${region.height * 100}%`,
            }}
          />
        )}
      </div>
      <div class="row">
        <button
          type="button"
          class="primary"
          data-testid="region-read"
          disabled={!usable}
          onClick={() => region && onRead(region)}
        >
          {t('regionRead')}
        </button>
        <button type="button" data-testid="region-cancel" onClick={onCancel}>
          {t('commonCancel')}
        </button>
      </div>
    </div>
  );
}
