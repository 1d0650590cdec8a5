/**
 * Signing in, for officials and for monitors: one page in each role's frame. Locally the local issuer's accounts
 * (a username and password form posted to this server); on AWS the commune's Cognito user pool, whose own sign-in
 * page (with the first-time password change, the TOTP second factor and the forgotten password) the button leads
 * to, so that the password never passes through these pages.
 */
import { STAFF, StaffFrame, type StaffRole } from './officials/frame.tsx';
import { Bi, SignInFields } from './officials/parts.tsx';
import { En } from './lang.tsx';

export type SignInRole = StaffRole;
/** `password`: this server checks a username and password (local mode); `hosted`: the user pool's page. */
export type SignInMode = 'password' | 'hosted' | 'none';
export type SignInFailure = 'wrong' | 'wrong_role' | 'expired' | 'cancelled' | 'unavailable';

export interface SignInPageInput {
  role: SignInRole;
  mode: SignInMode;
  username?: string | undefined;
  failure?: SignInFailure | undefined;
}

const HEADING: Record<SignInRole, { vi: string; en: string }> = {
  official: { vi: 'Đăng nhập cho cán bộ', en: 'Officials’ sign-in' },
  monitor: { vi: 'Đăng nhập cho Ban giám sát', en: 'Monitors’ sign-in' },
  commune: { vi: 'Đăng nhập cho UBND xã', en: 'Commune People’s Committee sign-in' },
};

const FAILURE: Record<SignInFailure, (role: SignInRole) => { vi: string; en: string }> = {
  wrong: () => ({ vi: 'Sai tên đăng nhập hoặc mật khẩu.', en: 'Wrong username or password.' }),
  wrong_role: (role) =>
    role === 'commune'
      ? { vi: 'Tài khoản này không phải tài khoản của UBND xã.', en: 'This is not an account of the commune People’s Committee.' }
      : role === 'official'
        ? {
            vi: 'Tài khoản này không phải tài khoản cán bộ. Thành viên Ban giám sát dùng trang của Ban.',
            en: 'This is not an official’s account. Monitors use their own pages.',
          }
        : {
            vi: 'Tài khoản này không phải tài khoản của Ban giám sát. Cán bộ xã dùng trang cán bộ.',
            en: 'This is not a monitor’s account. Officials use their own pages.',
          },
  expired: () => ({
    vi: 'Lượt đăng nhập này đã hết hạn hoặc không hợp lệ. Hãy đăng nhập lại.',
    en: 'This sign-in attempt expired or is not valid. Sign in again.',
  }),
  cancelled: () => ({
    vi: 'Chưa đăng nhập: trang đăng nhập của xã đã dừng lại hoặc bị hủy.',
    en: 'Not signed in: the commune’s sign-in page stopped or was cancelled.',
  }),
  unavailable: () => ({
    vi: 'Không liên lạc được với dịch vụ đăng nhập của xã. Không có gì bị thay đổi; hãy thử lại sau ít phút.',
    en: 'The commune’s sign-in service could not be reached. Nothing was changed; try again in a few minutes.',
  }),
};

function Body(props: SignInPageInput) {
  const base = STAFF[props.role].home;
  const heading = HEADING[props.role];
  const failure = props.failure ? FAILURE[props.failure](props.role) : undefined;
  return (
    <>
      <h1>
        <Bi vi={heading.vi} en={heading.en} />
      </h1>
      {failure ? (
        <div class="panel panel-alert" role="alert" id="problems">
          <p>
            <Bi vi={failure.vi} en={failure.en} />
          </p>
        </div>
      ) : null}
      {props.mode === 'password' ? (
        <form method="post" action={`${base}/login`}>
          <SignInFields username={props.username} />
          <p class="hint">
            <Bi vi="Phiên đăng nhập hết hạn sau tối đa 8 giờ." en="A session ends after 8 hours at most." />
          </p>
        </form>
      ) : props.mode === 'hosted' ? (
        <>
          <p>
            <Bi
              vi="Đăng nhập bằng tài khoản xã đã cấp cho bạn. Lần đầu đăng nhập, trang của xã sẽ yêu cầu đổi mật khẩu tạm thời và bật xác thực hai lớp."
              en="Sign in with the account the commune issued to you. At the first sign-in the commune’s page asks you to change the temporary password and turn on two-step verification."
            />
          </p>
          {/* A link, not a form: the site's CSP allows forms to post only to this origin, redirects included. */}
          <p>
            <a class="button" id="sign-in" href={`${base}/login/start`}>
              Đăng nhập <En>Sign in</En>
            </a>
          </p>
          <p class="hint">
            <Bi vi="Phiên đăng nhập hết hạn sau tối đa 1 giờ; khi đó hãy đăng nhập lại." en="A session ends after one hour at most; then sign in again." />
          </p>
        </>
      ) : (
        <div class="panel panel-warn">
          <p>
            <Bi vi="Hệ thống này chưa được cấu hình để đăng nhập qua trang web." en="This installation is not set up for signing in on these pages." />
          </p>
        </div>
      )}
    </>
  );
}

export function SignInPage(props: SignInPageInput) {
  return (
    <StaffFrame role={props.role} title="Đăng nhập">
      <Body {...props} />
    </StaffFrame>
  );
}

/**
 * After signing out through the user pool: the user pool's own session must end too, on its domain. A form's
 * redirect there would break the CSP's `form-action 'self'`, so this page, on our origin, moves on itself.
 */
export function SignedOutPage(props: { role: SignInRole; next: string }) {
  const inner = (
    <>
      <h1>
        <Bi vi="Đã đăng xuất" en="Signed out" />
      </h1>
      <p>
        <a href={props.next}>
          <Bi vi="Đăng xuất khỏi tài khoản của xã" en="Also sign out of the commune’s account" />
        </a>
      </p>
    </>
  );
  return (
    <StaffFrame role={props.role} title="Đã đăng xuất" refresh={props.next}>
      {inner}
    </StaffFrame>
  );
}

/**
 * The page that ends a sign-in through the user pool. The browser arrives here from the user pool's domain, and a
 * SameSite=Strict cookie is not sent on a navigation that another site started, nor on the redirects that follow it;
 * so this page, now on our own origin, moves on itself (a refresh, or the link), and the session cookie goes along.
 */
export function SignedInPage(props: { role: SignInRole }) {
  const home = `${STAFF[props.role].home}/`;
  const inner = (
    <>
      <h1>
        <Bi vi="Đã đăng nhập" en="Signed in" />
      </h1>
      <p>
        <a href={home}>
          <Bi vi="Tiếp tục" en="Continue" />
        </a>
      </p>
    </>
  );
  return (
    <StaffFrame role={props.role} title="Đã đăng nhập" refresh={home}>
      {inner}
    </StaffFrame>
  );
}
