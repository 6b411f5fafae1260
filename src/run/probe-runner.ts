import { KeptAliveConnection } from "../http/node-http-transport.ts";
import type { Exchange, GetOptions } from "../http/index.ts";
import { answerOf, serverSpoke, unansweredCause, type ProbeResult, type Send } from "./execute.ts";
import type { Probe } from "./probes.ts";

/** After this many control reads in a row without an answer, the target is taken to be down: nothing more is sent. */
const DOWN_AFTER_CONTROLS = 2;
/** Most requests in flight at once counting those that gave up their place (see `stalled`), as a multiple of the concurrency. */
const MOST_IN_FLIGHT = 4;
/** A request waits at least this long, and this many times the median answer, before it gives up its place. */
const STALL_FLOOR_MS = 1_000;
const STALL_MEDIANS = 4;

/** The evidence of a probe that was never sent, and why (the run stopped, or the target had stopped answering). */
function notSent(probe: Probe, seq: number, why: string): Exchange {
  return {
    seq, label: probe.label, attempts: 0, curl: "",
    request: { method: "GET", url: probe.path, headers: {} },
    error: { kind: "stopped", message: `not sent: ${why}` },
    timing: { startedAt: new Date().toISOString(), durationMs: 0 },
  };
}

/**
 * Probes that are the same request (path, credentials, headers asked for): a replay tells them
 * apart only by the order they come in, and a server only by when, so they are never in flight
 * together. (Header-name case, the HTTP version and the connection are how a request is sent,
 * not which one it is.)
 */
function sameRequestKey(probe: Pick<Probe, "path" | "auth" | "headers" | "withoutHeaders">): string {
  return JSON.stringify([probe.path, probe.auth, probe.headers ?? null, probe.withoutHeaders ?? null]);
}

/** A plain read: every variant and repeat of a certificate's read is sent after the plain reads before it are answered. */
const isPlainRead = (p: Probe) => p.kind === "read" && !p.variant && !p.repeat;

export interface ProbeRunnerOptions {
  /** The read a control sends (a known certificate with a declared scheme); none: no control reads. */
  control?: Probe;
  onProgress?: (result: ProbeResult) => void;
  /** Stops sending (a deadline, a signal): the rest are not sent. */
  stopped?: () => string | undefined;
  /** Most probes in flight at once (`--concurrency`); 1, the default, sends them one after another. */
  concurrency?: number;
  /** The least a request waits before it may give up its place (default 1 s; tests shorten it). */
  stallFloorMs?: number;
}

/** A probe sent and not yet answered. */
interface Flight {
  key: string;
  plainRead: boolean;
  /** The order it was sent in, within the runner. */
  order: number;
  /** Its place in the plan given to runAll (-1: a control read). */
  planIndex: number;
  sentAt: number;
  done: boolean;
}

/**
 * Sends probes through the one client, up to `concurrency` at once, and tells a target that
 * fails some requests from one that is down.
 *
 * Order. Probes are sent in plan order, but for those that must wait, which let later ones go
 * first: the same request (see sameRequestKey; the two steps of a kept-alive pair are one) is
 * never in flight twice and goes in plan order, and a variant or repeat of a read waits for the
 * plain reads before it in the plan to be answered. Results are kept in plan order, whatever
 * order the answers come in; `exchange.seq` is the order sent.
 *
 * Down or failing. Answers are judged in plan order, exactly as one after another: when a probe
 * gets no answer (timeout, reset, a cut body, 429) and the next one does not either, a control
 * read of a known certificate follows; if that is answered, the server is up and the unanswered
 * probes are its failures (HTTP-EVERY-REQUEST-ANSWERED); only when control reads go unanswered
 * too is the target down, and nothing more is sent. While two unanswered in a row await their
 * control read, nothing more is sent either. So the control reads, the requests and the report
 * are the same at every concurrency; only for a target found down are the probes sent before
 * that was known sent too (at most 2 × `concurrency`).
 *
 * A class of requests the target never answers. A request that has waited past
 * max(1 s, 4 × the median answer so far) while a request sent after it was answered gives up
 * its place to the next probe (the server is up, and not working on it), up to 4 × concurrency
 * in flight: the probes of such a class wait out their timeouts together, not one after
 * another. With concurrency 1 no answer can come past one in flight: nothing gives up its place.
 */
