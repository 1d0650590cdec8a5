/**
 * A commune as people read it: its display name ("Xã An Bình") once UBND xã has set it; until then its id, labelled
 * as an id ("Mã xã xa-an-binh") so that nobody takes it for a name.
 */
import { En } from '../lang.tsx';

/** The staff pages' header: the name, or the id labelled as one. */
export function CommuneLabel(props: { commune: string; name?: string | undefined }) {
  if (props.name !== undefined) return <span class="commune-name">{props.name}</span>;
  return (
    <span>
      Mã xã <span class="mono">{props.commune}</span> <En>(commune id)</En>
    </span>
  );
}
