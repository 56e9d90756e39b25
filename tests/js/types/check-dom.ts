// Type-checked (never run) with the DOM lib but without DOM.Iterable, as
// many browser projects compile: a real fetch `Response` and `Headers` fit the
// response API's structural types.
import { decodeResponse, fromResponse, throwForResponse, type ErrcatError } from 'errcat';

async function wrapper(url: string): Promise<Response> {
  const res: Response = await throwForResponse('spaces', await fetch(url));
  const e: ErrcatError<'spaces'> | null = await fromResponse('spaces', res, { now: new Date() });
  const parts: ErrcatError | null = decodeResponse('rtc' as string, res.status, res.headers, await res.arrayBuffer());
  const fromInit = decodeResponse('rtc', 503, new Headers({ 'Retry-After': '5' }), '');
  return res;
}
export {};
