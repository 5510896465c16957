import { useState } from 'react';
import { errorMessageOf } from '../../api/api-error.ts';
import { vi } from '../../i18n/vi.ts';
import { CheckboxField, TextAreaField } from '../../ui/form.tsx';
import { Modal } from '../../ui/modal.tsx';
import { downloadPersonalData, useErasePersonalData } from './personal-data.queries.ts';
import type { UserAccount } from './users.queries.ts';

const t = vi.personalData;

/**
 * "Dữ liệu cá nhân" of one account (NĐ 13/2023): download everything held about the person, or erase
 * it on their request. Approved documents naming them stay as they were (docs/personal-data.md).
 */
export function PersonalDataDialog({ user, onClose }: { user: UserAccount; onClose: () => void }) {
  const erase = useErasePersonalData();
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [download, setDownload] = useState<{ pending: boolean; error: string | null }>({
    pending: false,
    error: null,
  });
  const done = erase.data;

  return (
    <Modal
      title={t.title(user.displayName)}
      onClose={onClose}
      dismissible={!erase.isPending}
      testId="personal-data-dialog"
    >
      {done ? (
        <>
          <p className="notice notice--success" role="status">
            {t.erased(done.displayName)}
          </p>
          <div className="form-actions">
            <button type="button" className="button" onClick={onClose}>
              {vi.common.close}
            </button>
          </div>
        </>
      ) : (
        <>
          <section className="stack">
            <h3 className="panel__title">{t.exportTitle}</h3>
            <p className="muted">{t.exportIntro}</p>
            {download.error ? (
              <p className="form-alert" role="alert">
                {download.error}
              </p>
            ) : null}
            <div className="form-actions">
              <button
                type="button"
                className="button button--secondary"
                disabled={download.pending}
                onClick={() => {
                  setDownload({ pending: true, error: null });
                  downloadPersonalData(user.id, user.username).then(
                    () => setDownload({ pending: false, error: null }),
                    (error: unknown) =>
                      setDownload({ pending: false, error: errorMessageOf(error) }),
                  );
                }}
              >
                {t.download}
              </button>
            </div>
          </section>
          <form
            className="form"
            onSubmit={(event) => {
              event.preventDefault();
              erase.mutate({ userId: user.id, reason });
            }}
          >
            <h3 className="panel__title">{t.eraseTitle}</h3>
            <p className="muted">{t.eraseIntro}</p>
            {erase.isError ? (
              <p className="form-alert" role="alert">
                {errorMessageOf(erase.error)}
              </p>
            ) : null}
            <TextAreaField
              label={t.reason}
              hint={t.reasonHint}
              required
              maxLength={500}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
            <CheckboxField
              label={t.confirm}
              checked={confirmed}
              onChange={(event) => setConfirmed(event.target.checked)}
            />
            <div className="form-actions">
              <button
                type="submit"
                className="button button--danger"
                disabled={!confirmed || reason.trim() === '' || erase.isPending}
              >
                {t.erase}
              </button>
              <button type="button" className="button button--secondary" onClick={onClose}>
                {vi.common.cancel}
              </button>
            </div>
          </form>
        </>
      )}
    </Modal>
  );
}
