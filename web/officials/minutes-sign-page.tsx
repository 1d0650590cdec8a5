/**
 * The officials' page where the chair and the secretary sign the drafted minutes, each with their own key kept in
 * this browser (./minutes-signing.tsx); the one officials' page with a script, served from this origin.
 */
import type { Consultation } from '../../shared/schemas.ts';
import { StaffFrame } from './frame.tsx';
import type { Official } from './model.ts';
import { MinutesSigning, SIGNING_STYLE, type MinutesSigningInput } from './minutes-signing.tsx';
import { Bi } from './parts.tsx';

/** The officials' signing script: ../../functions/http/signing-script.ts with the minutes' part. */
export const OFFICIAL_SIGN_SRC = '/officials/assets/sign.js';

export interface MinutesSignPageInput {
  official: Official;
  consultation: Consultation;
  signing: Omit<MinutesSigningInput, 'roles' | 'action'>;
}

export function MinutesSignPage(props: MinutesSignPageInput) {
  const c = props.consultation;
  return (
    <StaffFrame role="official" title="Ký biên bản" who={props.official} style={SIGNING_STYLE} script={OFFICIAL_SIGN_SRC}>
      <p>
        <a href={`/officials/c/${c.id}/minutes`}>
          ← <Bi vi="Biên bản" en="Minutes" />
        </a>
      </p>
      <h1>
        <Bi vi="Chủ trì và thư ký ký biên bản" en="The chair and the secretary sign the minutes" />
      </h1>
      <p>{c.title}</p>
      <MinutesSigning {...props.signing} roles={['chair', 'secretary']} action={`/officials/c/${c.id}/minutes/signatures`} />
      <p class="hint">
        <Bi
          vi="Đại diện Ban công tác Mặt trận ký trên trang của Ban giám sát, bằng khóa của mình."
          en="The Front representative signs on the monitors’ pages, with their own key."
        />
      </p>
    </StaffFrame>
  );
}
