/**
 * The discussion codes of a consultation's households, shown this one time to print: a table by hamlet and roll id
 * with each code and the address of the discussion page. A4 when printed; no names (the head's name stays with the
 * commune's roll and the person handing out the slips).
 */
import type { Consultation } from '../../shared/schemas.ts';
import { OfficialFrame } from './frame.tsx';
import type { Official } from './model.ts';
import { Bi } from './parts.tsx';

const PRINT = '@media print{header,footer,.no-print{display:none}table{font-size:11pt}}@page{size:A4;margin:15mm}';

export function DiscussionCodesPage(props: {
  official: Official;
  consultation: Consultation;
  discussUrl: string;
  credentials: ReadonlyArray<{ household: string; hamlet: string; code: string }>;
}) {
  const c = props.consultation;
  return (
    <OfficialFrame title="Mã thảo luận" official={props.official} wide style={PRINT}>
      <p class="no-print">
        <a href={`/officials/c/${c.id}/discussion`}>← {c.title}</a>
      </p>
      <h1>
        <Bi vi="Mã thảo luận của các hộ" en="The households’ discussion codes" />
      </h1>
      <div class="panel panel-warn no-print" role="alert">
        <p>
          <strong>
            <Bi vi="Các mã chỉ hiển thị một lần: hãy in ngay." en="The codes are shown this one time: print them now." />
          </strong>
        </p>
      </div>
      <p>
        <Bi vi={`Góp ý tại: ${props.discussUrl}`} en="Comment at the address above, with the code." />
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">
              <Bi vi="Thôn" en="Hamlet" />
            </th>
            <th scope="col">
              <Bi vi="Số hộ" en="Roll id" />
            </th>
            <th scope="col">
              <Bi vi="Mã thảo luận" en="Discussion code" />
            </th>
          </tr>
        </thead>
        <tbody>
          {props.credentials.map((k) => (
            <tr>
              <td>{k.hamlet}</td>
              <td class="mono">{k.household}</td>
              <td class="mono">{k.code}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </OfficialFrame>
  );
}
