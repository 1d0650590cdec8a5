/**
 * The monitors' signing script, served as `/monitors/assets/sign.js` (functions/http/sign-assets.ts): the
 * countersignature of a published result (`#countersign`) and the Front representative's signature of the minutes
 * (`#minutes-sign`), each on the consultation page when it has the part's section.
 */
import './no-eval.ts';
import { startCountersign } from './countersign.ts';
import { startMinutesSigning } from './minutes.ts';
import { startParts } from './page.ts';

startParts(startCountersign, startMinutesSigning);
