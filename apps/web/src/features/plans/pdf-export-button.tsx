import type { PlanLayout } from '@caitien/core';
import { useEffect, useRef, useState } from 'react';
import { apiRequest } from '../../api/http-client.ts';
import { waitForJob } from '../../api/jobs.ts';
import { vi } from '../../i18n/vi.ts';
import { ErrorState } from '../../ui/status.tsx';

const t = vi.planDocuments;

type ExportState =
  { kind: 'idle' } | { kind: 'working'; attempts: number } | { kind: 'failed'; error: unknown };

/**
 * "Tải PDF" through the job queue (issue 15 "Background jobs"): asks the server to make the PDF
 * (POST /api/plans/:planId/exports → 202 job), waits for the job, then downloads what it made.
 * The request itself never waits for LibreOffice, so a long plan or a busy server shows
 * "Đang tạo PDF…" instead of a hanging link; a failure is told in the server's words.
 */
export function PdfExportButton({ planId, layout }: { planId: string; layout: PlanLayout }) {
  const [state, setState] = useState<ExportState>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  async function run() {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    const { signal } = controller;
    setState({ kind: 'working', attempts: 0 });
    try {
      const { jobId } = await apiRequest('requestPlanExport', {
        params: { planId },
        body: { format: 'pdf', layout },
        signal,
      });
      const job = await waitForJob(jobId, {
        signal,
        onProgress: (progress) => setState({ kind: 'working', attempts: progress.attempts }),
      });
      const link = document.createElement('a');
      link.href = job.downloadUrl;
      link.download = job.fileName ?? '';
      document.body.append(link);
      link.click();
      link.remove();
      setState({ kind: 'idle' });
    } catch (error) {
      if (signal.aborted) return;
      setState({ kind: 'failed', error });
    }
  }

  const working = state.kind === 'working';
  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => void run()}
        disabled={working}
        aria-busy={working}
        data-testid="download-pdf"
      >
        {working ? t.pdfWorking(state.attempts) : t.pdf}
      </button>
      {state.kind === 'failed' ? (
        <ErrorState
          title={t.pdfFailed}
          error={state.error}
          onRetry={() => void run()}
          testId="download-pdf-error"
        />
      ) : null}
    </>
  );
}
