import type { NotificationKind } from '@caitien/core';
import { useState, type FormEvent } from 'react';
import { vi } from '../../i18n/vi.ts';
import { viNotifications as t } from '../../i18n/vi-tasks.ts';
import { PageHeader } from '../../ui/page.tsx';
import { ErrorState, LoadingState } from '../../ui/status.tsx';
import {
  useNotificationPreferences,
  useUpdateNotificationPreferences,
  type NotificationPreferences,
} from './notifications.queries.ts';

/** "Thông báo": for each kind of reminder, in the app and by e-mail, on or off. */
export function NotificationSettingsScreen() {
  const preferences = useNotificationPreferences();
  return (
    <div className="narrow-page notification-settings" data-testid="notification-settings">
      <PageHeader title={t.settingsTitle} intro={t.settingsIntro} />
      {preferences.isPending ? (
        <LoadingState label={vi.common.loading} />
      ) : preferences.isError ? (
        <ErrorState
          title={t.prefsLoadError}
          error={preferences.error}
          onRetry={() => void preferences.refetch()}
        />
      ) : (
        <PreferencesForm
          key={JSON.stringify(preferences.data.kinds)}
          preferences={preferences.data}
        />
      )}
    </div>
  );
}

type Choice = { inApp: boolean; email: boolean };

function PreferencesForm({ preferences }: { preferences: NotificationPreferences }) {
  const update = useUpdateNotificationPreferences();
  const [choices, setChoices] = useState<Record<string, Choice>>(() =>
    Object.fromEntries(
      preferences.kinds.map((kind) => [kind.kind, { inApp: kind.inApp, email: kind.email }]),
    ),
  );
  const emailUsable = preferences.emailAvailable && preferences.email !== null;
  const emailNote = !preferences.emailAvailable
    ? t.emailUnavailable
    : preferences.email === null
      ? t.emailNoAddress
      : t.emailTo(preferences.email);

  const set = (kind: NotificationKind, patch: Partial<Choice>) =>
    setChoices((current) => ({
      ...current,
      [kind]: { ...(current[kind] ?? { inApp: true, email: false }), ...patch },
    }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({
      kinds: preferences.kinds.map((kind) => ({
        kind: kind.kind,
        inApp: choices[kind.kind]?.inApp ?? kind.inApp,
        email: choices[kind.kind]?.email ?? kind.email,
      })),
    });
  };

  return (
    <form className="card form form--padded" onSubmit={submit}>
      <p
        className={`notice ${emailUsable ? 'notice--info' : 'notice--warning'}`}
        data-testid="email-availability"
      >
        {emailNote}
      </p>
      <table className="table prefs-table">
        <thead>
          <tr>
            <th scope="col">{t.kind}</th>
            <th scope="col">{t.inApp}</th>
            <th scope="col">{t.email}</th>
          </tr>
        </thead>
        <tbody>
          {preferences.kinds.map((kind) => {
            const choice = choices[kind.kind] ?? { inApp: kind.inApp, email: kind.email };
            return (
              <tr key={kind.kind} data-testid={`pref-${kind.kind}`}>
                <th scope="row">{kind.label}</th>
                <td>
                  <input
                    type="checkbox"
                    className="prefs-table__toggle"
                    aria-label={`${kind.label}: ${t.inApp}`}
                    checked={choice.inApp}
                    onChange={(event) => set(kind.kind, { inApp: event.target.checked })}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    className="prefs-table__toggle"
                    aria-label={`${kind.label}: ${t.email}`}
                    checked={choice.email && emailUsable}
                    disabled={!emailUsable}
                    title={emailUsable ? undefined : emailNote}
                    onChange={(event) => set(kind.kind, { email: event.target.checked })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="submit" className="button" disabled={update.isPending}>
          {t.save}
        </button>
      </div>
    </form>
  );
}
