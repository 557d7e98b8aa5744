import type { ContactWayDto } from '@rapport/shared';
import { describe, expect, it } from 'vitest';
import { contactWaysCsv, toCsv } from './csv';

describe('admin CSV exports', () => {
  it('quotes separators and neutralises spreadsheet formulas', () => {
    const csv = toCsv(
      ['a', 'b'],
      [
        ['x,y', 'say "hi"'],
        ['=SUM(A1)', '+1'],
        ['-2', '@me'],
      ],
    );
    expect(csv.startsWith('\uFEFFa,b\r\n')).toBe(true);
    expect(csv).toContain('"x,y","say ""hi"""\r\n');
    expect(csv).toContain("'=SUM(A1),'+1\r\n");
    expect(csv).toContain("'-2,'@me\r\n");
  });

  it('lists a contact way with its members, tags and adds (today too)', () => {
    const way: ContactWayDto = {
      id: 'w1',
      name: 'Poster',
      type: 'multi',
      memberIds: ['m1', 'm2'],
      skipVerify: true,
      state: 'store1',
      remark: 'VIP',
      tagIds: ['t1'],
      welcome: null,
      dailyCapPerMember: null,
      schedules: [],
      url: 'https://x.example/app/add/abc',
      createdBy: 'm0',
      adds: 7,
      addsToday: 2,
      createdAt: 0,
      updatedAt: 0,
    };
    const t = (key: string) => key.split('.').pop() ?? key;
    const csv = contactWaysCsv(
      [way],
      (id) => ({ m1: 'Wang', m2: 'Li' })[id] ?? '?',
      () => 'Gold',
      t,
      () => '2026-01-01',
    );
    expect(csv.split('\r\n')[1]).toBe('Poster,multi,Wang / Li,store1,VIP,Gold,yes,,7,2,https://x.example/app/add/abc,2026-01-01');
  });
});