export class ProbeRunner {
  readonly results: ProbeResult[] = [];
  /** Why nothing more is sent, once the target is down. */
  down: string | undefined;
  private pending = 0;
  private failedControls = 0;
  private answeredOnce = false;
  private readonly concurrency: number;
  private readonly now = Date.now;
  private readonly stallFloorMs: number;
  private readonly flights = new Set<Flight>();
  private sentCount = 0;
  /** Probes sent but not yet judged (their control reads included). */
  private unsettled = 0;
  /** The latest `order` of a request that was answered. */
  private lastAnsweredOrder = -1;
  private readonly answerMs: number[] = [];
  private waiters: (() => void)[] = [];
  /** The plan position whose answer is judged next (runAll's loop waits for it). */
  private judgedNext = 0;

  constructor(private readonly send: Send, private readonly opts: ProbeRunnerOptions = {}) {
    this.concurrency = Math.max(1, Math.floor(opts.concurrency ?? 1));
    this.stallFloorMs = opts.stallFloorMs ?? STALL_FLOOR_MS;
  }

  /** True once any request was answered. */
  get anyAnswered(): boolean {
    return this.answeredOnce;
  }

  /** Sends one probe (after those sent before it are judged) and judges its answer. */
  async run(probe: Probe): Promise<ProbeResult> {
    return (await this.runAll([probe]))[0]!;
  }

  /** Sends probes as the concurrency allows; their results in the order given (also kept in `results`, with control reads). */
  async runAll(probes: readonly Probe[]): Promise<ProbeResult[]> {
    const slots: { exchange?: Promise<Exchange>; sent: boolean }[] = probes.map(() => ({ sent: false }));
    let dispatchError: unknown;
    const dispatching = this.dispatchAll(probes, slots).catch((e: unknown) => {
      dispatchError = e;
      this.wake();
    });
    const out: ProbeResult[] = [];
    for (const [i, probe] of probes.entries()) {
      const slot = slots[i]!;
      this.judgedNext = i;
      this.wake();
      while (!slot.exchange) {
        if (dispatchError !== undefined) throw dispatchError;
        await this.changed();
      }
      const exchange = await slot.exchange;
      const result = this.keep(probe, exchange);
      if (slot.sent && !this.down) await this.afterAnswer(exchange);
      if (slot.sent) this.unsettled--;
      this.wake();
      out.push(result);
    }
    await dispatching;
    if (dispatchError !== undefined) throw dispatchError;
    return out;
  }

  private async dispatchAll(probes: readonly Probe[], slots: { exchange?: Promise<Exchange>; sent: boolean }[]): Promise<void> {
    const keys = probes.map(sameRequestKey);
    /** Plan positions not yet sent, in plan order. */
    const waiting = probes.map((_, i) => i);
    while (waiting.length) {
      const stop = this.opts.stopped?.() ?? (this.down ? `the target had stopped answering (${this.down})` : undefined);
      if (stop !== undefined) {
        for (const i of waiting) slots[i]!.exchange = Promise.resolve(notSent(probes[i]!, this.results.length + 1, stop));
        waiting.length = 0;
        break;
      }
      let sent = false;
      if (this.concurrency === 1) {
        // One after another: the next once the last is judged (and its control read sent).
        if (this.unsettled === 0) sent = this.send1(probes, slots, waiting.shift()!);
      } else if (this.pending >= 2 && this.opts.control) {
        // Two unanswered in a row: until a control read says whether the target is up, only the
        // probe whose answer is judged next goes (as one after another would send it).
        if (waiting[0] === this.judgedNext && this.hasRoom() && !this.mustWait(probes, keys, waiting[0], [])) sent = this.send1(probes, slots, waiting.shift()!);
      } else {
        // In plan order, past those that must wait (for the same request, or for the plain reads before them).
        for (let k = 0; k < waiting.length && this.hasRoom();) {
          const i = waiting[k]!;
          if (this.mustWait(probes, keys, i, waiting.slice(0, k))) {
            k++;
            continue;
          }
          waiting.splice(k, 1);
          sent = this.send1(probes, slots, i);
        }
      }
      if (sent) this.wake();
      else await this.changedOrStalled();
    }
    this.wake();
  }

