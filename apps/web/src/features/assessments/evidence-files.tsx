import { useId, useRef } from 'react';
import { routeUrl } from '../../api/http-client.ts';
import { vi } from '../../i18n/vi.ts';
import type { EvidenceItem } from './assessments.queries.ts';
import { useDeleteEvidenceFile, useUploadEvidenceFile } from './assessments.queries.ts';

const t = vi.assessment.evidence;

/** What the file inputs accept: the types the server keeps (it checks the bytes itself). */
const FILE_ACCEPT =
  'image/*,application/pdf,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.heic,.heif';

/** "1,2 MB", "350 KB". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * "Tải tệp lên" and, for a phone, "Chụp ảnh văn bản" (the camera opens at once: `capture`). The
 * bytes go as they are; the server checks their type and size and answers in Vietnamese.
 */
export function EvidenceUpload({
  assessmentId,
  evidence,
}: {
  assessmentId: string;
  evidence: Pick<EvidenceItem, 'id' | 'code'>;
}) {
  const upload = useUploadEvidenceFile(assessmentId);
  const fileId = useId();
  const photoId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const photoRef = useRef<HTMLInputElement>(null);

  function send(input: HTMLInputElement | null) {
    const file = input?.files?.[0];
    if (!input || !file) return;
    upload.mutate(
      { evidenceId: evidence.id, file },
      {
        onSettled: () => {
          input.value = '';
        },
      },
    );
  }

  return (
    <div className="evidence-upload" data-testid="evidence-upload" data-code={evidence.code}>
      <label htmlFor={fileId} className="button button--small button--secondary">
        {upload.isPending ? t.uploading : t.upload}
      </label>
      <input
        id={fileId}
        ref={fileRef}
        type="file"
        className="visually-hidden"
        accept={FILE_ACCEPT}
        disabled={upload.isPending}
        onChange={() => send(fileRef.current)}
        data-testid="evidence-file-input"
      />
      <label
        htmlFor={photoId}
        className="button button--small button--secondary evidence-upload__photo"
      >
        {t.photo}
      </label>
      <input
        id={photoId}
        ref={photoRef}
        type="file"
        className="visually-hidden"
        accept="image/*,application/pdf"
        capture="environment"
        disabled={upload.isPending}
        onChange={() => send(photoRef.current)}
        data-testid="evidence-photo-input"
      />
    </div>
  );
}

/** The files of an evidence: download links, and a remove button for those who may edit. */
export function EvidenceFileLinks({
  assessmentId,
  evidence,
  editable,
}: {
  assessmentId: string;
  evidence: Pick<EvidenceItem, 'id' | 'files' | 'link'>;
  editable: boolean;
}) {
  const remove = useDeleteEvidenceFile(assessmentId);
  if (evidence.files.length === 0 && !evidence.link) return null;
  return (
    <ul className="evidence-files" data-testid="evidence-files">
      {evidence.files.map((file) => (
        <li key={file.id} className="evidence-files__item">
          <a
            href={routeUrl('downloadEvidenceFile', {
              params: { assessmentId, evidenceId: evidence.id, fileId: file.id },
            })}
            download={file.fileName}
            title={t.download(file.fileName)}
          >
            {file.fileName}
          </a>{' '}
          <span className="muted">({formatSize(file.sizeBytes)})</span>
          {editable ? (
            <button
              type="button"
              className="link-button evidence-files__remove"
              aria-label={t.removeFile(file.fileName)}
              disabled={remove.isPending}
              onClick={() => remove.mutate({ evidenceId: evidence.id, fileId: file.id })}
            >
              ×
            </button>
          ) : null}
        </li>
      ))}
      {evidence.link ? (
        <li className="evidence-files__item">
          <a href={evidence.link} target="_blank" rel="noreferrer noopener">
            {t.link_}
          </a>
        </li>
      ) : null}
    </ul>
  );
}
