// Uses of a deprecated literal (securechat 504), for deprecation.mjs: tsc's
// language service must report each line marked with a D comment as deprecated, and
// nothing else. Type-checks cleanly: a deprecation is a suggestion, not an error.
import { decode, type SecurechatCodes } from 'errcat';

declare const codes: SecurechatCodes;
export const taken = codes.USERNAME_HAS_ALREADY_BEEN_TAKEN; /*D*/
export type Taken = SecurechatCodes['USERNAME_HAS_ALREADY_BEEN_TAKEN']; /*D*/
export const body = codes.INVALID_BODY;
export type Body = SecurechatCodes['INVALID_BODY'];
// Decoding the deprecated code still works, with no warning at the call.
export const decoded: string = decode('securechat', 504).symbol;
