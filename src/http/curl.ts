/**
 * A curl command that reproduces an exchange's request, built from the redacted evidence only, so
 * it can never contain a credential: configured ones appear as `"$CLOUDFLARE_API_TOKEN"`-style
 * shell variables the user's environment fills in.
 */
import { CREDENTIAL_PLACEHOLDERS } from "./redact.ts";
import type { ExchangeRequest } from "./types.ts";

const PLACEHOLDER_SPLIT = new RegExp(
  `(${Object.values(CREDENTIAL_PLACEHOLDERS)
    .map((p) => p.replace(/\$/g, "\\$"))
    .join("|")})`,
);
const PLACEHOLDERS: ReadonlySet<string> = new Set(Object.values(CREDENTIAL_PLACEHOLDERS));

/**
 * `text` as one POSIX shell word: literal parts single-quoted (nothing in them is expanded),
 * credential placeholders double-quoted so the shell substitutes the variable.
 * e.g. `Authorization: Bearer $CLOUDFLARE_API_TOKEN` -> `'Authorization: Bearer '"$CLOUDFLARE_API_TOKEN"`.
 */
export function shellWord(text: string): string {
  if (text === "") return "''";
  return text
    .split(PLACEHOLDER_SPLIT)
    .filter((part) => part !== "")
    .map((part) => (PLACEHOLDERS.has(part) ? `"${part}"` : `'${part.replace(/'/g, `'\\''`)}'`))
    .join("");
}

/**
 * The curl command for `request`. `--globoff` keeps `[]{}` in ids literal and `--path-as-is` keeps
 * `..` and `.` segments, so odd ids reach the server as they did from the suite.
 */
export function curlCommand(request: ExchangeRequest): string {
  const args = ["curl", "--globoff", "--path-as-is", "-sS", "-i"];
  if (request.method !== "GET") args.push("-X", shellWord(request.method));
  for (const [name, value] of Object.entries(request.headers)) args.push("-H", shellWord(`${name}: ${value}`));
  args.push(shellWord(request.url));
  return args.join(" ");
}
