import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import { vi } from '../../i18n/vi.ts';

const t = vi.planImport;

/** The page of the uploaded PDF a previewed row is on, and where (points from the page top). */
export interface PdfRowPlace {
  page: number;
  top: number;
  bottom: number;
}

type PdfDocument = PDFDocumentProxy;

/** pdfjs, loaded the first time a PDF preview needs it (it is not in the app's main bundle). */
async function loadPdfjs() {
  const pdfjs = await import('pdfjs-dist');
  // The worker is one of the app's own files (the CSP allows scripts and workers from 'self').
  pdfjs.GlobalWorkerOptions.workerSrc = new URL(
    'pdfjs-dist/build/pdf.worker.min.mjs',
    import.meta.url,
  ).toString();
  return pdfjs;
}

/**
 * The uploaded PDF's page drawn in the browser (issue 16), with the selected row's place on it
 * marked, so the user checks a rebuilt row against the page it came from. The file never leaves
 * the browser again: the preview answered the pages and the rows' places.
 */
export function PdfPageView({
  file,
  place,
  width,
}: {
  file: File;
  place: PdfRowPlace;
  /** Shown width in CSS pixels. */
  width: number;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const documentRef = useRef<{ file: File; pdf: Promise<PdfDocument> } | null>(null);
  const [scale, setScale] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let task: { cancel(): void } | null = null;
    void (async () => {
      try {
        if (documentRef.current?.file !== file) {
          const pdfjs = await loadPdfjs();
          const data = new Uint8Array(await file.arrayBuffer());
          documentRef.current = {
            file,
            pdf: pdfjs.getDocument({ data, isEvalSupported: false }).promise,
          };
        }
        const pdf = await documentRef.current.pdf;
        const page = await pdf.getPage(place.page);
        if (cancelled || !canvas.current) return;
        const base = page.getViewport({ scale: 1 });
        const shown = width / base.width;
        const ratio = window.devicePixelRatio || 1;
        const viewport = page.getViewport({ scale: shown * ratio });
        const target = canvas.current;
        target.width = Math.floor(viewport.width);
        target.height = Math.floor(viewport.height);
        target.style.width = `${width}px`;
        target.style.height = `${Math.floor(viewport.height / ratio)}px`;
        const render = page.render({ canvas: target, viewport });
        task = render;
        await render.promise;
        if (!cancelled) {
          setScale(shown);
          setFailed(false);
        }
      } catch (error) {
        if (!cancelled && !(error instanceof Error && error.name === 'RenderingCancelledException'))
          setFailed(true);
      }
    })();
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [file, place.page, width]);

  return (
    <figure className="pdf-page" data-testid="plan-import-pdf-page">
      <figcaption className="muted">{t.pdfPageCaption(place.page)}</figcaption>
      {failed ? (
        <p className="parse-warning">{t.pdfPageFailed}</p>
      ) : (
        <div
          className="pdf-page__sheet"
          style={{ width: width + 2 /* its 1px border, box-sizing: border-box */ }}
        >
          <canvas ref={canvas} />
          {scale !== null ? (
            <div
              className="pdf-page__mark"
              data-testid="plan-import-pdf-mark"
              style={{
                top: place.top * scale,
                height: Math.max(4, (place.bottom - place.top) * scale),
              }}
            />
          ) : null}
        </div>
      )}
    </figure>
  );
}
