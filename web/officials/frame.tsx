/**
 * The frame of every officials' page: Vietnamese first (`lang="vi"`), English beside it, the site's and the
 * resident pages' stylesheets inline (the CSP allows inline style, never inline script), no script but the signing
 * pages' own file from this origin, and who is signed in with a sign-out button.
 *
 * Not the residents' VoteFrame: that one declares `<meta name="referrer" content="no-referrer">`, under which a
 * browser sends `Origin: null` with every form post, and the officials' posts are checked by their Origin.
 */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { FAVICON, STYLE } from '../layout.tsx';
import { VOTE_STYLE } from '../vote/style.ts';
import { OFFICIAL_STYLE } from './style.ts';
import type { Official } from './model.ts';
import { CommuneLabel } from '../commune/label.tsx';
import { En, LanguageSwitch, showsEnglish } from '../lang.tsx';

/** The kinds of staff these frames serve: their home, their name in the header, their sign-out. */
export type StaffRole = 'official' | 'monitor' | 'commune';
export const STAFF: Record<StaffRole, { home: string; vi: string; en: string }> = {
  official: { home: '/officials', vi: 'Trang cán bộ', en: 'Officials' },
  monitor: { home: '/monitors', vi: 'Ban giám sát', en: 'Monitors' },
  commune: { home: '/commune', vi: 'UBND xã', en: 'Commune People’s Committee' },
};

export interface StaffFrameInput {
  role: StaffRole;
  title: string;
  /** Who is signed in: their commune and a sign-out button. */
  who?: Official | undefined;
  wide?: boolean | undefined;
  style?: string | undefined;
  /** A script of this origin for the page (never inline: the CSP). */
  script?: string | undefined;
  /** Moves on to this URL at once (the end of a sign-in or a sign-out). */
  refresh?: string | undefined;
  children: Child;
}

export function StaffFrame(props: StaffFrameInput) {
  const staff = STAFF[props.role];
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="vi">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{props.title} — Dân bàn</title>
          <link rel="icon" href={FAVICON} />
          {props.refresh ? <meta http-equiv="refresh" content={`0; url=${props.refresh}`} /> : null}
          <style>{raw(STYLE + VOTE_STYLE + OFFICIAL_STYLE + (props.style ?? ''))}</style>
          {props.script ? <script src={props.script} defer></script> : null}
        </head>
        <body data-lang={showsEnglish() ? 'en' : 'vi'}>
          <a class="skip" href="#main">
            Bỏ qua, đến nội dung chính
          </a>
          <header>
            <a href={`${staff.home}/`}>
              Dân bàn — {staff.vi} <En>{staff.en}</En>
            </a>
            <div class="whoami">
              <LanguageSwitch />
              {props.who ? (
                <>
                  <CommuneLabel commune={props.who.commune} name={props.who.communeName} />
                  <form method="post" action={`${staff.home}/logout`}>
                    <button type="submit" class="secondary">
                      Đăng xuất <En bare>Sign out</En>
                    </button>
                  </form>
                </>
              ) : null}
            </div>
          </header>
          <main id="main" class={props.wide ? 'wide' : undefined}>
            {props.children}
          </main>
          <footer>
            Dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng. <En>People know, discuss, act, inspect, supervise, benefit.</En>
          </footer>
        </body>
      </html>
    </>
  );
}

export function OfficialFrame(props: { title: string; official?: Official | undefined; wide?: boolean; style?: string; script?: string; children: Child }) {
  return (
    <StaffFrame role="official" title={props.title} who={props.official} wide={props.wide} style={props.style} script={props.script}>
      {props.children}
    </StaffFrame>
  );
}
