/** The officials' confirmation before cancelling a consultation that has not opened for voting. */
import type { Consultation } from '../../shared/schemas.ts';
import { ConfirmPage } from './confirm-page.tsx';
import type { Official } from './model.ts';
import { Bi } from './parts.tsx';

export function CancelPage(props: { official: Official; consultation: Consultation; allowed: boolean }) {
  const { official, allowed } = props;
  const rec = { consultation: props.consultation };
  return (
    <ConfirmPage
      official={official}
      consultation={rec.consultation}
      title={{ vi: 'Hủy cuộc lấy ý kiến?', en: 'Cancel the consultation?' }}
      action={`/officials/c/${rec.consultation.id}/cancel`}
      button={{ vi: 'Hủy cuộc lấy ý kiến', en: 'Cancel it' }}
      danger
      allowed={allowed}
    >
      <p>
        {allowed ? (
          <Bi vi="Cuộc lấy ý kiến sẽ bị hủy và không thể mở lại; trang công khai ghi là đã hủy." en="It is cancelled for good; the public page says so." />
        ) : (
          <Bi vi="Chỉ hủy được khi chưa mở biểu quyết." en="Only a consultation not yet open for voting can be cancelled." />
        )}
      </p>
    </ConfirmPage>
  );
}
