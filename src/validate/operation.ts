/** The one operation this suite is about, as recorded requests name it. */

export const OPERATION_PATH_TEMPLATE = "/zones/{zone_identifier}/client_certificates/{client_certificate_identifier}";

/** `.../zones/<id>/client_certificates/<id>` at the end of the path, under any base path; the query is ignored. */
const OPERATION_PATH = /\/zones\/[^/]+\/client_certificates\/[^/]+$/;

/**
 * An absolute http(s) URL whose path WHATWG's parser leaves as it is (only characters it never
 * encodes or decodes; no dot, so no `.` or `..` segment): its path is the one `new URL` gives,
 * read off the text. Whether the origin parses is asked once per origin. Parsing every URL of a
 * large recording was a tenth of `validate`'s time.
 */
const PLAIN_URL = /^(https?:\/\/[^/?#\\\s]+)(\/[A-Za-z0-9\-_~!$&'()*+,;=:@/]*)?(?:[?#]|$)/;
const originParses = new Map<string, boolean>();

/** What `new URL(url).pathname` is, or undefined when the URL does not parse. */
function pathnameOf(url: string): string | undefined {
  const plain = PLAIN_URL.exec(url);
  if (plain) {
    let parses = originParses.get(plain[1]!);
    if (parses === undefined) {
      parses = URL.canParse(`${plain[1]}/`);
      if (originParses.size < 1_000) originParses.set(plain[1]!, parses);
    }
    return parses ? plain[2] || "/" : undefined;
  }
  try {
    return new URL(url, "http://recorded.invalid").pathname;
  } catch {
    return undefined;
  }
}

/** Whether a recorded request URL (absolute, or a bare path as some cassettes store it) is this operation's. */
export function isOperationUrl(url: string): boolean {
  const pathname = pathnameOf(url);
  return pathname !== undefined && OPERATION_PATH.test(pathname);
}
