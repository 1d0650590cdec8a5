/**
 * The officials' page where the village head signs the drafted decision record with a key kept in this browser
 * (./minutes-signing.tsx); the one officials' page with a script, served from this origin.
 */
import type { Consultation } from '../../shared/schemas.ts';
import { StaffFrame } from './frame.tsx';
import type { Official } from './model.ts';
import { MinutesSigning, SIGNING_STYLE, type MinutesSigningInput } from './minutes-signing.tsx';
import { Bi } from './parts.tsx';

/** The officials' signing script: ../../functions/http/signing-script.ts with the record's part. */
export const OFFICIAL_SIGN_SRC = '/officials/assets/sign.js';

export interface MinutesSignPageInput {
  official: Official;
  consultation: Consultation;
  signing: Omit<MinutesSigningInput, 'roles' | 'action'>;
}

export function MinutesSignPage(props: MinutesSignPageInput) {
  const c = props.consultation;
  return (
    <StaffFrame role="official" title="Ký số văn bản quyết định" who={props.official} style={SIGNING_STYLE} script={OFFICIAL_SIGN_SRC}>
      <p>
        <a href={`/officials/c/${c.id}/minutes`}>
          ← <Bi vi="Văn bản quyết định" en="Decision record" />
        </a>
      </p>
      <h1>
        <Bi vi="Trưởng thôn ký số văn bản quyết định" en="The village head signs the decision record with a key" />
      </h1>
      <p>{c.title}</p>
      <MinutesSigning {...props.signing} roles={['village_head']} action={`/officials/c/${c.id}/minutes/signatures`} />
      <p class="hint">
        <Bi
          vi="Trưởng ban công tác Mặt trận ký trên trang của Ban giám sát, bằng khóa của mình."
          en="The head of the Front working committee signs on the monitors’ pages, with their own key."
        />
      </p>
    </StaffFrame>
  );
}
