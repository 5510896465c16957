import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig: clock, mail and reminders', () => {
  it('uses the real clock, no SMTP and reminders on by default', () => {
    const config = loadConfig({});
    expect(config.fixedNow).toBeNull();
    expect(Math.abs(config.clock.now().getTime() - Date.now())).toBeLessThan(5_000);
    expect(config.smtp).toBeNull();
    expect(config.remindersEnabled).toBe(true);
    expect(config.remindersIntervalMs).toBe(60 * 60_000);
    expect(config.publicUrl).toBeNull();
  });

  it('fixes the clock at CAITIEN_NOW', () => {
    const config = loadConfig({ CAITIEN_NOW: '2026-02-15T09:00:00+07:00' });
    expect(config.clock.now().toISOString()).toBe('2026-02-15T02:00:00.000Z');
    expect(config.clock.now().toISOString()).toBe('2026-02-15T02:00:00.000Z');
    expect(config.fixedNow).toBe('2026-02-15T09:00:00+07:00');
  });

  it.each([
    ['2026-02-15'],
    ['15/02/2026 09:00'],
    ['2026-02-15T09:00:00'],
    ['2026-02-30T09:00:00+07:00'],
    ['ngày mai'],
  ])('refuses CAITIEN_NOW=%s with a Vietnamese message naming it', (value) => {
    expect(() => loadConfig({ CAITIEN_NOW: value })).toThrow(/CAITIEN_NOW: /u);
    expect(() => loadConfig({ CAITIEN_NOW: value })).toThrow(/Cấu hình không hợp lệ/u);
  });

  it('reads SMTP settings', () => {
    const plain = loadConfig({
      SMTP_URL: 'smtp://nhacviec:mat-khau@mail.truong.edu.vn:587',
      SMTP_FROM: 'CaiTien <nhacviec@truong.edu.vn>',
      REMINDERS_ENABLED: 'false',
      REMINDERS_INTERVAL_MINUTES: '15',
      PUBLIC_URL: 'https://caitien.truong.edu.vn/',
    });
    expect(plain.smtp).toEqual({
      url: 'smtp://nhacviec:mat-khau@mail.truong.edu.vn:587',
      from: 'CaiTien <nhacviec@truong.edu.vn>',
      secure: false,
    });
    expect(plain.remindersEnabled).toBe(false);
    expect(plain.remindersIntervalMs).toBe(15 * 60_000);
    expect(plain.publicUrl).toBe('https://caitien.truong.edu.vn');
    expect(loadConfig({ SMTP_URL: 'smtps://mail.truong.edu.vn' }).smtp?.secure).toBe(true);
    expect(
      loadConfig({ SMTP_URL: 'smtp://mail.truong.edu.vn:465', SMTP_SECURE: 'true' }).smtp?.secure,
    ).toBe(true);
  });

  it.each([
    [{ SMTP_URL: 'mail.truong.edu.vn' }, 'SMTP_URL: phải có dạng smtp://'],
    [{ SMTP_URL: 'http://mail.truong.edu.vn' }, 'SMTP_URL: phải có dạng smtp://'],
    [{ SMTP_SECURE: 'co' }, 'SMTP_SECURE: phải là true hoặc false'],
    [{ REMINDERS_ENABLED: 'yes' }, 'REMINDERS_ENABLED: phải là true hoặc false'],
    [{ PUBLIC_URL: 'caitien.vn' }, 'PUBLIC_URL: phải bắt đầu bằng http://'],
  ])('refuses %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
