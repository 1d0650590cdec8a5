/**
 * The officials' signing script, served as `/officials/assets/sign.js` (functions/http/sign-assets.ts): the chair's
 * and the secretary's signatures of the minutes, on the page that has the section `#minutes-sign`.
 */
import './no-eval.ts';
import { startMinutesSigning } from './minutes.ts';
import { startParts } from './page.ts';

startParts(startMinutesSigning);