  private send1(probes: readonly Probe[], slots: { exchange?: Promise<Exchange>; sent: boolean }[], i: number): true {
    slots[i]!.exchange = this.dispatch(probes[i]!, i);
    slots[i]!.sent = true;
    return true;
  }

  /** Room in flight for one more (see the class comment): under N holding their place, under 4 × N in all. */
  private hasRoom(): boolean {
    const inFlight = [...this.flights].filter((f) => !f.done);
    return inFlight.length < this.concurrency * MOST_IN_FLIGHT && inFlight.filter((f) => !this.stalled(f)).length < this.concurrency;
  }

  /**
   * Whether probe `i` must wait: the same request is in flight or not yet sent before it, or it is a
   * variant or repeat of a read and a plain read before it in the plan is not yet answered.
   */
  private mustWait(probes: readonly Probe[], keys: string[], i: number, earlierWaiting: number[]): boolean {
    const inFlight = [...this.flights].filter((f) => !f.done);
    if (inFlight.some((f) => f.key === keys[i]) || earlierWaiting.some((j) => keys[j] === keys[i])) return true;
    const probe = probes[i]!;
    if (probe.kind !== "read" || !(probe.variant || probe.repeat)) return false;
    return inFlight.some((f) => f.plainRead && f.planIndex < i) || earlierWaiting.some((j) => isPlainRead(probes[j]!));
  }

  /** Whether a request in flight has given up its place: it waited long, and a request sent after it was answered. */
  private stalled(f: Flight): boolean {
    return this.lastAnsweredOrder > f.order && this.now() - f.sentAt >= this.stallAfterMs();
  }

  private stallAfterMs(): number {
    if (!this.answerMs.length) return this.stallFloorMs;
    const sorted = [...this.answerMs].sort((a, b) => a - b);
    return Math.max(this.stallFloorMs, STALL_MEDIANS * sorted[Math.floor(sorted.length / 2)]!);
  }

  /** Sends a request, tracked in flight until it ends. */
  private async track<T extends Exchange>(key: string, plainRead: boolean, planIndex: number, sending: () => Promise<T>): Promise<T> {
    const flight: Flight = { key, plainRead, planIndex, order: this.sentCount++, sentAt: this.now(), done: false };
    this.flights.add(flight);
    try {
      const exchange = await sending();
      if (answerOf(exchange) === "answered" || serverSpoke(exchange)) {
        this.lastAnsweredOrder = Math.max(this.lastAnsweredOrder, flight.order);
        if (this.answerMs.length < 1_000) this.answerMs.push(exchange.timing.durationMs);
      }
      return exchange;
    } finally {
      flight.done = true;
      this.flights.delete(flight);
      this.wake();
    }
  }

  private dispatch(probe: Probe, planIndex: number): Promise<Exchange> {
    this.unsettled++;
    return this.track(sameRequestKey(probe), isPlainRead(probe), planIndex, async () => {
      const exchange = await this.send(probe.path, this.optionsFor(probe));
      if (probe.connection && !this.connections.get(probe.connection.group)?.more) this.closeConnection(probe.connection.group);
      return exchange;
    });
  }

  /** Kept-alive connections by group, and whether a later step of the group is still to come. */
  private readonly connections = new Map<string, { connection: KeptAliveConnection; more: boolean }>();
  /** The last step of each connection group of the plan (set by `planned`). */
  private lastSteps = new Map<string, number>();

