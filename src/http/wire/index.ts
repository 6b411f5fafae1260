/** Judging the bytes of HTTP/1.x answers on the wire (RFC 9112/9110 framing), and tapping node:http's sockets for them. */
export { WireJudge, type WireJudgeOptions, type WireMessage, type WireViolation } from "./judge.ts";
export { WIRE_RULES, type WireRule } from "./rules.ts";
export { tappedConnection, type CreateConnection, type TapOptions } from "./tap.ts";
