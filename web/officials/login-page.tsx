/**
 * Signing in. Locally the demo accounts of the local issuer; on AWS officials sign in through the commune's
 * Cognito user pool, which these pages do not (yet) reach: the page says so instead of showing a form.
 */
import { OfficialFrame } from './frame.tsx';
import { Bi, SignInFields } from './parts.tsx';

export interface LoginPageInput {
  /** Whether this server signs people in itself (local mode). */
  available: boolean;
  username?: string | undefined;
  failure?: 'wrong' | 'not_official' | undefined;
}

export function LoginPage(props: LoginPageInput) {
  return (
    <OfficialFrame title="Đăng nhập">
      <h1>
        <Bi vi="Đăng nhập cho cán bộ" en="Officials’ sign-in" />
      </h1>
      {props.failure ? (
        <div class="panel panel-alert" role="alert" id="problems">
          <p>
            {props.failure === 'wrong' ? (
              <Bi vi="Sai tên đăng nhập hoặc mật khẩu." en="Wrong username or password." />
            ) : (
              <Bi
                vi="Tài khoản này không phải tài khoản cán bộ. Thành viên Ban giám sát dùng trang của Ban."
                en="This is not an official’s account. Monitors use their own pages."
              />
            )}
          </p>
        </div>
      ) : null}
      {props.available ? (
        <form method="post" action="/officials/login">
          <SignInFields username={props.username} />
          <p class="hint">
            <Bi vi="Phiên đăng nhập hết hạn sau tối đa 8 giờ." en="A session ends after 8 hours at most." />
          </p>
        </form>
      ) : (
        <div class="panel panel-warn">
          <p>
            <Bi
              vi="Trên hệ thống của xã, cán bộ đăng nhập bằng tài khoản do xã cấp (Amazon Cognito). Trang này chưa hỗ trợ cách đăng nhập đó; hãy dùng công cụ của xã để gọi API."
              en="On the commune’s system officials sign in with the account the commune issued (Amazon Cognito). These pages do not support that sign-in yet; use the commune’s tools for the API."
            />
          </p>
        </div>
      )}
    </OfficialFrame>
  );
}
