import { vi } from '../i18n/vi.ts';
import { dismissNotice, useNotices } from './notices.ts';

/**
 * The live region of {@link pushNotice}: errors are announced assertively, confirmations politely.
 * Fixed to the bottom of the window so the message is seen wherever the form was.
 */
export function AlertRegion() {
  const notices = useNotices();
  const errors = notices.filter((n) => n.tone === 'error');
  const successes = notices.filter((n) => n.tone === 'success');
  return (
    <div className="notices" data-testid="notices">
      <div role="alert" className="notices__group">
        {errors.map((notice) => (
          <NoticeItem key={notice.id} notice={notice} />
        ))}
      </div>
      <div role="status" className="notices__group">
        {successes.map((notice) => (
          <NoticeItem key={notice.id} notice={notice} />
        ))}
      </div>
    </div>
  );
}

function NoticeItem({ notice }: { notice: ReturnType<typeof useNotices>[number] }) {
  return (
    <div
      className={`notice-toast notice-toast--${notice.tone}`}
      data-testid={`notice-${notice.tone}`}
    >
      <div className="notice-toast__body">
        <p className="notice-toast__message">{notice.message}</p>
        {notice.details.map((line) => (
          <p key={line} className="notice-toast__detail">
            {line}
          </p>
        ))}
      </div>
      <button
        type="button"
        className="notice-toast__close"
        onClick={() => dismissNotice(notice.id)}
        aria-label={vi.common.dismiss}
      >
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
