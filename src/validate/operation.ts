/** The one operation this suite is about, as recorded requests name it. */

export const OPERATION_PATH_TEMPLATE = "/zones/{zone_identifier}/client_certificates/{client_certificate_identifier}";

/** `.../zones/<id>/client_certificates/<id>` at the end of the path, under any base path; the query is ignored. */
const OPERATION_PATH = /\/zones\/[^/]+\/client_certificates\/[^/]+$/;

/** Whether a recorded request URL (absolute, or a bare path as some cassettes store it) is this operation's. */
export function isOperationUrl(url: string): boolean {
  let pathname: string;
  try {
    pathname = new URL(url, "http://recorded.invalid").pathname;
  } catch {
    return false;
  }
  return OPERATION_PATH.test(pathname);
}
