import { emptyPlanHeader } from '@caitien/core';
import { describe, expect, it } from 'vitest';
import { completeHeader, headerFromProfile } from './plan-defaults.ts';

const fromProfile = headerFromProfile({
  profile: {
    governingBody: 'UBND xã Thanh Luông',
    documentSymbol: 'THTL',
    placeName: 'Thanh Luông',
  },
  schoolName: 'Trường Tiểu học Thanh Luông',
  schoolYear: '2025-2026',
  people: [
    { fullName: 'Lò Văn Cũ', position: 'Hiệu trưởng', isActive: false },
    { fullName: 'Nguyễn Thị Kim Dung', position: 'Hiệu trưởng', isActive: true },
  ],
  supervisorNames: ['UBND xã Thanh Luông'],
});

/** A header as an imported file gives it: only what the file wrote. */
const fileHeader = (over: Partial<typeof fromProfile> = {}) => ({ ...emptyPlanHeader(), ...over });

describe('headerFromProfile', () => {
  it('uses the profile and the active principal', () => {
    expect(fromProfile).toMatchObject({
      governingBody: 'UBND XÃ THANH LUÔNG',
      schoolName: 'TRƯỜNG TIỂU HỌC THANH LUÔNG',
      documentNumber: '    /KH-THTL',
      placeName: 'Thanh Luông',
      subtitle: 'Cải tiến chất lượng giáo dục năm học 2025 - 2026',
      signerName: 'Nguyễn Thị Kim Dung',
      recipients: ['UBND xã Thanh Luông (để b/c);', 'Lưu: VT.'],
    });
  });
});

describe('completeHeader', () => {
  it('keeps what the file gives and fills the rest from the profile, saying which is which', () => {
    const { header, sources } = completeHeader(
      fileHeader({
        schoolName: 'TRƯỜNG TIỂU HỌC THANH LUÔNG',
        signerName: 'Nguyễn Thị Kim Dung',
        documentNumber: '12/KH-THTL',
        recipients: ['Hội đồng TĐG;', 'Lưu: VT.'],
      }),
      fromProfile,
    );
    expect(header).toMatchObject({
      governingBody: 'UBND XÃ THANH LUÔNG',
      documentNumber: '12/KH-THTL',
      placeName: 'Thanh Luông',
      documentDate: null,
      signerPrefix: '',
      recipients: ['Hội đồng TĐG;', 'Lưu: VT.'],
    });
    expect(sources).toEqual({
      governingBody: 'profile',
      schoolName: 'file',
      documentNumber: 'file',
      placeName: 'profile',
      title: 'profile',
      subtitle: 'profile',
      signerTitle: 'profile',
      signerName: 'file',
      recipients: 'file',
    });
  });

  it('takes the profile’s symbol over a number the file left blank ("Số:    /KH-")', () => {
    const { header, sources } = completeHeader(
      fileHeader({ documentNumber: '   /KH-' }),
      fromProfile,
    );
    expect(header.documentNumber).toBe('    /KH-THTL');
    expect(sources.documentNumber).toBe('profile');
    expect(header.recipients).toEqual(fromProfile.recipients);
    expect(sources.recipients).toBe('profile');
  });

  it('reports a field neither gives as empty', () => {
    const bare = { ...fromProfile, placeName: '' };
    expect(completeHeader(fileHeader(), bare).sources.placeName).toBe('empty');
  });
});