  /** Tells the runner the plan, so it knows when a connection group's last request is sent. */
  planned(probes: readonly Probe[]): void {
    this.lastSteps = new Map();
    for (const p of probes) if (p.connection) this.lastSteps.set(p.connection.group, Math.max(this.lastSteps.get(p.connection.group) ?? 0, p.connection.step));
  }

  private optionsFor(probe: Probe): GetOptions {
    let connection: KeptAliveConnection | undefined;
    if (probe.connection) {
      const { group, step } = probe.connection;
      const held = this.connections.get(group) ?? { connection: new KeptAliveConnection(), more: true };
      held.more = step < (this.lastSteps.get(group) ?? step);
      this.connections.set(group, held);
      connection = held.connection;
    }
    return {
      auth: probe.auth, label: probe.label, publicHeaderValues: probe.publicHeaderValues,
      ...(probe.headers ? { headers: probe.headers } : {}), ...(probe.withoutHeaders ? { withoutHeaders: probe.withoutHeaders } : {}),
      ...(probe.upperCaseHeaderNames ? { upperCaseHeaderNames: true } : {}), ...(connection ? { connection } : {}),
      ...(probe.awaitClose ? { awaitClose: true } : {}), ...(probe.httpVersion ? { httpVersion: probe.httpVersion } : {}),
    };
  }

  private closeConnection(group: string): void {
    this.connections.get(group)?.connection.close();
    this.connections.delete(group);
  }

  /** At the end: confirms (or not) the last unanswered probes with one control read. */
  async finish(): Promise<void> {
    for (const group of [...this.connections.keys()]) this.closeConnection(group);
    if (this.pending > 0 && !this.down) await this.controlRead();
  }

  private keep(probe: Probe, exchange: Exchange): ProbeResult {
    const result = { probe, exchange };
    this.results.push(result);
    this.opts.onProgress?.(result);
    return result;
  }

  private async afterAnswer(exchange: Exchange): Promise<void> {
    const answer = answerOf(exchange);
    if (serverSpoke(exchange)) this.answeredOnce = true;
    if (answer === "answered") {
      this.answeredOnce = true;
      this.pending = 0;
      this.failedControls = 0;
    } else if (answer === "unanswered") {
      this.pending++;
      // One unanswered probe may be confirmed by the next answer; two in a row ask a control read.
      if (this.pending >= 2) await this.controlRead();
    }
  }

  private async controlRead(): Promise<void> {
    const control = this.opts.control;
    if (!control || this.opts.stopped?.() !== undefined) return;
    // The same request as a read in flight waits for it (a replay answers alike requests in order).
    const key = sameRequestKey(control);
    while ([...this.flights].some((f) => f.key === key)) await this.changed();
    const exchange = await this.track(key, true, -1, () => this.send(control.path, { auth: control.auth, label: control.label }));
    this.keep({ ...control, key: `${control.key}:${this.results.length + 1}` }, exchange);
    if (answerOf(exchange) === "answered" || serverSpoke(exchange)) {
      this.answeredOnce = true;
      this.pending = 0;
      this.failedControls = 0;
    } else if (answerOf(exchange) === "unanswered" && ++this.failedControls >= DOWN_AFTER_CONTROLS) {
      this.down = unansweredCause(exchange);
    }
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const resolve of waiting) resolve();
  }

  private changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** A change, or the moment a request in flight may give up its place (one answered after it was sent, not yet long enough). */
  private async changedOrStalled(): Promise<void> {
    const at = [...this.flights].filter((f) => !f.done && this.lastAnsweredOrder > f.order && !this.stalled(f)).map((f) => f.sentAt + this.stallAfterMs());
    if (this.concurrency === 1 || !at.length) return this.changed();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.changed(), new Promise<void>((resolve) => { timer = setTimeout(resolve, Math.max(1, Math.min(...at) - this.now())); timer.unref(); })]);
    clearTimeout(timer);
  }
}
