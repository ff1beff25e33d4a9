import { useEffect, useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import { gridMetrics } from '../../shared/page/geometry';
import { PASTEBOARD_PX } from '../page/bin-layout';
import { t } from '../i18n/i18n';
import type { AppController } from './app-controller';

const PAD = 16;

/**
 * The scrolling view of the page. The page is laid out at 100 % and scaled
 * with a transform, so zoom never changes a line break. React renders only
 * the frame; the page element inside belongs to ProseMirror.
 */
export function PageViewport({ app, zoom, hasDocument, loading }: { app: AppController; zoom: number; hasDocument: boolean; loading: boolean }) {
  const viewport = useRef<HTMLDivElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const snap = useSyncExternalStore(app.subscribe, app.getSnapshot);
  const settings = snap.session?.settings;
  const m = settings ? gridMetrics(settings) : null;

  useLayoutEffect(() => {
    app.attach(container.current!, viewport.current!);
  }, [app]);

  useEffect(() => {
    const el = viewport.current!;
    const observer = new ResizeObserver(() => app.viewportResized());
    observer.observe(el);
    return () => observer.disconnect();
  }, [app]);

  const width = m ? m.paperWidthPx * zoom : 0;
  const height = m ? m.paperHeightPx * zoom : 0;
  return (
    <div className="bm-viewport bm-screen" ref={viewport}>
      <div className="bm-sizer" style={{ width: width + 2 * PAD + (m ? PASTEBOARD_PX : 0), height: height + 2 * PAD }}>
        <div className="bm-paper-shadow" style={{ left: PAD, top: PAD, width, height, display: m ? 'block' : 'none' }} />
        <div
          className="bm-zoom"
          data-zoom={zoom}
          style={{ left: PAD, top: PAD, transform: `scale(${zoom})` }}
          ref={container}
        />
      </div>
      {!hasDocument ? <div className="bm-empty">{loading ? t('loading') : t('noDocument')}</div> : null}
    </div>
  );
}
