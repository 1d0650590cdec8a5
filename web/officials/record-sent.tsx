/**
 * The officials' part of what follows a published result (Law 10/2022 Art. 20(3)): the sending deadline and each
 * sending as the result page shows them (../after-publication.tsx), and the form that records a sending to UBND xã
 * or UBMTTQ xã. Also the date and reference fields every after-publication form shares (the commune's pages too).
 */
import type { AfterPublication } from '../../shared/recognition.ts';
import { SendingAndRecognition } from '../after-publication.tsx';
import { Bi } from './parts.tsx';
import { En } from '../lang.tsx';

/** A native date field fits a phone; the staff style leaves it unstyled, so it gets the text fields' look here. */
export const DATE_STYLE = 'input[type=date]{font:inherit;min-height:44px;padding:.4rem .5rem;border:2px solid #767676;border-radius:6px;background:#fff}';

/** The document's date (not after today, Vietnam time) and its reference, with ids prefixed by `prefix`. */
export function DateAndReference(props: { prefix: string; today: string }) {
  const { prefix } = props;
  return (
    <>
      <label class="field" for={`${prefix}-date`}>
        <Bi vi="Ngày văn bản" en="Date of the document" />
      </label>
      <input type="date" id={`${prefix}-date`} name="date" required max={props.today} value={props.today} />
      <label class="field" for={`${prefix}-reference`}>
        <Bi vi="Số, ký hiệu văn bản" en="Reference" />
      </label>
      <input type="text" id={`${prefix}-reference`} name="reference" required maxlength={200} autocomplete="off" />
    </>
  );
}

const TO = [
  ['ubnd_xa', 'UBND xã', 'the commune People’s Committee'],
  ['ubmttq_xa', 'UBMTTQ xã', 'the commune Fatherland Front committee'],
] as const;

/** The section of a published round's page: the state after publication, and the form while a sending is missing. */
export function RecordSentSection(props: { id: string; record: AfterPublication; today: string }) {
  const { record } = props;
  const pending = record.takesEffect === 'none' ? [] : record.sending.pending;
  return (
    <>
      <SendingAndRecognition record={record} />
      {pending.length > 0 ? (
        <form method="post" action={`/officials/c/${props.id}/record/sent`} id="record-sent">
          <h3>
            <Bi vi="Gửi văn bản đến UBND xã / UBMTTQ xã" en="Send the decision to UBND xã / UBMTTQ xã" />
          </h3>
          <fieldset>
            <legend>
              <Bi vi="Gửi đến" en="Sent to" />
            </legend>
            {TO.filter(([to]) => pending.includes(to)).map(([to, vi, en], i) => (
              <label>
                <input type="radio" name="to" value={to} required checked={i === 0} /> {vi} <En>({en})</En>
                <br />
              </label>
            ))}
          </fieldset>
          <DateAndReference prefix="sent" today={props.today} />
          <p>
            <button type="submit">
              Ghi nhận đã gửi <En bare>Record the sending</En>
            </button>
          </p>
        </form>
      ) : null}
    </>
  );
}
