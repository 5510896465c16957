import type { JobStatus } from '@caitien/shared';
import { ApiError } from './api-error.ts';
import { apiRequest } from './http-client.ts';
import { vi } from '../i18n/vi.ts';

/** How often a job is asked about while the server works on it. */
export const JOB_POLL_MS = 700;

/**
 * Waits for a background job the user asked for (issue 15 "Background jobs": a PDF, a large
 * import): asks `GET /api/jobs/:jobId` every {@link JOB_POLL_MS} until it is done, and answers
 * its status (with the download address). A job that failed for good throws an {@link ApiError}
 * with the server's Vietnamese reason; `onProgress` hears each waiting or running state.
 */
export async function waitForJob(
  jobId: string,
  options: { signal: AbortSignal; onProgress?: (job: JobStatus) => void },
): Promise<JobStatus & { downloadUrl: string }> {
  const { signal } = options;
  for (;;) {
    const job = await apiRequest('getJob', { params: { jobId }, signal });
    if (job.state === 'done' && job.downloadUrl) return { ...job, downloadUrl: job.downloadUrl };
    if (job.state === 'failed' || job.state === 'done') {
      throw new ApiError({
        code: 'SERVICE_UNAVAILABLE',
        status: 0,
        message: job.error ?? vi.errors.jobFailed,
      });
    }
    options.onProgress?.(job);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, JOB_POLL_MS);
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          reject(signal.reason as Error);
        },
        { once: true },
      );
    });
  }
}

/** What a finished job made, read as JSON (an import's preview). */
export async function downloadJobJson<T>(url: string, signal: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ code: 'NETWORK_ERROR', status: 0, message: vi.errors.network, cause });
  }
  if (!response.ok) {
    throw new ApiError({
      code: 'BAD_RESPONSE',
      status: response.status,
      message: vi.errors.badResponse(response.status),
    });
  }
  return (await response.json()) as T;
}
