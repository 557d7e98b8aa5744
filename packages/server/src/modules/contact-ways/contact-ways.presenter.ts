import type { ContactWayDto, MemberScheduleDto } from '@rapport/shared';
import type { WelcomeContent } from '../customers/index.js';
import type { ContactWayRow } from './contact-ways.repository.js';

export function parseJson<T>(json: string | null, fallback: T): T {
  if (json === null) return fallback;
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
}

export const memberIdsOf = (row: ContactWayRow) => parseJson<string[]>(row.member_ids, []);
export const tagIdsOf = (row: ContactWayRow) => parseJson<string[]>(row.tag_ids, []);
export const schedulesOf = (row: ContactWayRow) => parseJson<MemberScheduleDto[]>(row.schedules, []);
export const welcomeOf = (row: ContactWayRow) => parseJson<WelcomeContent | null>(row.welcome, null);

/** The consumer-facing link of a way. */
export const linkOf = (publicUrl: string, token: string) => `${publicUrl}/app/add/${token}`;

/** A contact way on the wire; the token shows only inside its link. */
export const presentContactWay = (row: ContactWayRow, publicUrl: string): ContactWayDto => ({
  id: row.id,
  name: row.name,
  type: row.type,
  memberIds: memberIdsOf(row),
  skipVerify: row.skip_verify === 1,
  state: row.state,
  remark: row.remark,
  tagIds: tagIdsOf(row),
  welcome: welcomeOf(row) as ContactWayDto['welcome'],
  dailyCapPerMember: row.daily_cap === null ? null : Number(row.daily_cap),
  schedules: schedulesOf(row),
  url: linkOf(publicUrl, row.token),
  createdBy: row.created_by,
  adds: Number(row.adds),
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
});
