/**
 * The secretary's meeting page (../../core/meeting.ts): attendance by roll id with the live quorum, and the
 * procedural votes; at a meeting in residential clusters, each arrival's cluster and each cluster's show of hands. A mistake the secretary can fix (a roll id not on the roll, counts that do not add up) shows the
 * page again with the reason; every entry is the API's use case and an audit event.
 */
import type { Context } from 'hono';
import { DomainError } from '../../../shared/errors.ts';
import { MeetingPage, type MeetingPageInput } from '../../../web/officials/meeting-page.tsx';
import { loadForOfficial } from '../../core/access.ts';
import { Cluster } from '../../core/meeting-log.ts';
import { Voting } from '../../../shared/schemas.ts';
import {
  AttendanceBody,
  meetingStatus,
  ProceduralVoteBody,
  recordAttendance,
  recordHandCount,
  recordProceduralVote,
  recordVotingMethod,
} from '../../core/meeting.ts';
import { consultationId, formFields, formLimit, page } from '../pages/respond.ts';
import type { OfficialApp, OfficialEnv, OfficialPagesDeps } from './env.ts';
import { officialOf } from './respond.tsx';

export function meetingRoutes(app: OfficialApp, deps: OfficialPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<OfficialEnv>) => c.get('official');

  const show = async (c: Context<OfficialEnv>, status: number, more: Pick<MeetingPageInput, 'last' | 'problem' | 'cluster'> = {}) => {
    const id = consultationId(c);
    const { rec } = await loadForOfficial(core, who(c), id);
    const meeting = await meetingStatus(core, who(c), id);
    const open = rec.state === 'voting';
    return page(c, status, <MeetingPage official={officialOf(who(c))!} consultation={rec.consultation} meeting={meeting} open={open} {...more} />);
  };

  app.get('/officials/c/:id/meeting', (c) => show(c, 200));

  app.post('/officials/c/:id/meeting/attendance', formLimit, async (c) => {
    const fields = await formFields(c);
    const named = (fields.get('cluster') ?? '').trim();
    const parsed = AttendanceBody.safeParse({ household: (fields.get('household') ?? '').trim(), ...(named ? { cluster: named } : {}) });
    if (!parsed.success) return show(c, 400, { problem: { vi: 'Số hộ hoặc tên cụm không hợp lệ.', en: 'Not a roll id or a cluster name.' } });
    const { household, cluster } = parsed.data;
    try {
      const r = await recordAttendance(core, who(c), consultationId(c), household, cluster);
      return show(c, 200, { last: { household, recorded: r.recorded }, cluster });
    } catch (err) {
      if (err instanceof DomainError && err.code === 'invalid_request') {
        const path = err.details?.[0]?.path;
        return show(c, 400, {
          cluster,
          problem:
            path === 'cluster'
              ? {
                  vi: 'Không ghi được cụm dân cư: chỉ thôn, tổ dân phố có từ 200 hộ trở lên mới họp theo cụm, và khi đã họp theo cụm thì mỗi hộ phải ghi cụm của mình.',
                  en: 'The cluster cannot be recorded: only a hamlet of 200 households or more meets in clusters, and then every household names its cluster.',
                }
              : { vi: `Không có hộ ${household} trong danh sách.`, en: `Household ${household} is not on the roll.` },
        });
      }
      throw err;
    }
  });

  app.post('/officials/c/:id/meeting/procedural', formLimit, async (c) => {
    const fields = await formFields(c);
    const count = (k: string) => (/^\d{1,6}$/.test(fields.get(k) ?? '') ? Number(fields.get(k)) : -1);
    const parsed = ProceduralVoteBody.safeParse({
      subject: fields.get('subject'),
      text: (fields.get('text') ?? '').normalize('NFC'),
      for: count('for'),
      against: count('against'),
      abstain: count('abstain'),
    });
    if (!parsed.success)
      return show(c, 400, {
        problem: { vi: 'Hãy ghi nội dung và số hộ của mỗi lựa chọn (số nguyên).', en: 'Give the motion and whole numbers for each choice.' },
      });
    try {
      await recordProceduralVote(core, who(c), consultationId(c), parsed.data);
      return show(c, 200);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'invalid_request') {
        return show(c, 400, { problem: { vi: 'Tổng số phiếu giơ tay nhiều hơn số hộ có mặt.', en: 'More votes than households present.' } });
      }
      throw err;
    }
  });

  app.post('/officials/c/:id/meeting/voting-method', formLimit, async (c) => {
    const parsed = Voting.safeParse((await formFields(c)).get('voting'));
    if (!parsed.success) return show(c, 400, { problem: { vi: 'Hãy chọn giơ tay hoặc bỏ phiếu kín.', en: 'Choose show of hands or secret ballot.' } });
    try {
      await recordVotingMethod(core, who(c), consultationId(c), parsed.data);
      return show(c, 200);
    } catch (err) {
      if (err instanceof DomainError && (err.code === 'wrong_state' || err.code === 'busy'))
        return show(c, 409, { problem: { vi: 'Hình thức biểu quyết đã được ghi.', en: 'The voting method is already recorded.' } });
      throw err;
    }
  });

  handCountRoute(app, deps, show);
}

type Show = (c: Context<OfficialEnv>, status: number, more?: Pick<MeetingPageInput, 'last' | 'problem' | 'cluster'>) => Promise<Response>;

/** The show of hands from the form: `n.<question>.<answer>` fields and, at a meeting in clusters, the cluster. */
function handCountRoute(app: OfficialApp, { core }: OfficialPagesDeps, show: Show): void {
  const who = (c: Context<OfficialEnv>) => c.get('official');
  app.post('/officials/c/:id/meeting/hand-count', formLimit, async (c) => {
    const fields = await formFields(c);
    const named = (fields.get('cluster') ?? '').trim();
    const cluster = named ? Cluster.safeParse(named) : undefined;
    if (cluster && !cluster.success) return show(c, 400, { problem: { vi: 'Tên cụm không hợp lệ.', en: 'Not a cluster name.' } });
    const counts: Record<string, Record<string, number>> = {};
    for (const [name, value] of fields) {
      const m = /^n\.([^.]{1,64})\.([^.]{1,64})$/.exec(name);
      if (!m || !/^\d{1,6}$/.test(value.trim())) continue;
      const question = counts[m[1]!] ?? {};
      question[m[2]!] = Number(value.trim());
      counts[m[1]!] = question;
    }
    try {
      await recordHandCount(core, who(c), consultationId(c), counts, cluster?.data);
      return show(c, 200, { cluster: cluster?.data });
    } catch (err) {
      if (err instanceof DomainError && err.code === 'invalid_request')
        return show(c, 400, {
          cluster: cluster?.data,
          problem: cluster
            ? {
                vi: `Số giơ tay của mỗi câu ở cụm ${cluster.data} phải đủ và không vượt quá số hộ có mặt ở cụm đó.`,
                en: `Each question needs its counts in cluster ${cluster.data}, at most the households present there.`,
              }
            : {
                vi: 'Số giơ tay của mỗi câu phải đủ và không vượt quá số hộ có mặt; cuộc họp theo cụm thì nhập theo từng cụm.',
                en: 'Each question needs its counts, at most the households present; a meeting in clusters enters each cluster’s.',
              },
        });
      throw err;
    }
  });
}
